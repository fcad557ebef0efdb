import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { captionLines, CSV_COLUMNS, exportName, exportRows, LPF_CONTEXT, rowsCsv, rowsGeoJson, rowsLinkedPlaces } = await import(src('export.js'));
const { regionModels } = await import(src('mapmodel.js'));
const { compareKinds } = await import(src('panels/compare.js'));

// Two regions on one date: Murmansk in one district, Kherson held in part by two states, as
// GET /api/snapshot answers.
const facts = [
  { id: 'RU-MUR', object: 'leningrad-md', from: '2024-03-01', to: null, perspective: null, qualifiers: {}, order: 'd141', sources: ['s1', 's2'] },
  { id: 'UA-65', object: 'UA', from: '2022-11-11', to: null, perspective: null, qualifiers: { extent: 'partial' }, order: 'inv', sources: ['s2'] },
  { id: 'UA-65', object: 'RU', from: '2022-03-02', to: null, perspective: null, qualifiers: { extent: 'partial', note: 'left bank' }, order: 'inv', sources: [] },
];
const names = { 'RU-MUR': 'Murmansk Oblast', 'UA-65': 'Kherson Oblast', 'leningrad-md': 'Leningrad Military District', UA: 'Ukraine', RU: 'Russia' };
const ctx = {
  relation: 'military-district', date: '2024-03-01', perspective: '', recorded: '2024-02-25',
  nameOf: (id) => names[id] || id, orderTitle: (id) => ({ d141: 'Decree No. 141' }[id] || id),
  sources: new Map([['s1', { title: 'Decree 141', url: 'http://publication.pravo.gov.ru/x' }], ['s2', { title: 'ISW, 26 Feb' }]]),
};
const rows = exportRows(regionModels(facts, { exclusive: true }), ctx);
const square = { type: 'Polygon', coordinates: [[[30, 60], [40, 60], [40, 70], [30, 70], [30, 60]]] };
const geometryOf = (id) => (id === 'RU-MUR' ? square : null);

test('a row per fact, in subject order, with its interval, order and sources', () => {
  assert.deepEqual(rows.map((r) => [r.id, r.object, r.drawn, r.qualifiers, r.from]), [
    ['RU-MUR', 'leningrad-md', 'solid', '', '2024-03-01'],
    ['UA-65', 'UA', 'partial', 'partial', '2022-11-11'],
    ['UA-65', 'RU', 'partial', 'partial', '2022-03-02'],
  ]);
  assert.equal(rows[0].order_title, 'Decree No. 141');
  assert.equal(rows[2].note, 'left bank');
});

test('the CSV has the documented columns, sources with their URLs, the view and record time', () => {
  const csv = rowsCsv(rows, ctx);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], `\ufeff${CSV_COLUMNS.join(',')}`);
  assert.equal(lines[1], 'RU-MUR,Murmansk Oblast,military-district,2024-03-01,leningrad-md,Leningrad Military District,,,,2024-03-01,,solid,d141,Decree No. 141,"Decree 141 <http://publication.pravo.gov.ru/x>; ISW, 26 Feb",,2024-02-25');
  assert.equal(lines.length, 5, 'three rows and the last line end');
});

test('GeoJSON: a feature a region with flat properties; a region without a shape keeps a null geometry', () => {
  const gj = rowsGeoJson(rows, ctx, geometryOf);
  assert.equal(gj.type, 'FeatureCollection');
  assert.deepEqual(gj.features.map((f) => f.id), ['RU-MUR', 'UA-65']);
  assert.deepEqual(gj.features[0].geometry, square);
  assert.equal(gj.features[1].geometry, null);
  const p = gj.features[1].properties;
  assert.equal(p.objects, 'UA; RU');
  assert.equal(p.valid_from, '2022-11-11; 2022-03-02');
  assert.equal(p.recorded, '2024-02-25');
  for (const f of gj.features) for (const v of Object.values(f.properties)) assert.equal(typeof v, 'string');
});

test('Linked Places: URIs, a relation a fact with its own timespan, citations from the sources', () => {
  const lp = rowsLinkedPlaces(rows, ctx, geometryOf, 'http://127.0.0.1:8080');
  assert.equal(lp['@context'], LPF_CONTEXT);
  const [mur, kh] = lp.features;
  assert.equal(mur['@id'], 'http://127.0.0.1:8080/api/entity/RU-MUR');
  assert.deepEqual(mur.properties, { title: 'Murmansk Oblast', ccodes: ['RU'] });
  assert.deepEqual(mur.when, { timespans: [{ start: { in: '2024-03-01' } }], label: 'as shown on 2024-03-01' });
  assert.deepEqual(mur.relations, [{
    relationType: 'gvp:broaderPartitive',
    relationTo: 'http://127.0.0.1:8080/api/entity/leningrad-md',
    label: 'military-district: Leningrad Military District',
    when: { timespans: [{ start: { in: '2024-03-01' } }] },
    citations: [{ label: 'Decree 141', '@id': 'http://publication.pravo.gov.ru/x' }, { label: 'ISW, 26 Feb' }],
  }]);
  assert.equal(kh.relations.length, 2);
  assert.equal(kh.relations[1].label, 'military-district: Russia (partial)');
});

test('names and captions say the view, the date, the perspective and the record time', () => {
  assert.equal(exportName(ctx, 'csv'), 'ordo-military-district-2024-03-01-as-known-2024-02-25.csv');
  assert.equal(exportName({ ...ctx, perspective: 'RU', recorded: '' }, 'png'), 'ordo-military-district-2024-03-01-RU.png');
  const words = captionLines({ title: 'Military districts', date: '2024-03-01', perspective: 'RU', perspectiveText: 'Russia\u2019s view', recorded: '2024-02-25', vs: true, zoom: '\u00d74', orders: 1, sourceCount: 2, permalink: 'http://x/?date=2024-03-01' });
  assert.equal(words.title, 'Military districts \u00b7 2024-03-01 \u00b7 Russia\u2019s view \u00b7 as known on 2024-02-25, marked where the record now differs \u00b7 zoom \u00d74');
  assert.match(words.source, /^Source: ordo record, 1 order and 2 sources behind the facts shown/);
  assert.equal(words.link, 'http://x/?date=2024-03-01');
});

test('then vs now: a region with several facts is marked by the strongest kind; shapes not drawn are left out', () => {
  const answer = { facts: [{ id: 'A', kind: 'added' }, { id: 'A', kind: 'corrected' }, { id: 'B', kind: 'retracted' }, { id: 'C', kind: 'added' }] };
  assert.deepEqual([...compareKinds(answer, (id) => id !== 'C')], [['A', 'corrected'], ['B', 'retracted']]);
});
