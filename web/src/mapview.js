// One date of a map view: the fill of every region (from its model and the coverage marks),
// the legend, the selection and an open order's changes, and the tooltip's lines.
// fillsOf and tooltipLines are pure.
import { NO_DATA, NOT_COVERED } from './colours.js';
import { silence } from './coverage.js';
import { factLine } from './facts.js';
import { countLegend, renderLegend } from './legend.js';
import { stripesOf } from './mapmodel.js';

export const EMPTY = { fill: { colour: NO_DATA }, object: '', style: 'none', legendKey: '' };
const NOT_COVERED_FILL = { dots: true, background: NO_DATA, dot: NOT_COVERED };

// models: Map subject -> model; coverage: Map subject -> {covered} or null; colourOf(unit).
// Returns Map id -> {fill, object, partial, style, legendKey} (map.js paints it).
export function fillsOf(models, coverage, colourOf) {
  const fills = new Map();
  for (const [id, m] of models) {
    const stripes = stripesOf(m, colourOf);
    const fill = stripes.length === 1 ? { colour: stripes[0] } : { stripes, style: m.style };
    fills.set(id, { fill, object: m.key, partial: m.partial.join('+'), style: m.style, legendKey: m.legendKey });
  }
  for (const [id, c] of coverage || []) {
    if (!c.covered && !models.has(id)) fills.set(id, { fill: NOT_COVERED_FILL, object: '', style: 'not-covered', legendKey: 'not-covered' });
  }
  return fills;
}

// What the tooltip says of a region: each fact in a line (qualifiers and perspective
// included), or the silence.
export function tooltipLines(model, coverage, id, nameOf) {
  if (model) return model.facts.map((f) => ({ text: factLine(f, nameOf) }));
  return [{ text: silence(coverage, id).word, muted: true }];
}

// Paints one date: opts {models, coverage, colourOf, nameOf, title, sel, changed (Set), onPick,
// absorbed (absorbed.js)}.
export function paintView(map, legendEl, opts) {
  map.paint(fillsOf(opts.models, opts.coverage, opts.colourOf), EMPTY);
  renderLegend(legendEl, countLegend(opts.models, map.ids(), opts.coverage), {
    title: opts.title,
    nameOf: opts.nameOf,
    stripesOf: (m) => stripesOf(m, opts.colourOf),
    coverage: opts.coverage,
    noData: NO_DATA,
    notCovered: `radial-gradient(${NOT_COVERED} 30%, ${NO_DATA} 35%) 0 0 / 5px 5px`,
    onHover: (key) => map.highlight(key),
    onPick: opts.onPick,
    absorbed: opts.absorbed,
  });
  map.select(opts.sel);
  map.markChanged(opts.changed);
}
