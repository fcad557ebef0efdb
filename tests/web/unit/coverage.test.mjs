// Coverage marks as the API serves them (`uncovered` of GET /api/entity and GET /api/map;
// web/src/coverage.js, docs/web.md): the record marks what it does not cover, never what it does.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src } from './helpers.mjs';

const { entityCoverage, mapCoverage, silence } = await import(src('coverage.js'));
const { countLegend } = await import(src('legend.js'));
const { regionModels } = await import(src('mapmodel.js'));

const kharkivEntity = {
  id: 'UA-63', kind: 'ua-region', facts: [],
  uncovered: [
    { relation: 'controlled-by', from: '2022-02-24', to: null, note: 'control is recorded only for the six contested units', order: 'o', sources: ['s'] },
  ],
};
const controlMap = {
  relation: 'controlled-by', at: '2024-03-01', assignments: {}, disputed: {}, legend: [],
  uncovered: { 'UA-63': 'control is recorded only for the six contested units', 'UA-48': 'idem' },
};

test('an answer without marks: silence is "not recorded", never "none"', () => {
  assert.equal(entityCoverage({ id: 'UA-63', facts: [] }), null);
  assert.equal(mapCoverage({ assignments: {} }), null);
  const s = silence(null, 'controlled-by');
  assert.equal(s.word, 'not recorded');
  assert.equal(s.state, 'unknown');
});

test('an entity answer with a mark: "not covered" with its note; an unmarked relation is "not recorded"', () => {
  const c = entityCoverage(kharkivEntity);
  assert.deepEqual(silence(c, 'controlled-by'), { state: 'not-covered', word: 'not covered', note: 'control is recorded only for the six contested units' });
  assert.equal(silence(c, 'part-of').word, 'not recorded');
  assert.equal(silence(c, 'military-district').word, 'not recorded', 'a relation the answer does not mark');
});

test('a map answer with marks: the legend counts "not covered" apart from the unrecorded', () => {
  const coverage = mapCoverage(controlMap);
  assert.equal(coverage.get('UA-63').covered, false);
  const models = regionModels(fixture('record.json')['controlled-by@2024-03-01']);
  const shapes = new Set(['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'UA-63', 'UA-48', 'UA-46']);
  const counted = countLegend(models, shapes, coverage);
  assert.equal(counted.notCovered, 2);
  assert.equal(counted.empty, 1);
  assert.equal(silence(coverage, 'UA-46').word, 'not recorded', 'a subject the map answer does not mark');
});
