import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mentionTitle, splitText } from '../../../web/src/panels/read.js';

test('splitText cuts the text at the mentions, counting code points', () => {
  const text = '𝐀 the Leningrad Military District and ЗВО';
  const parts = splitText(text, [{ start: 6, end: 33 }, { start: 38, end: 41 }]);
  assert.deepEqual(parts, [
    { text: '𝐀 the ', mention: -1 },
    { text: 'Leningrad Military District', mention: 0 },
    { text: ' and ', mention: -1 },
    { text: 'ЗВО', mention: 1 },
  ]);
});

test('splitText skips overlapping and out-of-range mentions', () => {
  assert.deepEqual(splitText('abcdef', [{ start: 0, end: 3 }, { start: 2, end: 4 }, { start: 5, end: 9 }]), [
    { text: 'abc', mention: 0 },
    { text: 'def', mention: -1 },
  ]);
});

test('mentionTitle names the entity, its note, or the candidates', () => {
  assert.equal(mentionTitle({ ambiguous: false, entity: 'western-md', kind: 'military-district', note: 'Western Military District: abolished 2024-03-01', candidates: [{ name: 'Western Military District' }] }),
    'western-md (military-district): Western Military District \u2014 Western Military District: abolished 2024-03-01');
  assert.equal(mentionTitle({ ambiguous: true, candidates: [{ entity: 'a', kind: 'person' }, { entity: 'b', kind: 'person' }] }),
    'ambiguous: a (person), b (person)');
});
