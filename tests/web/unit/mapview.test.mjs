import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src } from './helpers.mjs';

const { EMPTY, fillsOf, tooltipLines } = await import(src('mapview.js'));
const { regionModels } = await import(src('mapmodel.js'));
const { mapCoverage } = await import(src('coverage.js'));
const { NO_DATA } = await import(src('colours.js'));
const record = fixture('record.json');
const colour = (u) => ({ RU: '#d1495b', UA: '#2e6fba', eu: '#edae49', nato: '#3a9e6e', 'eu+nato': '#8a5bb8' })[u];
const names = { RU: 'Russia', UA: 'Ukraine' };

test('whole is filled, partial is hatched, a combination has its own colour', () => {
  const control = fillsOf(regionModels(record['controlled-by@2024-03-01']), null, colour);
  assert.deepEqual(control.get('UA-43').fill, { colour: '#d1495b' });
  assert.deepEqual(control.get('UA-65').fill, { stripes: ['#d1495b', '#2e6fba'], style: 'partial' });
  assert.equal(control.get('UA-65').partial, 'RU+UA');
  const nato = fillsOf(regionModels(record['member-of@2024-03-08']), null, colour);
  assert.deepEqual(nato.get('SE').fill, { colour: '#8a5bb8' });
  assert.equal(nato.get('SE').object, 'eu+nato');
  assert.equal(EMPTY.fill.colour, NO_DATA);
});

test('a region the record does not cover is dotted, an unmarked one without a fact stays empty', () => {
  const coverage = mapCoverage({ uncovered: { 'UA-63': 'n', 'UA-65': '' } });
  const fills = fillsOf(regionModels(record['controlled-by@2024-03-01']), coverage, colour);
  assert.equal(fills.get('UA-63').style, 'not-covered');
  assert.ok(fills.get('UA-63').fill.dots);
  assert.equal(fills.get('UA-65').style, 'partial', 'a fact wins over a mark');
  assert.ok(!fills.has('UA-48'));
});

test('the tooltip says each fact with its extent, or the silence', () => {
  const m = regionModels(record['controlled-by@2024-03-01']);
  assert.deepEqual(tooltipLines(m.get('UA-65'), null, 'UA-65', (id) => names[id]).map((l) => l.text).sort(), ['Russia (partial)', 'Ukraine (partial)']);
  assert.deepEqual(tooltipLines(undefined, null, 'UA-63', (id) => names[id]), [{ text: 'not recorded', muted: true }]);
  const coverage = mapCoverage({ uncovered: { 'UA-63': '' } });
  assert.equal(tooltipLines(undefined, coverage, 'UA-63', (id) => names[id])[0].text, 'not covered');
});
