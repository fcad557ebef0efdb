import test from 'node:test';
import assert from 'node:assert/strict';
import { noModules, src, web } from './helpers.mjs';

const { fitBox, formatZoom, parseZoom, PRESETS, projectedBox, transformFor, viewOf } = await import(src('zoomview.js'));

// A plate carrée at 10 px a degree, north up: enough to check the arithmetic both ways.
const plate = ([lon, lat]) => [lon * 10, -lat * 10];
plate.invert = ([x, y]) => [x / 10, -y / 10];

test('the zoom in the URL is K/LAT/LON, in range', () => {
  assert.deepEqual(parseZoom('4/55.75/37.62'), { k: 4, lat: 55.75, lon: 37.62 });
  assert.deepEqual(parseZoom('0.5/-10/-170.5'), { k: 0.5, lat: -10, lon: -170.5 });
  for (const bad of ['', '4', '4/55', '4/55/37/1', 'x/55/37', '0.1/55/37', '33/55/37', '4/91/37', '4/55/181', '4/5e1/37', '4/55/37 ']) {
    assert.equal(parseZoom(bad), null, bad);
  }
  assert.equal(formatZoom({ k: 4.004, lat: 55.7512, lon: 37.6199 }), '4/55.75/37.62');
  // Longitudes are brought into [-180, 180], so the URL always parses back.
  assert.equal(formatZoom({ k: 2, lat: 66, lon: 190 }), '2/66/-170');
  assert.equal(formatZoom({ k: 2, lat: 66, lon: -190 }), '2/66/170');
  const z = '3.5/48.38/31.17';
  assert.equal(formatZoom(parseZoom(z)), z);
});

test('a view and its transform are inverses: the point asked for is at the centre', () => {
  const size = [800, 600];
  const view = { k: 4, lat: 55.75, lon: 37.62 };
  const t = transformFor(plate, size, view);
  assert.equal(t.k, 4);
  const [x, y] = plate([view.lon, view.lat]);
  assert.ok(Math.abs(t.x + t.k * x - 400) < 1e-9 && Math.abs(t.y + t.k * y - 300) < 1e-9);
  const back = viewOf(plate, size, t);
  assert.ok(Math.abs(back.lat - view.lat) < 1e-9 && Math.abs(back.lon - view.lon) < 1e-9 && back.k === 4);
  // Past the bounds, the scale is clamped.
  assert.equal(transformFor(plate, size, { k: 100, lat: 0, lon: 0 }).k, 32);
  // A point that does not project has no transform.
  const half = ([lon, lat]) => (lon > 90 ? null : plate([lon, lat]));
  assert.equal(transformFor(half, size, { k: 2, lat: 0, lon: 120 }), null);
});

test('a preset box is fitted with a margin and centred', () => {
  const ukraine = PRESETS.find((p) => p.id === 'ukraine').box;
  const box = projectedBox(plate, ukraine);
  assert.deepEqual(box, [[220, -524], [403, -442]]);
  const t = fitBox(box, [800, 600]);
  // 183 x 82 px fitted into 800 x 600: the width binds, with 8% to spare.
  assert.ok(Math.abs(t.k - (0.92 * 800) / 183) < 1e-9);
  assert.ok(Math.abs(t.x + t.k * (220 + 403) / 2 - 400) < 1e-9);
  assert.ok(Math.abs(t.y + t.k * (-524 - 442) / 2 - 300) < 1e-9);
});

test('Russia\'s box crosses the antimeridian and holds Chukotka on the map\'s conic projection', { skip: noModules }, async () => {
  const { geoConicEqualArea } = await import(new URL(`file://${web}/node_modules/d3-geo/dist/d3-geo.mjs`).href);
  const conic = geoConicEqualArea().parallels([52, 68]).rotate([-96, 0]);
  const [[x0, y0], [x1, y1]] = projectedBox(conic, PRESETS.find((p) => p.id === 'russia').box);
  // Kaliningrad, Anadyr and Cape Dezhnev (east of 180°) all fall in it.
  for (const ll of [[20.5, 54.7], [177.5, 64.73], [-169.7, 66.0]]) {
    const [x, y] = conic(ll);
    assert.ok(x >= x0 && x <= x1 && y >= y0 && y <= y1, String(ll));
  }
});
