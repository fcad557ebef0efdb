// Coverage marks are not served yet: these answers are mocked in the shape the UI expects
// (web/src/coverage.js, docs/web.md).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src } from './helpers.mjs';

const { entityCoverage, mapCoverage, silence } = await import(src('coverage.js'));
const { countLegend } = await import(src('legend.js'));
const { regionModels } = await import(src('mapmodel.js'));

const kharkivEntity = {
  id: 'UA-63', kind: 'ua-region', facts: [],
  coverage: [
    { relation: 'controlled-by', covered: false, note: 'control is recorded only for the six contested units' },
    { relation: 'part-of', covered: true, note: null },
  ],
};
const controlMap = {
  relation: 'controlled-by', at: '2024-03-01', assignments: {}, disputed: {}, legend: [],
  coverage: { 'UA-63': { covered: false, note: 'control is recorded only for the six contested units' }, 'UA-48': { covered: false, note: 'idem' } },
};

test('today\u2019s answers carry no coverage: silence is "not recorded", never "none"', () => {
  assert.equal(entityCoverage({ id: 'UA-63', facts: [] }), null);
  assert.equal(mapCoverage({ assignments: {} }), null);
  const s = silence(null, 'controlled-by');
  assert.equal(s.word, 'not recorded');
  assert.equal(s.state, 'unknown');
});

test('a mocked entity answer with coverage: "not covered" with its note, or "none"', () => {
  const c = entityCoverage(kharkivEntity);
  assert.deepEqual(silence(c, 'controlled-by'), { state: 'not-covered', word: 'not covered', note: 'control is recorded only for the six contested units' });
  assert.equal(silence(c, 'part-of').word, 'none');
  assert.equal(silence(c, 'military-district').word, 'not recorded', 'a relation the answer does not list: as today');
});

test('a mocked map answer with coverage: the legend counts "not covered" apart from "none"', () => {
  const coverage = mapCoverage(controlMap);
  assert.equal(coverage.get('UA-63').covered, false);
  const models = regionModels(fixture('record.json')['controlled-by@2024-03-01']);
  const shapes = new Set(['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'UA-63', 'UA-48', 'UA-46']);
  const counted = countLegend(models, shapes, coverage);
  assert.equal(counted.notCovered, 2);
  assert.equal(counted.empty, 1);
  assert.equal(silence(coverage, 'UA-46').word, 'none', 'a subject the map answer does not list is covered');
});
