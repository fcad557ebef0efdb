// The ordo web UI: a map recoloured by ordo's answers for a date, a timeline of orders, the
// history of a region with its sources, an org chart of the commands, and search.
// Everything it shows comes from the JSON API of `ordo serve` (docs/http.md); the shapes in
// data/topology.json only say where regions are, never who they belong to.
import { geoConicEqualArea, geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import topology from './data/topology.json';
import { api, ApiError, setScenario } from './api.js';
import { colourFor, NO_DATA } from './colours.js';
import { renderChart } from './chart.js';
import { addDays, dayNumber, fromDayNumber, today } from './dates.js';

const VIEWS = [
  { id: 'military-district', label: 'Military districts', map: 'regions', from: '1991-12-25' },
  { id: 'federal-district', label: 'Federal districts', map: 'regions', from: '1991-12-25' },
  { id: 'part-of', label: 'Sovereignty', map: 'regions', from: '1991-08-24' },
  { id: 'member-of', label: 'Alliances', map: 'world', from: '1949-01-01' },
  { id: 'subordinate-to', label: 'Commands', map: 'chart', from: '1992-05-07' },
];
const PERSPECTIVES = [
  { id: '', label: 'All views', title: 'Undisputed facts plus every party\u2019s claims, contested regions hatched' },
  { id: 'RU', label: 'Russia', title: 'Russia\u2019s view (perspective RU)' },
  { id: 'UA', label: 'Ukraine', title: 'Ukraine\u2019s view (perspective UA)' },
  { id: 'UN', label: 'UN', title: 'The UN General Assembly\u2019s view (perspective UN)' },
];
const RELATION_LABEL = {
  'military-district': 'military district', 'federal-district': 'federal district', 'part-of': 'part of',
  'member-of': 'member of', 'subordinate-to': 'subordinate to', 'controlled-by': 'controlled by',
};

const $ = (id) => document.getElementById(id);
const svgNs = 'http://www.w3.org/2000/svg';

// ---- State, kept in the URL ------------------------------------------------------------

const state = { date: '2024-03-01', view: 'military-district', perspective: '', sel: '', order: '', scenario: '' };

function readUrl() {
  const q = new URLSearchParams(location.search);
  if (/^\d{4}-\d{2}-\d{2}$/.test(q.get('date') || '')) state.date = q.get('date');
  else state.date = today();
  if (VIEWS.some((v) => v.id === q.get('view'))) state.view = q.get('view');
  state.perspective = PERSPECTIVES.some((p) => p.id === q.get('p')) ? q.get('p') : '';
  state.sel = q.get('sel') || '';
  state.order = q.get('order') || '';
  state.scenario = q.get('scenario') || '';
  setScenario(state.scenario);
}

function writeUrl(push) {
  const q = new URLSearchParams();
  q.set('date', state.date);
  q.set('view', state.view);
  if (state.perspective) q.set('p', state.perspective);
  if (state.sel) q.set('sel', state.sel);
  if (state.order) q.set('order', state.order);
  if (state.scenario) q.set('scenario', state.scenario);
  const url = `${location.pathname}?${q}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

const view = () => VIEWS.find((v) => v.id === state.view);
const viewParams = (extra = {}) => {
  const p = { at: state.date, ...extra };
  if (state.perspective) p.perspective = state.perspective;
  return p;
};

// ---- Names ----------------------------------------------------------------------------

// Display names of entities as of the shown date, filled from legends and entity answers.
const names = new Map();
const nameKey = (id) => `${id}@${state.date}`;
function nameOf(id) {
  return names.get(nameKey(id)) || names.get(id) || id;
}
function rememberName(id, name) {
  if (!name) return;
  names.set(nameKey(id), name);
  if (!names.has(id)) names.set(id, name);
}
function ruName(list) {
  const n = (list || []).find((x) => x.lang === 'ru');
  return n ? n.text : '';
}

// ---- Orders (loaded once: every order with its sources) ---------------------------------

let orders = [];
const orderById = new Map();
async function loadOrders() {
  orders = await api('/api/orders');
  orderById.clear();
  orders.sort((a, b) => (a.effective < b.effective ? -1 : a.effective > b.effective ? 1 : 0));
  for (const o of orders) orderById.set(o.id, o);
}
// EDTF "2014-04~" -> "2014-04-01" for placing on the timeline.
const edtfDay = (d) => {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d || '');
  return m ? `${m[1]}-${m[2] || '01'}-${m[3] || '01'}` : '';
};

// ---- The map --------------------------------------------------------------------------

const regions = feature(topology, topology.objects.regions).features;
const countries = feature(topology, topology.objects.countries).features;
const regionById = new Map(regions.map((f) => [f.id, f]));
let mapMode = '';
let paths = new Map(); // id -> path element of the coloured layer
let lastMap = null;

function drawMap(mode) {
  const svg = $('map');
  const { width, height } = svg.getBoundingClientRect();
  if (!width || !height) return;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const defs = document.createElementNS(svgNs, 'defs');
  defs.id = 'patterns';
  svg.append(defs);
  let projection;
  if (mode === 'world') {
    projection = geoEqualEarth().rotate([-20, 0]).fitExtent([[10, 10], [width - 10, height - 10]], { type: 'Sphere' });
  } else {
    projection = geoConicEqualArea().parallels([52, 68]).rotate([-96, 0])
      .fitExtent([[16, 16], [width - 16, height - 16]], { type: 'FeatureCollection', features: regions });
  }
  const path = geoPath(projection);
  const sphere = document.createElementNS(svgNs, 'path');
  sphere.setAttribute('d', path({ type: 'Sphere' }));
  sphere.setAttribute('class', 'sphere');
  svg.append(sphere);
  const back = document.createElementNS(svgNs, 'g');
  back.setAttribute('class', mode === 'world' ? 'countries' : 'countries background');
  const front = document.createElementNS(svgNs, 'g');
  front.setAttribute('class', 'regions');
  paths = new Map();
  const shapes = mode === 'world' ? countries : regions;
  if (mode !== 'world') {
    for (const f of countries) {
      if (f.id === 'RU' || f.id === 'UA') continue;
      const p = document.createElementNS(svgNs, 'path');
      p.setAttribute('d', path(f) || '');
      back.append(p);
    }
  }
  for (const f of shapes) {
    const d = path(f);
    if (!d) continue;
    const p = document.createElementNS(svgNs, 'path');
    p.setAttribute('d', d);
    p.setAttribute('class', 'shape');
    p.dataset.id = f.id;
    p.setAttribute('fill', NO_DATA);
    paths.set(f.id, p);
    (mode === 'world' ? back : front).append(p);
  }
  svg.append(back, front);
  mapMode = mode;
}

// Which colour a region gets: its object(s) for the relation, hatched when views disagree.
function fillFor(objects, exclusive) {
  if (!objects || !objects.length) return NO_DATA;
  if (objects.length === 1 || !exclusive) return colourFor(objects.slice().sort().join('+'));
  const key = objects.slice().sort().join('+');
  const pid = `hatch-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!document.getElementById(pid)) {
    const pat = document.createElementNS(svgNs, 'pattern');
    pat.id = pid;
    pat.setAttribute('patternUnits', 'userSpaceOnUse');
    pat.setAttribute('width', String(8 * objects.length));
    pat.setAttribute('height', '8');
    pat.setAttribute('patternTransform', 'rotate(45)');
    objects.slice().sort().forEach((o, i) => {
      const r = document.createElementNS(svgNs, 'rect');
      r.setAttribute('x', String(8 * i));
      r.setAttribute('width', '8');
      r.setAttribute('height', '8');
      r.setAttribute('fill', colourFor(o));
      pat.append(r);
    });
    $('patterns').append(pat);
  }
  return `url(#${pid})`;
}

function paint(data) {
  const exclusive = data.relation !== 'member-of';
  for (const item of data.legend) rememberName(item.id, item.name);
  for (const [id, p] of paths) {
    const objects = data.assignments[id];
    const key = objects ? objects.slice().sort().join('+') : '';
    if (p.dataset.object !== key) {
      p.dataset.object = key;
      p.setAttribute('fill', fillFor(objects, exclusive));
    }
  }
  renderLegend(data, exclusive);
  lastMap = data;
  markSelection();
}

function renderLegend(data, exclusive) {
  const counts = new Map();
  for (const [id, objects] of Object.entries(data.assignments)) {
    if (!paths.has(id)) continue;
    const key = objects.slice().sort().join('+');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const legend = $('legend');
  const none = [...paths.keys()].filter((id) => !data.assignments[id]).length;
  const title = `${view().label} · ${state.date}${state.perspective ? ` · ${state.perspective} view` : ''}`;
  // Rebuilt only when its rows change: most slider steps change nothing but the date.
  const signature = JSON.stringify([state.view, state.perspective, entries, none, entries.map(([k]) => k.split('+').map(nameOf))]);
  if (legend.dataset.signature === signature) {
    legend.firstChild.textContent = title;
    return;
  }
  legend.dataset.signature = signature;
  legend.replaceChildren();
  const h = document.createElement('div');
  h.className = 'legend-title';
  h.textContent = title;
  legend.append(h);
  for (const [key, count] of entries) {
    const ids = key.split('+');
    const row = document.createElement('button');
    row.className = 'legend-item';
    row.dataset.key = key;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    if (ids.length > 1 && exclusive) {
      sw.style.background = `repeating-linear-gradient(45deg, ${ids.map((o, i) => `${colourFor(o)} ${i * 5}px ${(i + 1) * 5}px`).join(', ')})`;
    } else {
      sw.style.background = colourFor(key);
    }
    const label = document.createElement('span');
    label.className = 'legend-name';
    label.textContent = ids.map(nameOf).join(exclusive ? ' / ' : ' + ') + (ids.length > 1 && exclusive ? ' (disputed)' : '');
    const n = document.createElement('span');
    n.className = 'legend-count';
    n.textContent = String(count);
    row.append(sw, label, n);
    row.title = ids.join(', ');
    row.addEventListener('mouseenter', () => highlightKey(key));
    row.addEventListener('mouseleave', () => highlightKey(''));
    row.addEventListener('click', () => select(ids[0]));
    legend.append(row);
  }
  if (!entries.length) {
    const empty = document.createElement('div');
    empty.className = 'legend-empty';
    empty.textContent = 'Nothing recorded for this date and view.';
    legend.append(empty);
  }
  if (none && entries.length) {
    const row = document.createElement('div');
    row.className = 'legend-item muted';
    row.innerHTML = `<span class="swatch" style="background:${NO_DATA}"></span><span class="legend-name">none recorded</span><span class="legend-count">${none}</span>`;
    legend.append(row);
  }
}

function highlightKey(key) {
  for (const p of paths.values()) p.classList.toggle('faded', !!key && p.dataset.object !== key);
}

// ---- Loading a view for the date ------------------------------------------------------

// The map only changes on the dates where a fact of the relation starts or ends
// (GET /api/changes). Answers of /api/map are cached per stretch between two such dates, so a
// slider step inside a stretch repaints without a request; the neighbouring stretches are
// fetched ahead.
const changeDates = new Map(); // relation|perspective -> sorted day numbers
const mapCache = new Map();
let requestSeq = 0;
async function breakpoints(relation, perspective) {
  const key = `${relation}|${perspective}`;
  if (!changeDates.has(key)) {
    const params = { relation };
    if (perspective) params.perspective = perspective;
    const answer = await api('/api/changes', params);
    changeDates.set(key, answer.dates.map(dayNumber));
  }
  return changeDates.get(key);
}
// Index of the stretch holding day d: the number of change dates <= d.
function stretchOf(bps, d) {
  let lo = 0;
  let hi = bps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bps[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
async function fetchMap(relation, date, perspective) {
  const bps = await breakpoints(relation, perspective);
  const key = `${relation}|${perspective}|${stretchOf(bps, dayNumber(date))}`;
  if (mapCache.has(key)) return mapCache.get(key);
  const params = { relation, at: date };
  if (perspective) params.perspective = perspective;
  const pending = api('/api/map', params);
  mapCache.set(key, pending);
  try {
    return await pending;
  } catch (e) {
    mapCache.delete(key);
    throw e;
  }
}
function prefetchAround(relation, date, perspective) {
  const bps = changeDates.get(`${relation}|${perspective}`);
  if (!bps) return;
  const i = stretchOf(bps, dayNumber(date));
  // The stretch after starts at bps[i]; the one before at bps[i - 2] (or anywhere before bps[i - 1]).
  if (i < bps.length) fetchMap(relation, fromDayNumber(bps[i]), perspective).catch(() => {});
  if (i >= 1) fetchMap(relation, fromDayNumber(bps[i - 1] - 1), perspective).catch(() => {});
}

let perfStart = 0;
async function refresh() {
  const seq = ++requestSeq;
  const v = view();
  $('map').hidden = v.map === 'chart';
  $('chart').hidden = v.map !== 'chart';
  $('legend').hidden = v.map === 'chart';
  try {
    if (v.map === 'chart') {
      const tree = await api('/api/tree', viewParams({ relation: v.id }));
      if (seq !== requestSeq) return;
      renderChart($('chart'), tree, { onSelect: (id) => select(id) });
      document.body.dataset.ready = `${state.view}|${state.date}|${state.perspective}`;
    } else {
      if (mapMode !== v.map) drawMap(v.map);
      const data = await fetchMap(v.id, state.date, state.perspective);
      if (seq !== requestSeq) return;
      paint(data);
      document.body.dataset.ready = `${state.view}|${state.date}|${state.perspective}`;
      setTimeout(() => prefetchAround(v.id, state.date, state.perspective), 0);
    }
    hideStatus();
  } catch (e) {
    if (seq === requestSeq) showError(e);
  }
  if (perfStart) {
    const t0 = perfStart;
    perfStart = 0;
    // Script work until the DOM holds the new colours, and (below) until the frame is shown.
    (window.__ordoWorkTimes ||= []).push(performance.now() - t0);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (window.__ordoPaintTimes ||= []).push(performance.now() - t0);
      ch.port2.postMessage(0);
    });
  }
  if (state.order) markOrder();
}

function showError(e) {
  const box = $('status');
  box.hidden = false;
  box.className = 'status error';
  const notes = e instanceof ApiError ? e.notes : [];
  box.replaceChildren();
  const m = document.createElement('div');
  m.textContent = e.message;
  box.append(m);
  for (const n of notes) {
    const d = document.createElement('div');
    d.className = 'note';
    d.textContent = n;
    box.append(d);
  }
}
function hideStatus() {
  $('status').hidden = true;
}

// ---- Date controls --------------------------------------------------------------------

function setDate(date, { push = false, fromSlider = false } = {}) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
  state.date = date;
  $('date').value = date;
  if (!fromSlider) $('slider').value = String(dayNumber(date));
  writeUrl(push);
  refresh();
  if (state.sel) showRegion(state.sel, { keepScroll: true });
}

function setupTimebar() {
  const slider = $('slider');
  const min = dayNumber(view().from);
  const max = dayNumber(today());
  slider.min = String(min);
  slider.max = String(max);
  slider.value = String(Math.min(Math.max(dayNumber(state.date), min), max));
  $('date').value = state.date;
  $('date').min = view().from;
  // Year marks under the slider.
  const scale = $('scale');
  scale.replaceChildren();
  const y0 = Number(view().from.slice(0, 4));
  const y1 = Number(today().slice(0, 4));
  const step = y1 - y0 > 40 ? 10 : 5;
  for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
    const s = document.createElement('span');
    s.style.left = `${((dayNumber(`${y}-01-01`) - min) / (max - min)) * 100}%`;
    s.textContent = String(y);
    scale.append(s);
  }
  // One tick per order that touches this view's relation.
  const ticks = $('ticks');
  ticks.replaceChildren();
  for (const o of orders) {
    const d = edtfDay(o.effective);
    if (!d || dayNumber(d) < min) continue;
    const t = document.createElement('button');
    t.className = `tick${o.perspective ? ' perspective' : ''}${o.id === state.order ? ' active' : ''}`;
    t.style.left = `${((dayNumber(d) - min) / (max - min)) * 100}%`;
    t.title = `${o.effective} — ${o.title}`;
    t.dataset.order = o.id;
    t.addEventListener('click', () => openOrder(o.id));
    ticks.append(t);
  }
  // One diamond per statement, at the day it was made.
  for (const st of statements) {
    const d = edtfDay(st.date);
    if (!d || dayNumber(d) < min) continue;
    const m = document.createElement('button');
    m.className = `stmt-mark${st.id === shownStatement ? ' active' : ''}`;
    m.style.left = `${((dayNumber(d) - min) / (max - min)) * 100}%`;
    m.title = `${st.date} — ${st.speaker_name || st.speaker || ''}: ${st.name || st.id}`;
    m.dataset.statement = st.id;
    m.addEventListener('click', () => showStatement(st.id));
    ticks.append(m);
  }
}

// ---- Selection and the region panel ---------------------------------------------------

function markSelection() {
  for (const [id, p] of paths) p.classList.toggle('selected', id === state.sel);
  const p = paths.get(state.sel);
  if (p) p.parentNode.append(p); // on top, so its outline shows whole
}

function select(id, push = true) {
  state.sel = id;
  state.order = '';
  clearOrderMarks();
  writeUrl(push);
  markSelection();
  showTab('details');
  showRegion(id);
}

function link(text, onClick, cls = 'link') {
  const a = document.createElement('a');
  a.href = '#';
  a.className = cls;
  a.textContent = text;
  a.addEventListener('click', (e) => {
    e.preventDefault();
    onClick();
  });
  return a;
}
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
function sourceLinks(orderId) {
  const o = orderById.get(orderId);
  const wrap = el('span', 'sources');
  if (!o) return wrap;
  for (const s of o.sources) {
    if (s.url) {
      const a = el('a', 'source', s.publisher || s.title);
      a.href = s.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.title = s.title + (s.date ? ` (${s.date})` : '');
      wrap.append(a);
    } else {
      const t = el('span', 'source nolink', s.publisher || s.title);
      t.title = s.title;
      wrap.append(t);
    }
  }
  return wrap;
}

let regionSeq = 0;
async function showRegion(id, { keepScroll = false } = {}) {
  const seq = ++regionSeq;
  const panel = $('panel-details');
  let entity;
  let hist;
  try {
    [entity, hist] = await Promise.all([
      api(`/api/entity/${encodeURIComponent(id)}`, viewParams()),
      api(`/api/history/${encodeURIComponent(id)}`, state.perspective ? { perspective: state.perspective } : {}),
    ]);
  } catch (e) {
    if (seq !== regionSeq) return;
    panel.replaceChildren(el('div', 'error', e.message), ...(e.notes || []).map((n) => el('div', 'note', n)));
    return;
  }
  if (seq !== regionSeq) return;
  const scroll = panel.scrollTop;
  const name = (entity.names.find((n) => n.lang === 'en') || entity.names[0] || {}).text || id;
  rememberName(id, name);
  // Names of the objects this entity points to, as of the date.
  const wanted = new Set([...entity.facts, ...hist].filter((f) => f.object).map((f) => f.object));
  await Promise.all([...wanted].filter((o) => !names.has(nameKey(o))).slice(0, 24).map(async (o) => {
    try {
      const e = await api(`/api/entity/${encodeURIComponent(o)}`, { at: state.date });
      rememberName(o, (e.names.find((n) => n.lang === 'en') || e.names[0] || {}).text);
    } catch { /* keep the id */ }
  }));
  if (seq !== regionSeq) return;

  const head = el('div', 'entity-head');
  head.append(el('h2', '', name));
  const ru = ruName(entity.names);
  if (ru && ru !== name) head.append(el('div', 'alt-name', ru));
  const meta = el('div', 'meta');
  meta.textContent = `${id} · ${entity.kind}${entity.alive ? '' : ' · does not exist on this date'}`;
  head.append(meta);
  if (entity.aliases.length) head.append(el('div', 'aliases', `also: ${entity.aliases.map((a) => a.text).join(', ')}`));

  const now = el('section', 'facts-now');
  now.append(el('h3', '', `On ${state.date}`));
  const dl = el('dl', 'facts');
  const shown = entity.facts.filter((f) => !f.predicate.startsWith('name'));
  for (const f of shown) {
    dl.append(el('dt', '', RELATION_LABEL[f.predicate] || f.predicate));
    const dd = el('dd');
    if (f.object) {
      const sw = el('span', 'dot');
      sw.style.background = colourFor(f.object);
      dd.append(sw, link(nameOf(f.object), () => select(f.object)));
    } else {
      dd.append(String(f.value));
    }
    if (f.perspective) dd.append(el('span', 'badge', f.perspective));
    dl.append(dd);
  }
  if (!shown.length) now.append(el('p', 'muted', 'No facts on this date.'));
  now.append(dl);

  const past = el('section', 'history');
  past.append(el('h3', '', 'History'));
  const table = el('table', 'history-table');
  const thead = el('thead');
  thead.innerHTML = '<tr><th>relation</th><th>value · order · sources</th><th>from – to</th></tr>';
  table.append(thead);
  const tbody = el('tbody');
  for (const f of hist) {
    if (f.predicate.startsWith('name')) continue;
    const tr = el('tr');
    if (f.recorded_to) tr.className = 'superseded';
    const d = dayNumber(state.date);
    const fromOk = !f.from || dayNumber(edtfDay(f.from)) <= d;
    const toOk = !f.to || d < dayNumber(edtfDay(f.to));
    if (fromOk && toOk && !f.recorded_to) tr.classList.add('current');
    tr.append(el('td', 'rel', RELATION_LABEL[f.predicate] || f.predicate));
    const v = el('td', 'val');
    if (f.object) {
      const sw = el('span', 'dot');
      sw.style.background = colourFor(f.object);
      v.append(sw, link(nameOf(f.object), () => select(f.object)));
    } else {
      v.append(String(f.value));
    }
    if (f.perspective) v.append(el('span', 'badge', f.perspective));
    const src = el('div', 'src');
    src.append(link(f.order, () => openOrder(f.order), 'order-link'));
    src.append(sourceLinks(f.order));
    v.append(src);
    tr.append(v);
    const when = el('td', 'date');
    when.append(el('div', '', f.from || '…'), el('div', 'muted', `– ${f.to || 'open'}`));
    tr.append(when);
    tbody.append(tr);
  }
  table.append(tbody);
  past.append(table);
  panel.replaceChildren(head, now, past);
  panel.dataset.entity = id;
  panel.dataset.order = '';
  panel.dataset.statement = '';
  if (keepScroll) panel.scrollTop = scroll;
}

// ---- Orders: the list, one order, and what it changed --------------------------------

function renderOrderList() {
  const panel = $('panel-orders');
  panel.replaceChildren();
  const list = el('ol', 'order-list');
  for (const o of orders.slice().reverse()) {
    const li = el('li', `order-item${o.id === state.order ? ' active' : ''}`);
    li.dataset.order = o.id;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', o.effective), el('span', 'order-issuer', o.issuer || ''));
    if (o.perspective) top.append(el('span', 'badge', o.perspective));
    li.append(top, el('div', 'order-title', o.title));
    li.addEventListener('click', () => openOrder(o.id));
    list.append(li);
  }
  panel.append(list);
}

let orderChanges = null;
async function openOrder(id) {
  let changes;
  try {
    changes = await api(`/api/orders/${encodeURIComponent(id)}`);
  } catch (e) {
    showError(e);
    return;
  }
  orderChanges = changes;
  state.order = id;
  state.sel = '';
  // Show the order on the map of the relation it changed most.
  const counts = new Map();
  for (const f of changes.asserted) counts.set(f.predicate, (counts.get(f.predicate) || 0) + 1);
  const mapped = VIEWS.filter((v) => counts.has(v.id)).sort((a, b) => counts.get(b.id) - counts.get(a.id));
  if (mapped.length && !counts.has(state.view)) switchView(mapped[0].id, false);
  const after = edtfDay(changes.effective);
  showTab('details');
  document.querySelectorAll('.tick').forEach((t) => t.classList.toggle('active', t.dataset.order === id));
  document.querySelectorAll('.order-item').forEach((t) => t.classList.toggle('active', t.dataset.order === id));
  setDate(after, { push: true });
  await renderOrderPanel(changes);
}

function changedSubjects() {
  if (!orderChanges) return new Set();
  const rel = state.view;
  return new Set([...orderChanges.asserted, ...orderChanges.superseded].filter((f) => f.predicate === rel).map((f) => f.id));
}

function markOrder() {
  const changed = changedSubjects();
  for (const [id, p] of paths) {
    p.classList.toggle('changed', changed.has(id));
    p.classList.toggle('dimmed', changed.size > 0 && !changed.has(id));
  }
  for (const id of changed) {
    const p = paths.get(id);
    if (p) p.parentNode.append(p);
  }
}
function clearOrderMarks() {
  orderChanges = null;
  for (const p of paths.values()) p.classList.remove('changed', 'dimmed');
}

async function renderOrderPanel(changes) {
  const panel = $('panel-details');
  const o = changes;
  const head = el('div', 'entity-head');
  head.append(el('div', 'kicker', 'Order'));
  head.append(el('h2', '', o.title));
  const meta = el('div', 'meta');
  meta.textContent = [o.id, o.issuer && `issued by ${o.issuer}`, o.signed && `signed ${o.signed}`,
    `effective ${o.effective}`, `recorded ${o.recorded.slice(0, 10)}`, o.perspective && `perspective ${o.perspective}`]
    .filter(Boolean).join(' · ');
  head.append(meta);
  for (const n of o.notes) head.append(el('p', 'note', n));

  const before = addDays(edtfDay(o.effective), -1);
  const after = edtfDay(o.effective);
  const toggle = el('div', 'before-after');
  const bBefore = el('button', state.date === before ? 'on' : '', `Before · ${before}`);
  const bAfter = el('button', state.date === after ? 'on' : '', `After · ${after}`);
  bBefore.dataset.when = 'before';
  bAfter.dataset.when = 'after';
  bBefore.addEventListener('click', () => { setDate(before, { push: true }); bBefore.className = 'on'; bAfter.className = ''; });
  bAfter.addEventListener('click', () => { setDate(after, { push: true }); bAfter.className = 'on'; bBefore.className = ''; });
  toggle.append(bBefore, bAfter);

  const srcs = el('section', 'order-sources');
  srcs.append(el('h3', '', 'Sources'));
  for (const s of o.sources) {
    const d = el('div', 'source-card');
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

  // Before and after of every subject the order changed in this view's relation.
  const rel = state.view;
  const changedList = el('section', 'order-changes');
  const subjects = [...changedSubjects()];
  changedList.append(el('h3', '', `What it changed${VIEWS.some((v) => v.id === rel) ? ` (${view().label.toLowerCase()})` : ''}: ${subjects.length}`));
  if (subjects.length && view().map !== 'chart') {
    const [mb, ma] = await Promise.all([fetchMap(rel, before, state.perspective), fetchMap(rel, after, state.perspective)]);
    for (const it of [...mb.legend, ...ma.legend]) rememberName(it.id, it.name);
    const table = el('table', 'change-table');
    for (const id of subjects.sort()) {
      const tr = el('tr');
      tr.dataset.id = id;
      const f = regionById.get(id);
      tr.append(el('td', 'subj', f ? f.properties.name : id));
      const cell = (objs) => {
        const td = el('td', 'obj');
        for (const ob of objs || []) {
          const sw = el('span', 'dot');
          sw.style.background = colourFor(ob);
          td.append(sw, el('span', '', nameOf(ob)));
        }
        if (!objs || !objs.length) td.append(el('span', 'muted', '—'));
        return td;
      };
      tr.append(cell(mb.assignments[id]), el('td', 'arrow', '→'), cell(ma.assignments[id]));
      tr.addEventListener('click', () => select(id));
      table.append(tr);
    }
    changedList.append(table);
  }
  const other = o.asserted.filter((f) => f.predicate !== rel);
  if (other.length) changedList.append(el('p', 'muted', `and ${other.length} other fact${other.length === 1 ? '' : 's'} (names, other relations)`));
  panel.replaceChildren(head, toggle, changedList, srcs);
  panel.dataset.entity = '';
  panel.dataset.order = o.id;
  panel.dataset.statement = '';
  markOrder();
}

// ---- Views, perspectives, tabs, search --------------------------------------------------

function switchView(id, doRefresh = true) {
  state.view = id;
  document.querySelectorAll('#views button').forEach((b) => b.classList.toggle('active', b.dataset.view === id));
  setupTimebar();
  if (dayNumber(state.date) < dayNumber(view().from)) state.date = view().from;
  writeUrl(true);
  if (doRefresh) refresh();
}

function showTab(tab) {
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.dataset.tab === tab));
  for (const name of ['details', 'orders', 'statements', 'alerts']) $(`panel-${name}`).hidden = tab !== name;
}

function setupControls() {
  const views = $('views');
  for (const v of VIEWS) {
    const b = el('button', v.id === state.view ? 'active' : '', v.label);
    b.dataset.view = v.id;
    b.addEventListener('click', () => switchView(v.id));
    views.append(b);
  }
  const persp = $('perspectives');
  for (const p of PERSPECTIVES) {
    const b = el('button', p.id === state.perspective ? 'active' : '', p.label);
    b.dataset.perspective = p.id;
    b.title = p.title;
    b.addEventListener('click', () => {
      state.perspective = p.id;
      persp.querySelectorAll('button').forEach((x) => x.classList.toggle('active', x === b));
      writeUrl(true);
      refresh();
      if (state.sel) showRegion(state.sel);
    });
    persp.append(b);
  }
  document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => showTab(t.dataset.tab)));

  const slider = $('slider');
  slider.addEventListener('input', () => {
    perfStart = performance.now();
    setDate(fromDayNumber(Number(slider.value)), { fromSlider: true });
  });
  $('date').addEventListener('change', () => {
    perfStart = performance.now();
    setDate($('date').value, { push: true });
  });
  const step = (dir) => {
    const d = state.date;
    const list = orders.map((o) => edtfDay(o.effective)).filter(Boolean).sort();
    const next = dir > 0 ? list.find((x) => x > d) : list.slice().reverse().find((x) => x < d);
    if (next) setDate(next, { push: true });
  };
  $('prev-order').addEventListener('click', () => step(-1));
  $('next-order').addEventListener('click', () => step(1));

  // Map interaction.
  const map = $('map');
  const tip = $('tooltip');
  map.addEventListener('click', (e) => {
    const id = e.target.dataset && e.target.dataset.id;
    if (id) select(id);
  });
  map.addEventListener('mousemove', (e) => {
    const id = e.target.dataset && e.target.dataset.id;
    if (!id) {
      tip.hidden = true;
      return;
    }
    const f = regionById.get(id) || countries.find((c) => c.id === id);
    const objs = lastMap && lastMap.assignments[id];
    tip.hidden = false;
    tip.replaceChildren(el('strong', '', f ? f.properties.name : id), el('span', 'muted', ` ${id}`));
    const line = el('div', '', objs ? objs.map(nameOf).join(' / ') : 'none recorded');
    tip.append(line);
    const r = $('stage').getBoundingClientRect();
    tip.style.left = `${e.clientX - r.left + 14}px`;
    tip.style.top = `${e.clientY - r.top + 14}px`;
  });
  map.addEventListener('mouseleave', () => { tip.hidden = true; });

  // Search.
  const input = $('search');
  const results = $('search-results');
  let timer = 0;
  let searchSeq = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) {
        results.hidden = true;
        return;
      }
      const seq = ++searchSeq;
      let found = [];
      try {
        found = await api('/api/search', { q, limit: 8 });
      } catch { found = []; }
      if (seq !== searchSeq) return;
      results.replaceChildren();
      for (const m of found) {
        const li = el('li', 'search-item');
        li.dataset.id = m.id;
        li.append(el('span', 'search-name', m.name), el('span', 'search-meta', `${m.id} · ${m.kind}${m.lang && m.lang !== 'en' ? ` · ${m.lang}` : ''}`));
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          results.hidden = true;
          input.value = m.name;
          if (m.kind === 'state' && !regionById.has(m.id) && state.view !== 'member-of') switchView('member-of');
          select(m.id);
        });
        results.append(li);
      }
      if (!found.length) results.append(el('li', 'search-none', 'No match'));
      results.hidden = false;
    }, 120);
  });
  input.addEventListener('blur', () => setTimeout(() => { results.hidden = true; }, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = results.querySelector('.search-item');
      if (first) first.dispatchEvent(new MouseEvent('mousedown'));
    }
    if (e.key === 'Escape') results.hidden = true;
  });

  window.addEventListener('resize', () => {
    if (view().map === 'chart') return;
    drawMap(view().map);
    if (lastMap) {
      paths.forEach((p) => { p.dataset.object = '__'; });
      paint(lastMap);
    }
    if (state.order) markOrder();
  });
  window.addEventListener('popstate', async () => {
    readUrl();
    await loadBranch();
    start(false);
  });
  $('scenario').addEventListener('change', async () => {
    state.scenario = $('scenario').value;
    setScenario(state.scenario);
    state.order = '';
    clearOrderMarks();
    writeUrl(true);
    await loadBranch();
    start(false);
  });
}

async function start(first) {
  document.querySelectorAll('#views button').forEach((b) => b.classList.toggle('active', b.dataset.view === state.view));
  document.querySelectorAll('#perspectives button').forEach((b) => b.classList.toggle('active', b.dataset.perspective === state.perspective));
  setupTimebar();
  renderOrderList();
  renderStatementList();
  renderAlertList();
  await refresh();
  if (state.order) {
    await openOrder(state.order);
  } else if (state.sel) {
    markSelection();
    await showRegion(state.sel);
  } else if (first) {
    $('panel-details').replaceChildren(el('div', 'intro', ''));
    $('panel-details').firstChild.innerHTML =
      '<h2>Who belongs where, on which date</h2><p>Move the date, pick a view, click a region to see every fact about it with the order that made it and its sources. Click a tick on the timeline to see what an order changed.</p><p class="muted">Everything shown comes from ordo\u2019s record through its API.</p>';
  }
}

async function main() {
  readUrl();
  setupControls();
  try {
    await loadScenarios();
  } catch (e) {
    showError(e);
  }
  await loadBranch();
  await start(true);
}

main();

// ---- Scenarios: which branch every answer comes from ----------------------------------

let scenarios = [];
async function loadScenarios() {
  scenarios = await api('/api/scenarios');
  const pick = $('scenario');
  pick.replaceChildren(el('option', '', 'the record'));
  pick.firstChild.value = '';
  for (const sc of scenarios) {
    const o = el('option', '', `scenario: ${sc.id}`);
    o.value = sc.id;
    o.title = sc.note || '';
    pick.append(o);
  }
  if (state.scenario && !scenarios.some((sc) => sc.id === state.scenario)) {
    showError(new Error(`unknown scenario '${state.scenario}'; showing the record`));
    state.scenario = '';
    setScenario('');
    writeUrl(false);
  }
}

// Everything that depends on the branch: orders, statements, alerts, and the map caches.
async function loadBranch() {
  mapCache.clear();
  changeDates.clear();
  $('scenario').value = state.scenario;
  document.body.classList.toggle('in-scenario', !!state.scenario);
  const banner = $('scenario-banner');
  const sc = scenarios.find((x) => x.id === state.scenario);
  banner.hidden = !sc;
  if (sc) banner.textContent = `Scenario ${sc.id}: hypothetical orders over the record${sc.note ? ` — ${sc.note}` : ''}`;
  try {
    await Promise.all([loadOrders(), loadStatements(), loadAlerts()]);
  } catch (e) {
    showError(e);
  }
}

// ---- Statements: who said what, when, in what office, on whose report -----------------

let statements = [];
const statementById = new Map();
let shownStatement = '';
async function loadStatements() {
  statements = await api('/api/statements');
  statementById.clear();
  for (const st of statements) statementById.set(st.id, st);
}

function renderStatementList() {
  const panel = $('panel-statements');
  panel.replaceChildren();
  if (!statements.length) {
    panel.append(el('div', 'empty', 'No statements recorded.'));
    return;
  }
  const list = el('ol', 'stmt-list');
  for (const st of statements) {
    const li = el('li', `stmt-item${st.id === shownStatement ? ' active' : ''}`);
    li.dataset.statement = st.id;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', st.date), el('span', '', st.speaker_name || st.speaker || ''));
    if (st.kind) top.append(el('span', 'stmt-kind', st.kind));
    li.append(top, el('div', 'order-title', st.name || st.id));
    if (st.quote) li.append(el('div', 'stmt-quote', `\u201c${st.quote}\u201d`));
    li.addEventListener('click', () => showStatement(st.id));
    list.append(li);
  }
  panel.append(list);
}

function sourceLink(src, fallback) {
  if (!src) return el('span', 'source nolink', fallback);
  if (!src.url) return el('span', 'source nolink', src.publisher || src.title);
  const a = el('a', 'source', src.publisher || src.title);
  a.href = src.url;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.title = src.title + (src.date ? ` (${src.date})` : '');
  return a;
}

function showStatement(id) {
  const st = statementById.get(id);
  if (!st) return;
  shownStatement = id;
  document.querySelectorAll('.stmt-mark').forEach((m) => m.classList.toggle('active', m.dataset.statement === id));
  document.querySelectorAll('.stmt-item').forEach((m) => m.classList.toggle('active', m.dataset.statement === id));
  const panel = $('panel-details');
  const head = el('div', 'entity-head');
  head.append(el('div', 'kicker', `Statement${st.kind ? ` · ${st.kind}` : ''}`));
  head.append(el('h2', '', st.name || st.id));
  head.append(el('div', 'meta', [st.id, st.date, st.time, st.venue].filter(Boolean).join(' · ')));

  const facts = el('dl', 'facts');
  const row = (label, ...content) => {
    const dd = el('dd');
    dd.append(...content);
    facts.append(el('dt', '', label), dd);
  };
  if (st.speaker) {
    row('speaker', st.speaker_name || st.speaker);
    const offices = (st.offices || []).map((o) => o.name || o.id).join('; ');
    row('office that day', offices || el('span', 'muted', 'not recorded'));
  }
  if (st.kind) row('kind', el('span', 'stmt-kind', st.kind));
  if (st.condition) {
    const c = el('span', '', `\u201c${st.condition}\u201d`);
    row('condition', c, ...(st.condition_meaning ? [el('div', 'note', `meaning: ${st.condition_meaning}`)] : []));
  }
  if (st.hedges && st.hedges.length) row('hedges', ...st.hedges.map((h) => el('div', '', `\u201c${h}\u201d`)));
  if (st.gist) row('gist', el('span', 'muted', st.gist));
  if (st.about && st.about.length) row('about', st.about.map((a) => a.name || a.id).join(', '));

  const words = el('section');
  words.append(el('h3', '', 'Words'));
  const sources = new Map((st.sources || []).map((x) => [x.id, x]));
  if (st.quote) {
    words.append(el('blockquote', 'stmt-said', st.quote));
    if (st.quote_source) {
      const by = el('div', 'sources');
      by.append(sourceLink(sources.get(st.quote_source), st.quote_source));
      words.append(by);
    }
  }
  for (const more of st.also || []) words.append(el('blockquote', '', more));

  const links = el('section', 'stmt-links');
  if (st.links && st.links.length) {
    links.append(el('h3', '', 'Links'));
    for (const l of st.links) {
      const d = el('div', 'stmt-link');
      d.dataset.direction = l.direction;
      d.append(el('span', 'muted', `${l.label} `));
      d.append(statementById.has(l.id) ? link(l.name || l.id, () => showStatement(l.id)) : el('span', '', l.name || l.id));
      links.append(d);
    }
  }

  const chain = el('section', 'stmt-reporting');
  if (st.reporting && st.reporting.length) {
    chain.append(el('h3', '', 'How it reached the record'));
    const ol = el('ol', 'stmt-chain');
    for (const r of st.reporting) {
      const li = el('li');
      li.dataset.step = String(r.step);
      li.append(el('div', '', `${r.publisher || r.name || r.id}${r.medium ? ` (${r.medium})` : ''}`));
      const via = r.via ? el('div', 'muted', `relaying ${r.via}`) : el('div', 'muted', 'first report');
      const src = el('div', 'sources');
      src.append(sourceLink(sources.get(r.source), r.source || ''));
      li.append(via, src);
      ol.append(li);
    }
    chain.append(ol);
  }
  const notes = el('section');
  for (const n of st.notes || []) notes.append(el('p', 'note', n));
  const rec = el('div', 'muted');
  rec.append('recorded by ', ...(st.orders || []).map((o) => link(o, () => openOrder(o), 'order-link')));

  panel.replaceChildren(head, facts, words, links, chain, notes, rec);
  panel.dataset.entity = '';
  panel.dataset.order = '';
  panel.dataset.statement = id;
  panel.scrollTop = 0;
  showTab('details');
}

// ---- Alerts: where a watch rule's stated condition is met --------------------------------

let alerts = [];
async function loadAlerts() {
  alerts = await api('/api/alerts');
  $('alert-count').textContent = alerts.length ? String(alerts.length) : '';
  // Names for the bindings, from the API like every other name.
  const ids = new Set(alerts.flatMap((a) => Object.values(a.bindings)));
  await Promise.all([...ids].filter((id) => !names.has(id)).map(async (id) => {
    try {
      const e = await api(`/api/entity/${encodeURIComponent(id)}`);
      const n = (e.names || []).find((x) => x.lang === 'en') || (e.names || [])[0];
      if (n) names.set(id, n.text);
    } catch { /* the id alone is shown */ }
  }));
}

function renderAlertList() {
  const panel = $('panel-alerts');
  panel.replaceChildren();
  const where = state.scenario ? `scenario ${state.scenario}` : 'the record';
  panel.append(el('div', 'kicker', `Alerts in ${where}`));
  if (!alerts.length) {
    panel.append(el('div', 'empty', `No watch rule\u2019s condition is met in ${where}.`));
    return;
  }
  const list = el('ol', 'alert-list');
  for (const a of alerts) {
    const li = el('li', 'alert-item');
    li.dataset.alert = String(a.id);
    li.dataset.rule = a.rule;
    li.dataset.order = a.order;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', a.date), el('span', '', a.rule));
    li.append(top, el('div', 'alert-title', a.rule_title));
    const facts = el('dl', 'facts');
    for (const [v, id] of Object.entries(a.bindings)) facts.append(el('dt', '', `?${v}`), el('dd', '', nameOf(id) === id ? id : `${nameOf(id)} (${id})`));
    facts.append(el('dt', '', 'order'), el('dd', '', a.order));
    li.append(facts);
    if (a.quote) {
      const q = el('blockquote', 'alert-quote', a.quote);
      q.title = a.cites;
      li.append(q, el('div', 'muted', `\u2014 ${statementById.get(a.cites)?.speaker_name || a.cites}`));
    }
    if (a.note) li.append(el('p', 'note', a.note));
    const meaning = a.meaning || 'the condition as the statement states it is met; ordo does not assert the consequence';
    li.append(el('div', 'alert-meaning', meaning.charAt(0).toUpperCase() + meaning.slice(1)));
    li.addEventListener('click', () => openAlert(a));
    list.append(li);
  }
  panel.append(list);
}

async function openAlert(a) {
  document.querySelectorAll('.alert-item').forEach((x) => x.classList.toggle('active', x.dataset.alert === String(a.id)));
  await openOrder(a.order);
  if (state.date !== a.date) setDate(a.date, { push: true });
}
