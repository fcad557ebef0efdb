import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src, topology } from './helpers.mjs';

const { countLegend, entryLabel, swatchBackground } = await import(src('legend.js'));
const { regionModels } = await import(src('mapmodel.js'));
const record = fixture('record.json');
const countries = new Set(topology().objects.countries.geometries.map((g) => g.id));

test('the Alliances legend counts members from the data, shapes or not', () => {
  const feb = countLegend(regionModels(record['member-of@2024-02-27']), countries);
  const eu = feb.entries.find((e) => e.key === 'eu');
  assert.equal(eu.count, 5, 'AT, CY, IE, MT, SE: the EU members outside NATO');
  assert.deepEqual(eu.unshaped, ['MT'], 'Malta has no shape at the map\u2019s scale');
  const mar = countLegend(regionModels(record['member-of@2024-03-08']), countries);
  assert.equal(mar.entries.find((e) => e.key === 'eu').count, 4, 'Sweden joined NATO on 2024-03-07');
  assert.ok(mar.entries.find((e) => e.key === 'eu+nato').count > feb.entries.find((e) => e.key === 'eu+nato').count);
  // The shapes with no fact are counted apart, and only shapes are.
  assert.equal(feb.empty, [...countries].filter((id) => !regionModels(record['member-of@2024-02-27']).has(id)).length);
  assert.equal(feb.notCovered, 0);
});

test('entries come most first, then by key, and say partial and disputed in words', () => {
  const control = countLegend(regionModels(record['controlled-by@2024-03-01']), new Set(['UA-43', 'UA-40', 'UA-14', 'UA-09', 'UA-23', 'UA-65', 'UA-63']));
  assert.deepEqual(control.entries.map((e) => [e.key, e.count]), [['RU+UA~RU+UA', 4], ['RU', 2]]);
  assert.equal(control.empty, 1);
  const names = { RU: 'Russia', UA: 'Ukraine' };
  assert.equal(entryLabel(control.entries[0].model, (id) => names[id]), 'Russia (partial) + Ukraine (partial)');
  const sov = countLegend(regionModels(record['part-of@2023-06-01'], { exclusive: true }), new Set(['UA-43']));
  const disputed = sov.entries.find((e) => e.model.style === 'disputed');
  assert.equal(entryLabel(disputed.model, (id) => names[id]), 'Russia / Ukraine (views differ)');
  assert.match(swatchBackground(['#111111', '#222222'], 'partial'), /-45deg/);
  assert.match(swatchBackground(['#111111', '#222222'], 'disputed'), /\(45deg/);
  assert.equal(swatchBackground(['#111111'], 'solid'), '#111111');
});
