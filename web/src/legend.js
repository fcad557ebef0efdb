// The legend of the map: one row per way a region is drawn, counted from the data (every
// subject of the relation on the date, drawn or not), with the members that have no shape at
// the map's scale listed under their row; then the shapes with no fact, as the record's
// coverage says ("none", "not covered", or "not recorded" while the API carries no coverage).
// countLegend is pure; renderLegend draws it.
import { silence } from './coverage.js';

// models: Map subject -> model (mapmodel.js); shapeIds: Set of the ids drawn on the map;
// coverage: Map subject -> {covered, note} or null. Returns {entries: [{key, model, count,
// unshaped}], empty, notCovered}: entries by count (most first), then key.
export function countLegend(models, shapeIds, coverage = null) {
  const groups = new Map();
  for (const [subject, m] of models) {
    let g = groups.get(m.legendKey);
    if (!g) groups.set(m.legendKey, (g = { key: m.legendKey, model: m, count: 0, unshaped: [] }));
    g.count += 1;
    if (!shapeIds.has(subject)) g.unshaped.push(subject);
  }
  const entries = [...groups.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const e of entries) e.unshaped.sort();
  let empty = 0;
  let notCovered = 0;
  for (const id of shapeIds) {
    if (models.has(id)) continue;
    if (silence(coverage, id).state === 'not-covered') notCovered += 1;
    else empty += 1;
  }
  return { entries, empty, notCovered };
}

// The words of a legend row: "Leningrad Military District", "European Union + NATO",
// "Russia / Ukraine (views differ)", "Ukraine (partial) + Russia (partial)".
export function entryLabel(model, nameOf) {
  const names = model.objects.map((o) => nameOf(o));
  if (model.style === 'partial') {
    return model.objects.map((o, i) => (model.partial.includes(o) ? `${names[i]} (partial)` : `${names[i]} (whole)`)).join(' + ');
  }
  if (model.style === 'disputed') return `${names.join(' / ')} (views differ)`;
  return names.join(' + ');
}

// A CSS background for a swatch of stripes: 45° for views that differ, -45° for partial.
export function swatchBackground(stripes, style) {
  if (stripes.length === 1) return stripes[0];
  const angle = style === 'partial' ? -45 : 45;
  const w = 4;
  return `repeating-linear-gradient(${angle}deg, ${stripes.map((c, i) => `${c} ${i * w}px ${(i + 1) * w}px`).join(', ')})`;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// "Komi-Permyak Autonomous Okrug: drawn within Perm Oblast, merged into it on 2005-12-01".
export function withinText(id, a, nameOf) {
  return `${nameOf(id)}: drawn within ${nameOf(a.into)}, merged into it on ${a.date}`;
}

// root: the legend element; counted: countLegend's answer; opts: {title, nameOf, stripesOf,
// coverage, noData, notCovered, onHover(key), onPick(model), absorbed}. absorbed: Map subject ->
// {into, date} (absorbed.js); such subjects are listed under their row as drawn within the
// shape of the region that absorbed them.
export function renderLegend(root, counted, opts) {
  const { title, nameOf, stripesOf, coverage } = opts;
  const absorbed = opts.absorbed || new Map();
  const rows = counted.entries.map((e) => ({
    key: e.key,
    label: entryLabel(e.model, nameOf),
    background: swatchBackground(stripesOf(e.model), e.model.style),
    count: e.count,
    unshaped: e.unshaped.filter((id) => !absorbed.has(id)).map(nameOf),
    within: e.unshaped.filter((id) => absorbed.has(id)).map((id) => withinText(id, absorbed.get(id), nameOf)),
    style: e.model.style,
  }));
  const gap = silence(coverage, '');
  const signature = JSON.stringify([rows, counted.empty, counted.notCovered, gap.word]);
  if (root.dataset.signature === signature) {
    if (root.firstChild) root.firstChild.textContent = title;
    return;
  }
  root.dataset.signature = signature;
  root.replaceChildren(el('div', 'legend-title', title));
  rows.forEach((r, i) => {
    const row = el('button', 'legend-item');
    row.dataset.key = r.key;
    row.dataset.count = String(r.count);
    const sw = el('span', `swatch${r.style === 'partial' || r.style === 'disputed' ? ` ${r.style}` : ''}`);
    sw.style.background = r.background;
    row.append(sw, el('span', 'legend-name', r.label), el('span', 'legend-count', String(r.count)));
    row.title = r.label;
    row.addEventListener('mouseenter', () => opts.onHover && opts.onHover(r.key));
    row.addEventListener('mouseleave', () => opts.onHover && opts.onHover(''));
    row.addEventListener('click', () => opts.onPick && opts.onPick(counted.entries[i].model));
    root.append(row);
    if (r.unshaped.length) {
      const note = el('div', 'legend-unshaped', `not drawn at this scale: ${r.unshaped.join(', ')}`);
      note.dataset.key = r.key;
      root.append(note);
    }
    for (const text of r.within) {
      const note = el('div', 'legend-unshaped legend-within', text);
      note.dataset.key = r.key;
      root.append(note);
    }
  });
  if (!rows.length) root.append(el('div', 'legend-empty', 'Nothing recorded for this date and view.'));
  const styles = new Set(rows.map((r) => r.style));
  if (styles.has('partial')) root.append(el('div', 'legend-note', 'Hatched: held in part. Solid: held whole.'));
  if (styles.has('disputed')) root.append(el('div', 'legend-note', 'Striped: the views differ; pick a perspective to see one.'));
  const quiet = (cls, background, word, count, note) => {
    const row = el('div', `legend-item muted ${cls}`);
    const sw = el('span', 'swatch');
    sw.style.background = background;
    row.append(sw, el('span', 'legend-name', word), el('span', 'legend-count', String(count)));
    row.title = note;
    root.append(row);
  };
  if (counted.notCovered) quiet('not-covered', opts.notCovered, 'not covered', counted.notCovered, 'the record does not cover these regions for this relation');
  if (counted.empty && rows.length) quiet('silent', opts.noData, gap.word, counted.empty, gap.note);
}
