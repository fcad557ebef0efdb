// The time bar: the date box (ISO dates, whatever the browser's locale), the slider, one lane
// of order ticks and one lane of statement marks (marks never cover each other: each lane is
// laid out so that marks keep a gap), and the order stepper.
// layoutMarks and stepOrder are pure.
import { dayNumber, fromDayNumber, parseDayInput } from './dates.js';

// items: [{id, x}] (x in px, wanted positions); gap: the least distance between two marks;
// width: the lane's width. Returns Map id -> x. Marks that would be closer than gap are spread
// around the mean of their wanted positions, in the order of those positions (ties keep the
// given order); nothing leaves [0, width].
export function layoutMarks(items, gap, width = Infinity) {
  const sorted = items.map((it, i) => ({ ...it, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  const clusters = []; // {items, sum, left}
  for (const it of sorted) {
    clusters.push({ items: [it], sum: it.x, left: it.x });
    for (;;) {
      const n = clusters.length;
      if (n < 2) break;
      const a = clusters[n - 2];
      const b = clusters[n - 1];
      if (a.left + a.items.length * gap <= b.left) break;
      const merged = { items: a.items.concat(b.items), sum: a.sum + b.sum, left: 0 };
      const k = merged.items.length;
      merged.left = merged.sum / k - ((k - 1) * gap) / 2;
      clusters.splice(n - 2, 2, merged);
    }
  }
  const out = new Map();
  // Clamp into the lane: push right from 0, then back left from width.
  const xs = [];
  for (const c of clusters) c.items.forEach((it, j) => xs.push([it.id, c.left + j * gap]));
  for (let i = 0; i < xs.length; i++) xs[i][1] = Math.max(xs[i][1], i * gap, i ? xs[i - 1][1] + gap : 0);
  if (Number.isFinite(width)) {
    for (let i = xs.length - 1; i >= 0; i--) {
      const limit = width - (xs.length - 1 - i) * gap;
      xs[i][1] = Math.min(xs[i][1], limit, i < xs.length - 1 ? xs[i + 1][1] - gap : Infinity);
    }
  }
  for (const [id, x] of xs) out.set(id, x);
  return out;
}

// list: the view's orders [{id, day}] sorted by day (then as applied); current: {order, date}.
// The next (dir > 0) or previous order to open: from an open order its neighbour; otherwise
// the first order after the date, or the last one on or before it (the one that made what is
// shown). '' when there is none.
export function stepOrder(list, { order = '', date }, dir) {
  const i = order ? list.findIndex((o) => o.id === order) : -1;
  if (i >= 0) {
    const j = i + (dir > 0 ? 1 : -1);
    return j >= 0 && j < list.length ? list[j].id : '';
  }
  if (dir > 0) {
    const next = list.find((o) => o.day > date);
    return next ? next.id : '';
  }
  const before = list.filter((o) => o.day <= date);
  return before.length ? before[before.length - 1].id : '';
}

const THUMB = 14; // the slider thumb's width in px (style.css)

// els: {date, slider, orders, statements, scale, prev, next}; on: {date(iso, how), order(id),
// statement(id), step(dir)}. how: 'slider' | 'box' | 'key'.
export function createTimeline(els, on) {
  let min = 0;
  let max = 1;
  let marks = { orders: [], statements: [] };
  let active = { order: '', statement: '' };

  const xOf = (lane, iso) => {
    const w = lane.clientWidth || 1;
    const frac = (dayNumber(iso) - min) / Math.max(1, max - min);
    return THUMB / 2 + Math.min(1, Math.max(0, frac)) * (w - THUMB);
  };

  function drawLane(lane, items, cls, pick) {
    lane.replaceChildren();
    const w = lane.clientWidth || 1;
    const placed = layoutMarks(items.filter((m) => m.day && dayNumber(m.day) >= min && dayNumber(m.day) <= max)
      .map((m) => ({ id: m.id, x: xOf(lane, m.day) })), cls === 'tick' ? 6 : 11, w);
    for (const m of items) {
      if (!placed.has(m.id)) continue;
      const b = document.createElement('button');
      b.className = `${cls}${m.perspective ? ' perspective' : ''}`;
      b.style.left = `${placed.get(m.id).toFixed(1)}px`;
      b.title = m.title;
      b.setAttribute('aria-label', m.title);
      b.dataset[cls === 'tick' ? 'order' : 'statement'] = m.id;
      b.addEventListener('click', () => pick(m.id));
      lane.append(b);
    }
  }

  function drawScale() {
    const scale = els.scale;
    scale.replaceChildren();
    const y0 = Number(fromDayNumber(min).slice(0, 4));
    const y1 = Number(fromDayNumber(max).slice(0, 4));
    const span = y1 - y0;
    const step = span > 40 ? 10 : span > 16 ? 5 : span > 6 ? 2 : 1;
    for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
      const s = document.createElement('span');
      s.style.left = `${xOf(scale, `${y}-01-01`).toFixed(1)}px`;
      s.textContent = String(y);
      scale.append(s);
    }
  }

  function redraw() {
    drawLane(els.orders, marks.orders, 'tick', on.order);
    drawLane(els.statements, marks.statements, 'stmt-mark', on.statement);
    drawScale();
    markActive();
  }

  function markActive() {
    for (const t of els.orders.children) t.classList.toggle('active', t.dataset.order === active.order);
    for (const t of els.statements.children) t.classList.toggle('active', t.dataset.statement === active.statement);
  }

  const showError = (message) => {
    els.date.classList.toggle('invalid', !!message);
    els.date.title = message || 'YYYY-MM-DD; arrow keys move a day';
    els.date.setAttribute('aria-invalid', message ? 'true' : 'false');
  };
  const submit = () => {
    const r = parseDayInput(els.date.value);
    if (r.error) {
      showError(r.error);
      return;
    }
    showError('');
    on.date(r.date, 'box');
  };
  els.date.addEventListener('change', submit);
  els.date.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') submit();
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const r = parseDayInput(els.date.value);
      if (r.error) return;
      e.preventDefault();
      on.date(fromDayNumber(dayNumber(r.date) + (e.key === 'ArrowUp' ? 1 : -1)), 'key');
    }
  });
  els.slider.addEventListener('input', () => on.date(fromDayNumber(Number(els.slider.value)), 'slider'));
  els.prev.addEventListener('click', () => on.step(-1));
  els.next.addEventListener('click', () => on.step(1));
  showError('');

  return {
    setRange(fromIso, toIso) {
      min = dayNumber(fromIso);
      max = Math.max(min + 1, dayNumber(toIso));
      els.slider.min = String(min);
      els.slider.max = String(max);
      redraw();
    },
    setDate(iso, { fromSlider = false } = {}) {
      if (document.activeElement !== els.date || !els.date.classList.contains('invalid')) els.date.value = iso;
      showError('');
      if (!fromSlider) els.slider.value = String(Math.min(Math.max(dayNumber(iso), min), max));
    },
    // orders, statements: [{id, day (ISO), title, perspective?}].
    setMarks(next) {
      marks = next;
      redraw();
    },
    setActive(next) {
      active = { ...active, ...next };
      markActive();
    },
    redraw,
  };
}
