import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src } from './helpers.mjs';

const { colourPlan, colourUnits, regionModels, stripesOf } = await import(src('mapmodel.js'));
const { NO_DATA } = await import(src('colours.js'));
const record = fixture('record.json');

test('Kherson Oblast is held in part by each side; Crimea whole by Russia', () => {
  const m = regionModels(record['controlled-by@2024-03-01']);
  const kherson = m.get('UA-65');
  assert.equal(kherson.style, 'partial');
  assert.deepEqual(kherson.partial, ['RU', 'UA']);
  assert.equal(kherson.key, 'RU+UA');
  assert.equal(m.get('UA-43').style, 'solid');
  assert.deepEqual(stripesOf(kherson, (id) => ({ RU: 'r', UA: 'u' })[id]), ['r', 'u']);
  const one = regionModels([{ id: 'X', object: 'RU', qualifiers: { extent: 'partial' } }]).get('X');
  assert.deepEqual(stripesOf(one, () => 'r'), ['r', NO_DATA], 'the rest of a region held in part by one shows as nothing');
});

test('claims that differ per perspective are disputed; memberships of several are a combination', () => {
  const sov = regionModels(record['part-of@2023-06-01'], { exclusive: true });
  assert.equal(sov.get('UA-43').style, 'disputed');
  assert.deepEqual(colourUnits(sov.get('UA-43')), ['RU', 'UA']);
  const nato = regionModels(record['member-of@2024-03-08']);
  assert.equal(nato.get('SE').style, 'combo');
  assert.deepEqual(colourUnits(nato.get('SE')), ['eu+nato']);
  assert.equal(nato.get('NO').style, 'solid');
});

test('the colour plan lists things as they first appear and who borders whom', () => {
  const s1 = new Map([['A', { style: 'solid', objects: ['x'], key: 'x' }], ['B', { style: 'solid', objects: ['y'], key: 'y' }]]);
  const s2 = new Map([['A', { style: 'disputed', objects: ['w', 'x'], key: 'w+x' }], ['B', { style: 'solid', objects: ['y'], key: 'y' }]]);
  const plan = colourPlan([s1, s2], new Map([['A', new Set(['B'])], ['B', new Set(['A'])]]));
  assert.deepEqual(plan.order, ['x', 'y', 'w']);
  assert.deepEqual([...plan.neighbours.get('w')].sort(), ['x', 'y']);
  assert.deepEqual([...plan.neighbours.get('x')].sort(), ['w', 'y']);
});
