// The panel of one entity on a date: its names, every relation its kind can have on that date
// (each fact with its qualifiers, perspective and order; silence said as silence), and its
// whole history with orders and source chips. Names only: ids stay in data attributes.
import { entityCoverage, silence } from '../coverage.js';
import { dayNumber, edtfStart } from '../dates.js';
import { dot, el, link, sourceChips } from '../dom.js';
import { noteText, perspectiveText, qualifierText, valueText } from '../facts.js';
import { kindLabel } from '../names.js';
import { relationPhrase, relationsFor } from '../schema.js';

const isName = (p) => p.startsWith('name@') || p === 'alias' || p.startsWith('alias@');

// The ids a panel of this entity names (for one /api/names call).
export function regionIds(entity, history) {
  const ids = new Set([entity.id]);
  for (const f of [...entity.facts, ...history]) {
    if (f.object) ids.add(f.object);
    if (f.perspective) ids.add(f.perspective);
  }
  return [...ids];
}

// A fact's value with its qualifiers and perspective, as inline elements.
function factValue(f, ctx, { withOrder = false } = {}) {
  const span = el('span', 'fact');
  span.dataset.predicate = f.predicate;
  if (f.object) {
    span.append(dot(ctx.colourOf(f.predicate, f.object)), link(ctx.label(f.object), () => ctx.onSelect(f.object)));
    span.dataset.object = f.object;
  } else {
    span.append(el('span', 'value', valueText(f.value)));
  }
  const q = qualifierText(f.qualifiers);
  if (q) span.append(el('span', 'qual', q));
  if (f.perspective) {
    const b = el('span', 'badge', perspectiveText(f.perspective, ctx.label));
    b.dataset.perspective = f.perspective;
    span.append(b);
  }
  const note = noteText(f.qualifiers);
  if (note) span.append(el('div', 'fact-note', note));
  if (withOrder && f.order) {
    const by = el('div', 'by');
    by.append(ctx.orderLink(f.order));
    span.append(by);
  }
  return span;
}

// ctx: {date, schema, label(id), colourOf(relation, id), orderLink(id), sources, onSelect(id),
// within: [{id, until}] (drawn within this shape), absorbedInto: {into, date} (drawn within that)}.
export function renderRegion(panel, entity, history, ctx) {
  const name = ctx.label(entity.id);
  const head = el('div', 'entity-head');
  head.append(el('h2', '', name));
  const ru = (entity.names.find((n) => n.lang === 'ru') || {}).text;
  if (ru && ru !== name) head.append(el('div', 'alt-name', ru));
  const life = entity.lifetime.map((s) => `${s.from || '\u2026'} \u2013 ${s.to || 'open'}`).join(', ');
  head.append(el('div', 'meta', [kindLabel(entity.kind), life && `exists ${life}`,
    entity.alive ? '' : 'does not exist on this date'].filter(Boolean).join(' \u00b7 ')));
  if (entity.aliases.length) head.append(el('div', 'aliases', `also: ${entity.aliases.map((a) => a.text).join(', ')}`));
  // The map draws today's borders: a subject merged away later is inside this shape, and one
  // merged away has none of its own (absorbed.js).
  for (const w of ctx.within || []) {
    const note = el('div', 'shape-note');
    note.append('This shape also holds ', link(ctx.label(w.id), () => ctx.onSelect(w.id)),
      `, a subject of its own until ${w.until}, when it was merged into this region; the map draws today\u2019s borders.`);
    head.append(note);
  }
  if (ctx.absorbedInto) {
    const note = el('div', 'shape-note');
    note.append('No shape of its own on the map: it is drawn within ', link(ctx.label(ctx.absorbedInto.into), () => ctx.onSelect(ctx.absorbedInto.into)),
      `, the region it was merged into on ${ctx.absorbedInto.date}.`);
    head.append(note);
  }

  // On the date: every relation the kind can have, then attributes with a value.
  const now = el('section', 'facts-now');
  now.append(el('h3', '', `On ${ctx.date}`));
  const dl = el('dl', 'facts');
  const coverage = entityCoverage(entity);
  const facts = entity.facts.filter((f) => !isName(f.predicate) && f.predicate !== 'exists');
  const relations = relationsFor(ctx.schema, entity.kind).map((r) => r.name);
  const shown = [...relations, ...new Set(facts.map((f) => f.predicate).filter((p) => !relations.includes(p)))];
  for (const rel of shown) {
    const mine = facts.filter((f) => f.predicate === rel);
    const dt = el('dt', '', relationPhrase(rel));
    const dd = el('dd');
    dd.dataset.relation = rel;
    if (mine.length) {
      for (const f of mine) {
        const line = el('div', 'fact-line');
        line.append(factValue(f, ctx, { withOrder: true }));
        dd.append(line);
      }
    } else {
      const s = silence(coverage, rel);
      const quiet = el('span', `silence ${s.state}`, s.word);
      quiet.title = s.note;
      dd.append(quiet);
      if (s.state === 'not-covered' && s.note) dd.append(el('div', 'note', s.note));
      dd.dataset.silence = s.state;
    }
    dl.append(dt, dd);
  }
  now.append(dl);

  // The history, every fact over all valid time.
  const past = el('section', 'history');
  past.append(el('h3', '', 'History'));
  const table = el('table', 'history-table');
  const thead = el('thead');
  const hr = el('tr');
  hr.append(el('th', '', 'relation'), el('th', '', 'value \u00b7 order \u00b7 sources'), el('th', '', 'from \u2013 to'));
  thead.append(hr);
  table.append(thead);
  const tbody = el('tbody');
  const d = dayNumber(ctx.date);
  for (const f of history) {
    if (isName(f.predicate)) continue;
    const tr = el('tr');
    if (f.recorded_to) tr.className = 'superseded';
    const fromOk = !f.from || dayNumber(edtfStart(f.from)) <= d;
    const toOk = !f.to || d < dayNumber(edtfStart(f.to));
    if (fromOk && toOk && !f.recorded_to) tr.classList.add('current');
    tr.append(el('td', 'rel', relationPhrase(f.predicate)));
    const v = el('td', 'val');
    v.append(factValue(f, ctx));
    const src = el('div', 'src');
    src.append(ctx.orderLink(f.order), sourceChips(f.sources, ctx.sources));
    v.append(src);
    tr.append(v);
    const when = el('td', 'date');
    when.append(el('div', '', f.from || '\u2026'), el('div', 'muted', `\u2013 ${f.to || 'open'}`));
    tr.append(when);
    tbody.append(tr);
  }
  table.append(tbody);
  past.append(table);
  panel.replaceChildren(head, now, past);
}
