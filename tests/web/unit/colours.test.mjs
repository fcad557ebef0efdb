import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, noModules, src, topology } from './helpers.mjs';

const { assignColours, ciede2000, deltaE, MIN_DELTA_E, NO_DATA, NOT_COVERED, PALETTE, toLab } = await import(src('colours.js'));

test('CIEDE2000 agrees with the test data of Sharma, Wu and Dalal (2005)', () => {
  // [L1, a1, b1, L2, a2, b2, ΔE00]: pairs 1, 7, 13, 17, 19, 25, 31 and 34 of the paper's table.
  const pairs = [
    [50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425],
    [50.0, 0.0, 0.0, 50.0, -1.0, 2.0, 2.3669],
    [50.0, 2.49, -0.001, 50.0, -2.4900, 0.0011, 7.2195],
    [50.0, 2.5, 0.0, 73.0, 25.0, -18.0, 27.1492],
    [50.0, 2.5, 0.0, 50.0, 3.1736, 0.5854, 1.0],
    [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
    [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
    [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
  ];
  for (const [L1, a1, b1, L2, a2, b2, want] of pairs) {
    assert.ok(Math.abs(ciede2000([L1, a1, b1], [L2, a2, b2]) - want) < 1e-4, `${[L1, a1, b1]} vs ${[L2, a2, b2]}`);
    assert.ok(Math.abs(ciede2000([L2, a2, b2], [L1, a1, b1]) - want) < 1e-4, 'symmetric');
  }
  assert.deepEqual(toLab('#ffffff').map((x) => Math.round(x) + 0), [100, 0, 0]);
  assert.deepEqual(toLab('rgb(255, 255, 255)').map((x) => Math.round(x) + 0), [100, 0, 0]);
});

test('every palette colour stands apart from the "nothing" fills', () => {
  for (const c of PALETTE) {
    assert.ok(deltaE(c, NO_DATA) >= MIN_DELTA_E, `${c} vs no data: ${deltaE(c, NO_DATA)}`);
    assert.ok(deltaE(c, NOT_COVERED) >= MIN_DELTA_E, `${c} vs not covered: ${deltaE(c, NOT_COVERED)}`);
  }
});

test('neighbours differ by at least ΔE 20, the rule is deterministic and later objects move nothing', () => {
  // A wheel: a hub bordering a ring of eight, each ring member bordering the next.
  const ring = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const nb = new Map([['hub', new Set(ring)]]);
  ring.forEach((id, i) => nb.set(id, new Set(['hub', ring[(i + 1) % 8], ring[(i + 7) % 8]])));
  const order = ['hub', ...ring];
  const colours = assignColours(order, nb);
  for (const [id, near] of nb) for (const n of near) assert.ok(deltaE(colours.get(id), colours.get(n)) >= MIN_DELTA_E, `${id}-${n}`);
  assert.deepEqual([...assignColours(order, nb)], [...colours]);
  assert.equal(new Set(colours.values()).size, 9, 'no colour used twice while the palette has unused ones');
  // A newcomer bordering everyone gets a colour by the same rule and changes no one else's.
  const more = new Map([...nb].map(([k, v]) => [k, new Set([...v, 'new'])]));
  more.set('new', new Set(order));
  const again = assignColours([...order, 'new'], more);
  for (const id of order) assert.equal(again.get(id), colours.get(id));
  for (const id of order) assert.ok(deltaE(again.get('new'), again.get(id)) >= MIN_DELTA_E);
});

test('military districts on every date, and a hypothetical Arctic district beside the Eastern one', { skip: noModules }, async () => {
  const { shapeNeighbours } = await import(src('adjacency.js'));
  const { colourPlan } = await import(src('mapmodel.js'));
  const { regionModels } = await import(src('mapmodel.js'));
  const nb = shapeNeighbours(topology(), 'regions');
  const { stretches } = fixture('record.json')['military-district'];
  const models = stretches.map((facts) => regionModels(facts, { exclusive: true }));
  const check = (allModels) => {
    const plan = colourPlan(allModels, nb);
    const colours = assignColours(plan.order, plan.neighbours);
    for (const m of allModels) {
      for (const [id, model] of m) {
        for (const other of nb.get(id) || []) {
          const o = m.get(other);
          if (!o || o.key === model.key) continue;
          const d = deltaE(colours.get(model.key), colours.get(o.key));
          assert.ok(d >= MIN_DELTA_E, `${id} (${model.key}) next to ${other} (${o.key}): ΔE ${d.toFixed(1)}`);
        }
      }
    }
    return colours;
  };
  const record = check(models);
  assert.equal(new Set(record.values()).size, record.size, 'every district has a colour of its own');
  // The scenario: from 2025 an Arctic district takes the north from the Leningrad, Central and Eastern ones.
  const arctic = ['RU-MUR', 'RU-NEN', 'RU-YAN', 'RU-KYA', 'RU-SA', 'RU-CHU'];
  const last = stretches[stretches.length - 1];
  const moved = last.map((f) => (arctic.includes(f.id) ? { ...f, object: 'arctic-md' } : f));
  const withArctic = check([...models, regionModels(moved, { exclusive: true })]);
  for (const [id, c] of record) assert.equal(withArctic.get(id), c, `${id} keeps its colour`);
  assert.ok(deltaE(withArctic.get('arctic-md'), withArctic.get('eastern-md')) >= MIN_DELTA_E);
});
