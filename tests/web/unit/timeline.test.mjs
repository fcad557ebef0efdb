import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { layoutMarks, stepOrder } = await import(src('timeline.js'));

test('marks on the same day are laid side by side, never on each other', () => {
  const placed = layoutMarks([{ id: 'decree-141', x: 500 }, { id: 'fleet-status', x: 500 }, { id: 'other', x: 200 }], 6, 900);
  assert.equal(placed.get('other'), 200);
  assert.equal(Math.abs(placed.get('decree-141') - placed.get('fleet-status')), 6);
  assert.ok(placed.get('decree-141') < placed.get('fleet-status'), 'ties keep the given order');
  assert.equal((placed.get('decree-141') + placed.get('fleet-status')) / 2, 500, 'centred on their day');
});

test('a crowd spreads around its mean, keeps its order and stays in the lane', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, x: 890 + (i % 3) }));
  const placed = layoutMarks(items, 6, 900);
  const xs = [...placed.values()].sort((a, b) => a - b);
  for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 6 - 1e-9);
  assert.ok(xs[xs.length - 1] <= 900 && xs[0] >= 0);
  const left = layoutMarks([{ id: 'a', x: 0 }, { id: 'b', x: 1 }, { id: 'c', x: 2 }], 6, 900);
  assert.deepEqual([...left.values()], [0, 6, 12]);
});

test('the stepper goes through the view\u2019s orders, those of one day one by one', () => {
  const list = [
    { id: 'ru-decree-1144-2010', day: '2010-12-01' },
    { id: 'ru-decree-2020-06-05', day: '2021-01-01' },
    { id: 'ru-decree-141-2024', day: '2024-03-01' },
    { id: 'ru-northern-fleet-status-2024', day: '2024-03-01' },
  ];
  assert.equal(stepOrder(list, { date: '2015-01-01' }, 1), 'ru-decree-2020-06-05');
  assert.equal(stepOrder(list, { date: '2015-01-01' }, -1), 'ru-decree-1144-2010');
  assert.equal(stepOrder(list, { date: '2024-03-01' }, -1), 'ru-northern-fleet-status-2024', 'the last that made what is shown');
  assert.equal(stepOrder(list, { order: 'ru-decree-141-2024', date: '2024-03-01' }, 1), 'ru-northern-fleet-status-2024');
  assert.equal(stepOrder(list, { order: 'ru-northern-fleet-status-2024', date: '2024-03-01' }, -1), 'ru-decree-141-2024');
  assert.equal(stepOrder(list, { order: 'ru-northern-fleet-status-2024', date: '2024-03-01' }, 1), '');
  assert.equal(stepOrder(list, { date: '2000-01-01' }, -1), '');
});
