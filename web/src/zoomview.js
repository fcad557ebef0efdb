// The map's zoom as the URL keeps it: "K/LAT/LON" (the scale over the fitted map and the
// geographic point at the centre, as OpenStreetMap's #map=zoom/lat/lon), so that a permalink
// shows the same place whatever the window's size or the projection the view draws with. And
// the transforms (d3-zoom's {k, x, y}) for a view, a preset and a box. Pure functions: the
// projection is any function [lon, lat] -> [x, y] with an invert.

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 32;

// The places the zoom buttons offer, as lon/lat boxes [[west, south], [east, north]]; the world
// is the whole sphere. Russia's box crosses the antimeridian (Chukotka): east 190.
export const PRESETS = [
  { id: 'russia', label: 'Russia', box: [[19.5, 41], [190, 82]] },
  { id: 'ukraine', label: 'Ukraine', box: [[22, 44.2], [40.3, 52.4]] },
  { id: 'europe', label: 'Europe', box: [[-11, 34.5], [45, 71.5]] },
  { id: 'world', label: 'The world', box: null },
];

const NUM = '-?\\d{1,3}(?:\\.\\d{1,6})?';
const ZOOM_RE = new RegExp(`^(\\d{1,2}(?:\\.\\d{1,4})?)/(${NUM})/(${NUM})$`);

// "4/55.75/37.62" -> {k: 4, lat: 55.75, lon: 37.62}; null when malformed or out of range.
export function parseZoom(text) {
  const m = ZOOM_RE.exec(text || '');
  if (!m) return null;
  const [k, lat, lon] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (k < MIN_ZOOM || k > MAX_ZOOM || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return { k, lat, lon };
}

// The inverse of parseZoom, rounded to what a screen can show (0.01° is about a kilometre).
export function formatZoom({ k, lat, lon }) {
  const r = (x, n) => String(Number(x.toFixed(n)));
  let l = ((((lon + 180) % 360) + 360) % 360) - 180;
  if (l === -180 && lon > 0) l = 180;
  return `${r(k, 2)}/${r(lat, 2)}/${r(l, 2)}`;
}

const clampK = (k) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

// The transform that puts the view's centre point in the middle of a width x height map at its
// scale; null when the point does not project (the other side of the globe).
export function transformFor(projection, [width, height], view) {
  const p = projection([view.lon, view.lat]);
  if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
  const k = clampK(view.k);
  return { k, x: width / 2 - k * p[0], y: height / 2 - k * p[1] };
}

// The view a transform shows: its scale and the point under the map's centre.
export function viewOf(projection, [width, height], t) {
  const ll = projection.invert([(width / 2 - t.x) / t.k, (height / 2 - t.y) / t.k]);
  if (!ll || !Number.isFinite(ll[0]) || !Number.isFinite(ll[1])) return null;
  return { k: t.k, lat: ll[1], lon: ll[0] };
}

// The transform that fits a box of projected points [[x0, y0], [x1, y1]] in the map with a
// margin (8% of the smaller fit).
export function fitBox([[x0, y0], [x1, y1]], [width, height]) {
  const k = clampK(0.92 * Math.min(width / Math.max(1e-9, x1 - x0), height / Math.max(1e-9, y1 - y0)));
  return { k, x: width / 2 - (k * (x0 + x1)) / 2, y: height / 2 - (k * (y0 + y1)) / 2 };
}

// The projected bounds of a lon/lat box: its edges sampled, for a conic projection bends them.
export function projectedBox(projection, [[w, s], [e, n]], steps = 24) {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i <= steps; i++) {
    const lon = w + ((e - w) * i) / steps;
    const lat = s + ((n - s) * i) / steps;
    for (const ll of [[lon, s], [lon, n], [w, lat], [e, lat]]) {
      const p = projection([ll[0] > 180 ? ll[0] - 360 : ll[0], ll[1]]);
      if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
      x0 = Math.min(x0, p[0]);
      y0 = Math.min(y0, p[1]);
      x1 = Math.max(x1, p[0]);
      y1 = Math.max(y1, p[1]);
    }
  }
  return x0 <= x1 ? [[x0, y0], [x1, y1]] : null;
}
