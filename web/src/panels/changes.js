// A period's changes (GET /api/changes?from&to): every change of the view's relation between two
// dates, in date order, with names and sources; a change steps the map to its day and subject,
// and the buttons step through them one by one or play them in order; the list downloads as CSV.
import { el, saveBlob } from '../dom.js';
import { changesCsv } from '../csv.js';

// ctx: {title (the view's label), from, to, load(from, to) -> promise of the answer,
// label(id), orderTitle(id), onStep(change), onPeriod(from, to), playMs (a played step's time)}.
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
    saveBlob(new Blob([changesCsv(log)], { type: 'text/csv;charset=utf-8' }), `changes-${log.relation}-${log.from || 'start'}-${log.to || 'now'}.csv`);
  });
  if (n) head.append(download);
  panel.append(head);
  const items = [];
  let at = -1;
  let timer = 0;
  const go = (i) => {
    if (i < 0 || i >= n) return;
    at = i;
    items.forEach((li, j) => li.classList.toggle('current', j === i));
    items[i].scrollIntoView({ block: 'nearest' });
    ctx.onStep(log.changes[i]);
  };
  const steps = el('div', 'period-steps');
  const prev = el('button', 'period-prev', '◀ previous');
  const play = el('button', 'period-play', 'Play');
  const next = el('button', 'period-next', 'next ▶');
  const stop = () => {
    clearInterval(timer);
    timer = 0;
    play.textContent = 'Play';
  };
  prev.addEventListener('click', () => { stop(); go(Math.max(0, at - 1)); });
  next.addEventListener('click', () => { stop(); go(at + 1); });
  play.addEventListener('click', () => {
    if (timer) return stop();
    if (at >= n - 1) at = -1;
    play.textContent = 'Pause';
    go(at + 1);
    timer = setInterval(() => {
      if (!panel.isConnected || at >= n - 1 || !items[0].isConnected) return stop();
      go(at + 1);
    }, ctx.playMs || 1200);
    return undefined;
  });
  steps.append(prev, play, next);
  if (n) panel.append(steps);
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
    const i = items.length;
    li.addEventListener('click', () => { stop(); go(i); });
    items.push(li);
    list.append(li);
  }
  panel.append(list);
}
