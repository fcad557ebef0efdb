// A period's changes (GET /api/changes?from&to): every change of the view's relation between two
// dates, in date order, with names and sources; a change steps the map to its day and subject;
// the list downloads as CSV.
import { el } from '../dom.js';
import { changesCsv } from '../csv.js';

// ctx: {title (the view's label), from, to, load(from, to) -> promise of the answer,
// label(id), orderTitle(id), onStep(change), onPeriod(from, to)}.
export async function renderChanges(panel, ctx) {
  const form = el('form', 'period');
  const from = el('input');
  const to = el('input');
  for (const [input, value, name] of [[from, ctx.from, 'from'], [to, ctx.to, 'to']]) {
    input.value = value;
    input.id = `period-${name}`;
    input.placeholder = 'YYYY-MM-DD';
    input.size = 10;
  }
  const show = el('button', 'period-show', 'Show');
  show.type = 'submit';
  form.append(el('span', 'muted', 'From'), from, el('span', 'muted', 'to'), to, show);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.onPeriod(from.value.trim(), to.value.trim());
  });
  panel.replaceChildren(el('div', 'kicker', `Changes of ${ctx.title}`), form);
  let log;
  try {
    log = await ctx.load(ctx.from, ctx.to);
  } catch (e) {
    panel.append(el('div', 'error', e.message), ...(e.notes || []).map((n) => el('div', 'note', n)));
    return;
  }
  const n = log.changes.length;
  const head = el('div', 'period-head', `${n} change${n === 1 ? '' : 's'} from ${log.from || '\u2026'} to ${log.to || 'now'}`);
  const download = el('button', 'period-csv', 'Download CSV');
  download.addEventListener('click', () => {
    const blob = new Blob([changesCsv(log)], { type: 'text/csv;charset=utf-8' });
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = `changes-${log.relation}-${log.from || 'start'}-${log.to || 'now'}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });
  if (n) head.append(download);
  panel.append(head);
  const list = el('ol', 'change-list');
  const side = (facts) => (facts.length ? facts.map((f) => f.name || f.object || String(f.value ?? '')).join(' + ') : 'none');
  for (const c of log.changes) {
    const li = el('li', 'change-item');
    li.dataset.id = c.id;
    li.dataset.date = c.date;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', c.date), el('span', '', c.name || ctx.label(c.id)));
    li.append(top, el('div', 'change-move', `${side(c.before)} \u2192 ${side(c.after)}`));
    const by = el('div', 'muted', `${ctx.orderTitle(c.order)}${c.sources.length ? ` \u00b7 ${c.sources.join(', ')}` : ''}`);
    li.append(by);
    li.addEventListener('click', () => ctx.onStep(c));
    list.append(li);
  }
  panel.append(list);
}
