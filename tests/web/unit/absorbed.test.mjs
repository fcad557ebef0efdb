import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { absorbedInto, drawnWithin } = await import(src('absorbed.js'));
const { withinText } = await import(src('legend.js'));

// Lineage answers in the shape of GET /api/lineage/ID on the bundled record.
const perm = {
  id: 'RU-KOP',
  links: [{ date: '2005-12-01', predecessor: 'RU-KOP', successor: 'RU-PER', type: 'merged-into', order: 'ru-merger-perm-2005', sources: ['merger-perm-2004'] }],
};
const krasnoyarsk = {
  id: 'RU-TAY',
  links: [
    { date: '2007-01-01', predecessor: 'RU-TAY', successor: 'RU-KYA', type: 'merged-into' },
    { date: '2007-01-01', predecessor: 'RU-EVE', successor: 'RU-KYA', type: 'merged-into' },
  ],
};
const districts = {
  id: 'volga-md',
  links: [{ date: '2001-09-01', predecessor: 'volga-md', successor: 'volga-ural-md', type: 'merged-into' }],
};
const shapes = new Set(['RU-PER', 'RU-KYA', 'RU-MOW']);

test('a subject without a shape merged into one with a shape is drawn within it', () => {
  const a = absorbedInto([perm, krasnoyarsk, districts, null], shapes);
  assert.deepEqual([...a.keys()].sort(), ['RU-EVE', 'RU-KOP', 'RU-TAY']);
  assert.deepEqual(a.get('RU-KOP'), { into: 'RU-PER', date: '2005-12-01' });
  assert.equal(a.has('volga-md'), false, 'a successor without a shape draws nothing');
  // A predecessor with a shape of its own is drawn as itself.
  assert.equal(absorbedInto([perm], new Set(['RU-PER', 'RU-KOP'])).size, 0);
});

test('the absorber holds them on the dates before the merger only', () => {
  const a = absorbedInto([perm, krasnoyarsk], shapes);
  assert.deepEqual(drawnWithin(a, 'RU-KYA', '2006-12-31'), [{ id: 'RU-EVE', until: '2007-01-01' }, { id: 'RU-TAY', until: '2007-01-01' }]);
  assert.deepEqual(drawnWithin(a, 'RU-KYA', '2007-01-01'), []);
  assert.deepEqual(drawnWithin(a, 'RU-PER', '1999-01-01'), [{ id: 'RU-KOP', until: '2005-12-01' }]);
  assert.deepEqual(drawnWithin(a, 'RU-MOW', '1999-01-01'), []);
  const names = { 'RU-KOP': 'Komi-Permyak Autonomous Okrug', 'RU-PER': 'Perm Oblast' };
  assert.equal(withinText('RU-KOP', a.get('RU-KOP'), (id) => names[id]), 'Komi-Permyak Autonomous Okrug: drawn within Perm Oblast, merged into it on 2005-12-01');
});
