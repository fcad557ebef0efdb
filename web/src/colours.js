// Colours of what regions belong to, by one rule for every view, date and branch:
//   objects are taken in the order they first appear in the view's history (then by id), and
//   each gets the first palette colour that differs by a CIEDE2000 ΔE of at least MIN_DELTA_E
//   from every colour already given to an object it borders (on any date) and from the map's
//   "nothing" fills, preferring colours no other object has yet.
// An object first appearing later (a new order, a scenario's district) is coloured last, so
// the colours of the others do not move. Pure functions; no DOM.

export const MIN_DELTA_E = 20;
// A region with no fact of the relation; the rest of a partly held region.
export const NO_DATA = '#e4e1da';
// A region the record says it does not cover for the relation (coverage marks).
export const NOT_COVERED = '#a8a49c';

// Medium colours, each at least 20 from NO_DATA and NOT_COVERED; ordered so that the first
// few are far apart (web/scripts/ checks nothing: tests/web/unit/colours.test.mjs does).
export const PALETTE = [
  '#d1495b', // red
  '#2e6fba', // blue
  '#edae49', // amber
  '#3a9e6e', // green
  '#8a5bb8', // violet
  '#00a0b0', // teal
  '#e07b39', // orange
  '#4a4e9c', // indigo
  '#9bbd3d', // olive green
  '#c05a9d', // magenta
  '#7a5230', // brown
  '#5aa9e6', // sky
  '#2f6b4f', // dark green
  '#9e2a2b', // dark red
  '#e58fb0', // pink
];

// ---- CIEDE2000 ------------------------------------------------------------------------

function srgbToLinear(c) {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

// "#rrggbb" (or "rgb(r, g, b)") -> CIELAB under D65.
export function toLab(colour) {
  let r;
  let g;
  let b;
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  if (m) {
    [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    const hex = colour.replace('#', '');
    r = parseInt(hex.slice(0, 2), 16);
    g = parseInt(hex.slice(2, 4), 16);
    b = parseInt(hex.slice(4, 6), 16);
  }
  const [lr, lg, lb] = [srgbToLinear(r), srgbToLinear(g), srgbToLinear(b)];
  const x = (lr * 0.4124564 + lg * 0.3575761 + lb * 0.1804375) / 0.95047;
  const y = lr * 0.2126729 + lg * 0.7151522 + lb * 0.072175;
  const z = (lr * 0.0193339 + lg * 0.119192 + lb * 0.9503041) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const rad = (deg) => (deg * Math.PI) / 180;
const deg = (r) => (r * 180) / Math.PI;

// CIEDE2000 colour difference (Sharma, Wu, Dalal 2005), kL = kC = kH = 1.
export function ciede2000(lab1, lab2) {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cbar ** 7 / (Cbar ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hp = (a, b) => {
    if (a === 0 && b === 0) return 0;
    const h = deg(Math.atan2(b, a));
    return h < 0 ? h + 360 : h;
  };
  const h1p = hp(a1p, b1);
  const h2p = hp(a2p, b2);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dhp / 2));
  const Lbarp = (L1 + L2) / 2;
  const Cbarp = (C1p + C2p) / 2;
  let hbarp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) hbarp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
    else hbarp = (h1p + h2p) / 2;
  }
  const T = 1 - 0.17 * Math.cos(rad(hbarp - 30)) + 0.24 * Math.cos(rad(2 * hbarp))
    + 0.32 * Math.cos(rad(3 * hbarp + 6)) - 0.2 * Math.cos(rad(4 * hbarp - 63));
  const dTheta = 30 * Math.exp(-(((hbarp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cbarp ** 7 / (Cbarp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbarp - 50) ** 2) / Math.sqrt(20 + (Lbarp - 50) ** 2);
  const Sc = 1 + 0.045 * Cbarp;
  const Sh = 1 + 0.015 * Cbarp * T;
  const Rt = -Math.sin(rad(2 * dTheta)) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

const labCache = new Map();
function lab(colour) {
  let v = labCache.get(colour);
  if (!v) {
    v = toLab(colour);
    labCache.set(colour, v);
  }
  return v;
}
export const deltaE = (c1, c2) => ciede2000(lab(c1), lab(c2));

// ---- The rule --------------------------------------------------------------------------

// objects: ids in the order they first appear; neighbours: Map id -> Set of ids it borders.
// Returns Map id -> colour. Deterministic: the same input gives the same colours.
export function assignColours(objects, neighbours, { palette = PALETTE, avoid = [NO_DATA, NOT_COVERED] } = {}) {
  const out = new Map();
  const used = new Set();
  for (const id of objects) {
    if (out.has(id)) continue;
    const near = [...(neighbours.get(id) || [])].filter((n) => out.has(n)).map((n) => out.get(n));
    const far = (c) => near.every((n) => deltaE(c, n) >= MIN_DELTA_E) && avoid.every((a) => deltaE(c, a) >= MIN_DELTA_E);
    let pick = palette.find((c) => !used.has(c) && far(c)) || palette.find(far);
    if (!pick) {
      // More neighbours than the palette can keep apart: the colour farthest from them.
      let best = -1;
      for (const c of palette) {
        const d = Math.min(...near.map((n) => deltaE(c, n)));
        if (d > best) {
          best = d;
          pick = c;
        }
      }
    }
    out.set(id, pick);
    used.add(pick);
  }
  return out;
}
