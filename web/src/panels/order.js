// The panel of one order: who issued it and when, its notes, a before/after switch, what it
// changed in the view's relation (each region's facts before and after, qualifiers included),
// its other facts, and its sources, each once.
import { addDays, edtfStart } from '../dates.js';
import { dot, el, link } from '../dom.js';
import { factLine, perspectiveText } from '../facts.js';
import { relationPhrase } from '../schema.js';

// The subjects an order changed in a relation.
export function changedSubjects(changes, relation) {
  if (!changes) return new Set();
  return new Set([...changes.asserted, ...changes.superseded].filter((f) => f.predicate === relation).map((f) => f.id));
}

// The ids the panel names, for one /api/names call.
export function orderIds(changes) {
  const ids = new Set();
  if (changes.issuer) ids.add(changes.issuer);
  if (changes.perspective) ids.add(changes.perspective);
  for (const f of [...changes.asserted, ...changes.superseded]) {
    ids.add(f.id);
    if (f.object) ids.add(f.object);
  }
  return [...ids];
}

export function orderDays(changes) {
  const after = edtfStart(changes.effective);
  return { before: addDays(after, -1), after };
}

// ctx: {date, view: {id, label, mode}, factsBefore(id), factsAfter(id), label(id), labels(ids)
// (names told apart), colourOf(relation, id), known(id) (an entity), onDate(date), onSelect(id)}.
export function renderOrder(panel, o, ctx) {
  const head = el('div', 'entity-head');
  head.append(el('div', 'kicker', 'Order'));
  head.append(el('h2', '', o.title));
  const issuer = o.issuer ? (ctx.known(o.issuer) ? ctx.label(o.issuer) : o.issuer) : '';
  head.append(el('div', 'meta', [issuer && `issued by ${issuer}`, o.signed && `signed ${o.signed}`,
    `effective ${o.effective}`, `recorded ${o.recorded.slice(0, 10)}`, o.perspective && perspectiveText(o.perspective, ctx.label)]
    .filter(Boolean).join(' \u00b7 ')));
  for (const n of o.notes) head.append(el('p', 'note', n));

  const { before, after } = orderDays(o);
  const toggle = el('div', 'before-after');
  const bBefore = el('button', ctx.date === before ? 'on' : '', `Before \u00b7 ${before}`);
  const bAfter = el('button', ctx.date === after ? 'on' : '', `After \u00b7 ${after}`);
  bBefore.dataset.when = 'before';
  bAfter.dataset.when = 'after';
  bBefore.addEventListener('click', () => ctx.onDate(before));
  bAfter.addEventListener('click', () => ctx.onDate(after));
  toggle.append(bBefore, bAfter);

  const rel = ctx.view.id;
  const subjects = [...changedSubjects(o, rel)];
  const changed = el('section', 'order-changes');
  changed.append(el('h3', '', `What it changed (${ctx.view.label.toLowerCase()}): ${subjects.length}`));
  if (subjects.length) {
    const labels = ctx.labels(subjects);
    subjects.sort((a, b) => labels.get(a).localeCompare(labels.get(b)));
    const table = el('table', 'change-table');
    for (const id of subjects) {
      const tr = el('tr');
      tr.dataset.id = id;
      tr.append(el('td', 'subj', labels.get(id)));
      const cell = (facts) => {
        const td = el('td', 'obj');
        for (const f of facts) {
          const line = el('div', 'fact-line');
          line.append(dot(ctx.colourOf(rel, f.object)), el('span', '', factLine(f, ctx.label)));
          td.append(line);
        }
        if (!facts.length) td.append(el('span', 'muted', '\u2014'));
        return td;
      };
      tr.append(cell(ctx.factsBefore(id)), el('td', 'arrow', '\u2192'), cell(ctx.factsAfter(id)));
      tr.addEventListener('click', () => ctx.onSelect(id));
      table.append(tr);
    }
    changed.append(table);
  }

  // Its other facts: what else it asserted, by relation.
  const other = o.asserted.filter((f) => f.predicate !== rel && !f.predicate.startsWith('name@') && f.predicate !== 'alias');
  const names = o.asserted.filter((f) => f.predicate.startsWith('name@') || f.predicate === 'alias').length;
  if (other.length || names) {
    const more = el('section', 'order-other');
    more.append(el('h3', '', 'Its other facts'));
    const ul = el('ul', 'other-facts');
    for (const f of other.slice(0, 12)) {
      const li = el('li');
      li.append(link(ctx.label(f.id), () => ctx.onSelect(f.id)), el('span', 'muted', ` ${relationPhrase(f.predicate)} `),
        el('span', '', factLine(f, ctx.label)));
      if (f.to) li.append(el('span', 'muted', ` until ${f.to}`));
      ul.append(li);
    }
    more.append(ul);
    const rest = other.length - Math.min(other.length, 12);
    const tail = [rest && `${rest} more`, names && `${names} name${names === 1 ? '' : 's'} and aliases`].filter(Boolean);
    if (tail.length) more.append(el('p', 'muted', `and ${tail.join(', ')}`));
    changed.append(more);
  }

  const srcs = el('section', 'order-sources');
  srcs.append(el('h3', '', 'Sources'));
  const seen = new Set();
  for (const s of o.sources) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    const d = el('div', 'source-card');
    d.dataset.source = s.id;
    const t = s.url ? el('a', 'source-title', s.title) : el('div', 'source-title', s.title);
    if (s.url) {
      t.href = s.url;
      t.target = '_blank';
      t.rel = 'noopener noreferrer';
    }
    d.append(t);
    const about = [s.publisher, s.date].filter(Boolean).join(', ');
    if (about) d.append(el('div', 'muted', about));
    if (s.quote) d.append(el('blockquote', '', s.quote));
    if (s.note) d.append(el('div', 'note', s.note));
    srcs.append(d);
  }
  panel.replaceChildren(head, toggle, changed, srcs);
}
