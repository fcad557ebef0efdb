// The ordo web UI, wired together: the state in the URL (state.js) drives the map (map.js,
// legend.js, colours by colours.js), the time bar (timeline.js), the side panels (panels/) and
// the org chart (chart.js). Everything shown comes from the JSON API of `ordo serve`
// (docs/http.md); the shapes in data/topology.json only say where regions are.
import topology from './data/topology.json';
import { absorbedInto, drawnWithin } from './absorbed.js';
import { shapeNeighbours } from './adjacency.js';
import { api, ApiError, apiPostText, setRecorded, setScenario } from './api.js';
import { loadBranch } from './branch.js';
import { renderChart } from './chart.js';
import { renderChanges } from './panels/changes.js';
import { renderCompare, compareKinds } from './panels/compare.js';
import { mapCoverage } from './coverage.js';
import { addDays, edtfStart, stretchDay, today } from './dates.js';
import { el, link, saveBlob } from './dom.js';
import { captionLines, exportName, exportRows, mapSvg, rowsCsv, rowsGeoJson, rowsLinkedPlaces, svgToPng } from './export.js';
import { perspectiveText } from './facts.js';
import { createMap } from './map.js';
import { paintView, tooltipLines } from './mapview.js';
import { stepPainted, stepStarted } from './measure.js';
import { createNames } from './names.js';
import { alertIds, renderAlerts } from './panels/alerts.js';
import { renderOrderList, renderStatementList } from './panels/lists.js';
import { renderRead } from './panels/read.js';
import { changedSubjects, orderDays, orderIds, renderOrder } from './panels/order.js';
import { regionIds, renderRegion } from './panels/region.js';
import { renderStatement } from './panels/statement.js';
import { createSearch } from './search.js';
import { createStore, parseState } from './state.js';
import { createTimeline, stepOrder } from './timeline.js';
import { createTooltip } from './tooltip.js';
import { formatZoom, parseZoom, PRESETS } from './zoomview.js';
import { feature } from 'topojson-client';

const $ = (id) => document.getElementById(id);
const names = createNames(api);
const neighbours = { regions: shapeNeighbours(topology, 'regions'), world: shapeNeighbours(topology, 'countries') };

// What the wiring holds: the schema, the scenarios, the branch being read, the view shown (its
// perspectives, the ids it names, its orders for the stepper), the orders opened, the statement
// shown, the counters that let a late answer know it is late, and the subjects drawn within
// the shape of the region that absorbed them (absorbed.js), from the lineages asked so far.
const ui = {
  schema: null, scenarios: [], branch: null, branchScenario: null, view: null, perspectives: [''], ids: [], stepList: [],
  orderChanges: new Map(), shownStatement: '', seq: 0, regionSeq: 0, panelTimer: 0,
  lineages: [], lineageAsked: new Set(), absorbed: new Map(),
};

const store = createStore({}, {
  history: { push: (u) => history.pushState(null, '', u), replace: (u) => history.replaceState(null, '', u) },
  location: () => location,
});

// ---- The map, the tooltip, the time bar ---------------------------------------------------

const map = createMap($('map'), topology, {
  onSelect: (id) => select(id),
  onHover: (id, e) => hover(id, e),
  onLeave: () => tooltip.hide(),
  // A zoom or pan: the URL follows once it stops; nothing is repainted.
  onZoom: (view) => store.set({ z: view ? formatZoom(view) : '' }, { mode: 'replace-later', how: 'zoom' }),
});
const tooltip = createTooltip($('tooltip'), $('stage'));
const timeline = createTimeline({
  date: $('date'), slider: $('slider'), orders: $('lane-orders'), statements: $('lane-statements'), scale: $('scale'),
  prev: $('prev-order'), next: $('next-order'),
}, {
  date: (date, how) => {
    stepStarted();
    store.set({ date }, { mode: how === 'slider' ? 'replace-later' : 'push', how });
  },
  order: (id) => openOrder(id),
  statement: (id) => showStatement(id),
  step: (dir) => {
    const s = store.get();
    const id = stepOrder(ui.stepList, { order: s.order, date: s.date }, dir);
    if (id) openOrder(id);
  },
});

const label = (id) => {
  const n = names.name(id, store.get().date);
  if (n !== id) return n;
  const f = topologyName(id);
  return f || id;
};
const known = (id) => !!names.kind(id, store.get().date);
const topologyNames = new Map([...topology.objects.regions.geometries, ...topology.objects.countries.geometries]
  .map((g) => [g.id, g.properties && g.properties.name]));
function topologyName(id) {
  return topologyNames.get(id) || '';
}
// An order's title; of an order the branch read does not hold (recorded after "as known on"),
// the title fetched for the Then vs now list.
const laterTitles = new Map();
const orderTitle = (id) => (ui.branch && ui.branch.orderById.get(id) ? ui.branch.orderById.get(id).title : laterTitles.get(id) || id);
const orderLink = (id) => {
  const a = link(orderTitle(id), () => openOrder(id), 'order-link');
  a.dataset.order = id;
  return a;
};

function hover(id, e) {
  const s = store.get();
  const v = ui.view;
  if (!v || !ui.branch) return;
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  tooltip.show(label(id), tooltipLines(vd.modelsAt(s.date).get(id), mapCoverage(vd.mapAnswerNow(s.date)), id, label), e);
}

// ---- Errors --------------------------------------------------------------------------------

function showError(e) {
  const box = $('status');
  box.hidden = false;
  box.className = 'status error';
  box.replaceChildren(el('div', '', e.message));
  for (const n of e instanceof ApiError ? e.notes : []) box.append(el('div', 'note', n));
}

// ---- Opening a branch and a view -----------------------------------------------------------

// rec: the record time read ("" = everything recorded): as known on that day.
async function openBranch(scenario, rec = '') {
  setScenario(scenario);
  setRecorded(rec ? `${rec}T23:59:59.999999Z` : '');
  ui.orderChanges.clear();
  ui.branch = await loadBranch(api, ui.schema);
  Object.assign(ui, { lineages: [], lineageAsked: new Set(), absorbed: new Map() });
  ui.branchScenario = scenario;
  ui.branchRecorded = rec;
  $('recorded').value = rec;
  $('vs-now').disabled = !rec;
  $('vsbox').title = rec ? `Mark where the record now differs from the record as known on ${rec}` : 'Set a day in "As known on" first';
  document.body.classList.toggle('as-known', !!rec);
  names.setChangeDates(ui.branch.nameDates);
  const b = ui.branch;
  $('scenario').value = scenario;
  document.body.classList.toggle('in-scenario', !!scenario);
  const sc = ui.scenarios.find((x) => x.id === scenario);
  const banner = [];
  if (sc) banner.push(`Scenario ${sc.id}: hypothetical orders over the record${sc.note ? ` \u2014 ${sc.note}` : ''}`);
  if (rec) banner.push(`As known on ${rec}: the record as it stood at the end of that day; what was recorded later is not shown`);
  $('scenario-banner').hidden = !banner.length;
  $('scenario-banner').textContent = banner.join(' \u00b7 ');
  const issuers = b.orders.map((o) => o.issuer).filter(Boolean);
  await names.load([...b.orderPerspectives, ...issuers, ...alertIds(b.alerts)], store.get().date || today());
  drawControls();
  renderLists();
}

function drawControls() {
  const s = store.get();
  const views = $('views');
  views.replaceChildren();
  for (const v of ui.branch.views) {
    const b = el('button', v.id === s.view ? 'active' : '', v.label);
    b.dataset.view = v.id;
    b.title = v.note;
    b.addEventListener('click', () => store.set({ view: v.id }));
    views.append(b);
  }
}

// The perspectives of the view: "All views" and those its facts are recorded in.
function drawPerspectives(list) {
  const s = store.get();
  const persp = $('perspectives');
  persp.replaceChildren();
  persp.classList.toggle('single', list.length < 2);
  persp.title = list.length < 2 ? 'No fact of this view depends on whose view it is' : '';
  for (const p of list) {
    const b = el('button', p === s.perspective ? 'active' : '', p ? label(p) : 'All views');
    b.dataset.perspective = p;
    const note = ((ui.schema && ui.schema.perspectives) || []).find((d) => d.id === p)?.note;
    b.title = p ? `Undisputed facts plus ${perspectiveText(p, label)}${note ? `, ${note}` : ''}` : 'Undisputed facts plus every party\u2019s; where the views differ, regions are striped';
    b.addEventListener('click', () => store.set({ perspective: p }));
    persp.append(b);
  }
}

function renderLists() {
  const s = store.get();
  const b = ui.branch;
  renderOrderList($('panel-orders'), b.orders, { active: s.order, label, known, onOpen: (id) => openOrder(id) });
  renderStatementList($('panel-statements'), b.statements, { active: ui.shownStatement, onOpen: (id) => showStatement(id) });
  $('alert-count').textContent = b.alerts.length ? String(b.alerts.length) : '';
  renderAlerts($('panel-alerts'), b.alerts, {
    where: s.scenario ? `scenario ${s.scenario}` : 'the record',
    label,
    orderTitle,
    speaker: (id) => (b.statementById.get(id) || {}).speaker_name || label(id),
    onOpen: (a) => openAlert(a),
  });
}

async function openView(v, perspective) {
  const chart = v.mode === 'chart';
  $('map').hidden = chart;
  $('chart').hidden = !chart;
  $('legend').hidden = chart;
  $('map-tools').hidden = chart;
  const all = ui.branch.viewData(v.id, '');
  await all.load();
  const offered = ui.branch.perspectivesOf(v.id);
  if (perspective && !offered.includes(perspective) && !ui.branch.orderPerspectives.includes(perspective)
      && !ui.branch.views.some((x) => ui.branch.viewData(x.id, '').perspectives().includes(perspective))) {
    showError(new Error(`unknown perspective '${perspective}'; showing every view`));
  }
  ui.perspectives = offered;
  const vd = ui.branch.viewData(v.id, offered.includes(perspective) ? perspective : '');
  await Promise.all([vd.load(), names.load(offered.filter(Boolean), store.get().date)]);
  drawPerspectives(offered);
  if (!chart) {
    const focus = v.mode === 'regions' ? new Set(all.ids()) : null;
    const same = (a, b) => (!a && !b) || (a && b && a.size === b.size && [...a].every((x) => b.has(x)));
    if (map.mode !== v.mode || !same(map.focus, focus)) map.draw(v.mode, focus);
    await ui.branch.colours(v, neighbours[v.mode]);
  }
  ui.view = v;
  const shapes = chart ? [] : [...map.ids()];
  ui.ids = [...new Set([...vd.ids(), ...shapes])];
  // The time bar: the view's dates, its orders, every statement.
  const first = vd.dates[0] || all.dates[0] || today();
  const last = vd.dates[vd.dates.length - 1] || today();
  timeline.setRange(addDays(first, -365), last > today() ? addDays(last, 365) : today());
  const touching = all.orders();
  for (const id of vd.orders()) touching.add(id);
  const orders = ui.branch.orders.filter((o) => touching.has(o.id) && edtfStart(o.effective));
  ui.stepList = orders.map((o) => ({ id: o.id, day: edtfStart(o.effective) }));
  timeline.setMarks({
    orders: orders.map((o) => ({ id: o.id, day: edtfStart(o.effective), title: `${o.effective} \u2014 ${o.title}`, perspective: o.perspective })),
    statements: ui.branch.statements.map((st) => ({ id: st.id, day: edtfStart(st.date), title: `${st.date} \u2014 ${st.speaker_name || ''}: ${st.name || ''}` })),
  });
  timeline.setActive({ order: store.get().order, statement: ui.shownStatement });
}

// The perspective a view is read in: the chosen one when the view's facts have it, else all.
const viewPerspective = (s) => (ui.perspectives.includes(s.perspective) ? s.perspective : '');

// ---- Painting a date ------------------------------------------------------------------------

// The subjects of a view without a shape: their lineage is asked once, and those merged into a
// region with a shape are then listed as drawn within it (the map is painted again).
function askLineages(models, coverage, v, s) {
  const shapes = map.ids();
  const subjects = new Set([...models.keys(), ...(coverage ? coverage.keys() : [])]);
  const ask = [...subjects].filter((id) => !shapes.has(id) && !ui.lineageAsked.has(id));
  if (!ask.length) return;
  for (const id of ask) ui.lineageAsked.add(id);
  const branch = ui.branch;
  Promise.all(ask.map((id) => api(`/api/lineage/${encodeURIComponent(id)}`).catch(() => null))).then((answers) => {
    if (branch !== ui.branch) return;
    ui.lineages.push(...answers.filter(Boolean));
    const before = ui.absorbed.size;
    ui.absorbed = absorbedInto(ui.lineages, shapes);
    if (ui.absorbed.size !== before && store.get() === s) {
      paintMap(v, s);
      if (s.sel) showRegion(s);
    }
  });
}

function paintMap(v, s) {
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  const models = vd.modelsAt(s.date);
  const coverage = mapCoverage(vd.mapAnswerNow(s.date));
  askLineages(models, coverage, v, s);
  paintView(map, $('legend'), {
    absorbed: ui.absorbed,
    models,
    coverage,
    colourOf: (u) => ui.branch.colourOf(v.id, u),
    nameOf: label,
    title: `${v.label} \u00b7 ${s.date}${viewPerspective(s) ? ` \u00b7 ${perspectiveText(s.perspective, label)}` : ''}`,
    sel: s.sel,
    changed: changedSubjects(s.order ? ui.orderChanges.get(s.order) : null, v.id),
    onPick: (m) => select(m.objects[0]),
  });
}

async function showStage(v, s) {
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  if (v.mode === 'chart') {
    const tree = await ui.branch.tree(v.id, viewPerspective(s), s.date);
    if (store.get() !== s) return false;
    await renderChart($('chart'), tree, { onSelect: (id) => select(id), orderTitle });
    return store.get() === s;
  }
  if (!names.has(ui.ids, s.date)) {
    await names.load(ui.ids, s.date);
    if (store.get() !== s) return false;
  }
  if (!vd.mapAnswerNow(s.date)) {
    // Coverage marks arrive with GET /api/map; paint now, again if they say something.
    vd.mapAnswer(s.date).then((a) => {
      if (a && a.uncovered && Object.keys(a.uncovered).length > 0 && store.get() === s) paintMap(v, s);
    }).catch(() => {});
  }
  paintMap(v, s);
  drawHeadquarters(v, s);
  drawCompare(v, s);
  // Ahead of the slider: the names of the neighbouring stretches, and their coverage marks.
  setTimeout(() => {
    for (const d of names.around(s.date)) names.load(ui.ids, d).catch(() => {});
    const i = vd.stretch(s.date);
    for (const j of [i - 1, i + 1]) if (j >= 0 && j < vd.stretchCount) vd.mapAnswer(stretchDay(vd.dates, j)).catch(() => {});
  }, 0);
  return true;
}

// Where the units a view's facts point at (districts, fleets) have their headquarters on the
// date, as symbols at the places' coordinates, from the org chart of subordinate-to. Shown on
// asking (the button under the legend, &hq=1): the symbols need milsymbol, which the map alone
// does not load. The button is offered only when some unit on the map has a place.
async function drawHeadquarters(v, s) {
  map.markers([]);
  for (const b of document.querySelectorAll('#hq-toggle')) b.remove();
  if (!ui.branch.view('subordinate-to')) return;
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  const shown = new Set();
  for (const m of vd.modelsAt(s.date).values()) for (const o of m.objects || []) shown.add(o);
  try {
    const tree = await ui.branch.tree('subordinate-to', '', s.date);
    if (store.get() !== s) return;
    const places = tree.nodes.filter((n) => shown.has(n.id) && n.headquarters
      && n.headquarters.latitude != null && n.headquarters.longitude != null);
    if (!places.length) return;
    const button = el('button', `hq-toggle${s.hq ? ' on' : ''}`, s.hq ? 'Hide headquarters' : 'Show headquarters');
    button.id = 'hq-toggle';
    button.setAttribute('aria-pressed', String(!!s.hq));
    button.title = 'The headquarters of the units on the map, at their places on this date';
    button.addEventListener('click', () => store.set({ hq: store.get().hq ? '' : '1' }, 'push'));
    $('legend').append(button);
    if (!s.hq) return;
    const { symbolUrl } = await import('./symbols.js');
    if (store.get() !== s) return;
    map.markers(places.map((n) => ({
      id: n.id, title: `${n.name}: headquarters, ${n.headquarters.name || n.headquarters.id}`,
      lon: n.headquarters.longitude, lat: n.headquarters.latitude, href: symbolUrl(n.kind, n.sidc),
    })));
  } catch (e) {
    // The markers are an addition to the map; without them it is still whole.
  }
}

// Then vs now (&vs=now, with a record time): what the record as known on the day says of the
// date against what it says now, each differing region outlined by kind (added, corrected,
// retracted) and listed in the "Then vs now" tab. One request per view, date and perspective.
const compared = new Map();
function compareAnswer(v, s) {
  const key = `${s.scenario}|${s.rec}|${v.id}|${s.date}|${viewPerspective(s)}`;
  if (!compared.has(key)) {
    compared.set(key, api('/api/compare', { then: `${s.rec}T23:59:59.999999Z`, at: s.date, relation: v.id, perspective: viewPerspective(s) }));
  }
  return compared.get(key);
}

async function drawCompare(v, s) {
  for (const x of document.querySelectorAll('#legend .legend-compare')) x.remove();
  const on = !!(s.rec && s.vs && v.mode !== 'chart');
  $('vs-now').checked = !!(s.rec && s.vs);
  $('tab-compare').hidden = !on;
  if (!on) {
    map.markCompare(null);
    delete document.body.dataset.compared;
    if (!$('panel-compare').hidden) showTab('details');
    return;
  }
  let answer;
  try {
    answer = await compareAnswer(v, s);
  } catch (e) {
    if (store.get() === s) showError(e);
    return;
  }
  const later = [...new Set(answer.facts.map((f) => f.order).filter((o) => o && !ui.branch.orderById.has(o) && !laterTitles.has(o)))];
  await Promise.all(later.map((o) => api(`/api/orders/${encodeURIComponent(o)}`).then((x) => laterTitles.set(o, x.title)).catch(() => {})));
  if (store.get() !== s) return;
  const kinds = compareKinds(answer, map.has);
  map.markCompare(kinds);
  const box = el('div', 'legend-compare');
  box.append(el('div', 'legend-title', `Then vs now: known on ${s.rec} against now`));
  const count = (k) => answer.facts.filter((f) => f.kind === k).length;
  for (const k of ['added', 'corrected', 'retracted']) {
    const row = el('div', 'legend-cmp');
    row.dataset.kind = k;
    row.append(el('span', `cmp-swatch ${k}`), document.createTextNode(`${k} since then: ${count(k)}`));
    box.append(row);
  }
  $('legend').append(box);
  renderCompare($('panel-compare'), answer, {
    rec: s.rec, date: s.date, title: v.label, label, orderTitle,
    onPick: (id) => store.set({ sel: id, order: '' }),
  });
  document.body.dataset.compared = `${v.id}|${s.date}|${s.rec}|${answer.facts.length}`;
}

function markReady(v, s) {
  document.body.dataset.ready = `${v.id}|${s.date}|${s.perspective}`;
  document.body.dataset.readyRec = s.rec;
  stepPainted();
}

// ---- Reacting to the state ------------------------------------------------------------------

async function update(s, changed, how) {
  // A zoom by the person is the map's own: nothing else to do. From the URL, it is applied.
  if (changed.has('z') && how !== 'zoom') map.setView(parseZoom(s.z));
  if ([...changed].every((k) => k === 'z')) return;
  if ((changed.has('from') || changed.has('to')) && !$('panel-changes').hidden) showChanges();
  const mine = ++ui.seq;
  try {
    if ((changed.has('scenario') && ui.branchScenario !== s.scenario) || (changed.has('rec') && ui.branchRecorded !== s.rec)) {
      await openBranch(s.scenario, s.rec);
      if (mine !== ui.seq) return;
    }
    const v = ui.branch.view(s.view) || ui.branch.views[0];
    if (['scenario', 'view', 'perspective'].some((k) => changed.has(k)) || ui.view !== v) {
      document.querySelectorAll('#views button').forEach((b) => b.classList.toggle('active', b.dataset.view === v.id));
      document.querySelectorAll('#perspectives button').forEach((b) => b.classList.toggle('active', b.dataset.perspective === s.perspective));
      await openView(v, s.perspective);
      if (mine !== ui.seq) return;
      if (!$('panel-changes').hidden) showChanges();
    }
    timeline.setDate(s.date, { fromSlider: how === 'slider' });
    timeline.setActive({ order: s.order });
    if (!(await showStage(v, s)) || mine !== ui.seq) return;
    $('status').hidden = true;
    markReady(v, s);
    clearTimeout(ui.panelTimer);
    if (how === 'slider') ui.panelTimer = setTimeout(() => showPanel(s, changed), 150);
    else showPanel(s, changed);
  } catch (e) {
    if (mine === ui.seq) showError(e);
  }
}

function showPanel(s, changed) {
  if (s.order) {
    if (['order', 'view', 'perspective', 'scenario'].some((k) => changed.has(k)) || $('panel-details').dataset.order !== s.order) showOrder(s);
    else document.querySelectorAll('.before-after button').forEach((b) => {
      const d = orderDays(ui.orderChanges.get(s.order));
      b.classList.toggle('on', d[b.dataset.when] === s.date);
    });
  } else if (s.sel) {
    showRegion(s);
  } else if (!ui.shownStatement) {
    const intro = el('div', 'intro');
    intro.append(el('h2', '', 'Who belongs where, on which date'),
      el('p', '', 'Move the date, pick a view, click a region to see every fact about it with the order that made it and its sources. Click a tick on the time bar to see what an order changed.'),
      el('p', 'muted', 'Everything shown comes from ordo\u2019s record through its API.'));
    setPanel(intro, {});
  }
}

function setPanel(content, { entity = '', order = '', statement = '' }) {
  const panel = $('panel-details');
  if (content) panel.replaceChildren(content);
  panel.dataset.entity = entity;
  panel.dataset.order = order;
  panel.dataset.statement = statement;
}

store.subscribe((s, changed, how) => update(s, changed, how));

// ---- Panels ------------------------------------------------------------------------------------

// The sources facts cite themselves (`cites`) need not be their orders': ask for the ones the
// branch does not know yet, once (GET /api/sources).
async function loadSources(facts) {
  const missing = [...new Set(facts.flatMap((f) => f.sources || []))].filter((id) => !ui.branch.sources.has(id));
  for (let i = 0; i < missing.length; i += 1000) {
    const answer = await api('/api/sources', { ids: missing.slice(i, i + 1000).join(',') });
    for (const src of answer.sources) ui.branch.sources.set(src.id, src);
  }
}

async function showRegion(s) {
  const mine = ++ui.regionSeq;
  const panel = $('panel-details');
  const params = { at: s.date, perspective: s.perspective };
  let entity;
  let history;
  try {
    [entity, history] = await Promise.all([
      api(`/api/entity/${encodeURIComponent(s.sel)}`, params),
      api(`/api/history/${encodeURIComponent(s.sel)}`, { perspective: s.perspective }),
    ]);
    await names.load(regionIds(entity, history), s.date);
    await loadSources([...entity.facts, ...entity.alternatives, ...history]);
  } catch (e) {
    if (mine !== ui.regionSeq) return;
    panel.replaceChildren(el('div', 'error', e.message), ...(e.notes || []).map((n) => el('div', 'note', n)));
    return;
  }
  if (mine !== ui.regionSeq || store.get().sel !== s.sel) return;
  const scroll = panel.dataset.entity === s.sel ? panel.scrollTop : 0;
  ui.shownStatement = '';
  renderRegion(panel, entity, history, {
    date: s.date,
    schema: ui.schema,
    label,
    colourOf: (rel, id) => ui.branch.colourOf(rel, id),
    orderLink,
    sources: ui.branch.sources,
    onSelect: (id) => select(id),
    within: drawnWithin(ui.absorbed, s.sel, s.date),
    absorbedInto: ui.absorbed.get(s.sel),
  });
  setPanel(null, { entity: s.sel });
  panel.scrollTop = scroll;
}

async function showOrder(s) {
  const o = ui.orderChanges.get(s.order);
  if (!o) return;
  const v = ui.view;
  const { before, after } = orderDays(o);
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  await Promise.all([names.load(orderIds(o), before), names.load(orderIds(o), after)]);
  if (store.get().order !== s.order) return;
  ui.shownStatement = '';
  const of = (date) => (id) => vd.factsAt(date).filter((f) => f.id === id);
  renderOrder($('panel-details'), o, {
    date: s.date,
    view: v,
    factsBefore: of(before),
    factsAfter: of(after),
    label,
    labels: (ids) => names.labels(ids, after),
    colourOf: (rel, id) => ui.branch.colourOf(rel, id),
    known,
    onDate: (date) => store.set({ date }, { how: 'order' }),
    onSelect: (id) => select(id),
  });
  setPanel(null, { order: o.id });
  $('panel-details').scrollTop = 0;
  document.querySelectorAll('.order-item').forEach((t) => t.classList.toggle('active', t.dataset.order === o.id));
}

function showStatement(id) {
  const st = ui.branch.statementById.get(id);
  if (!st) return;
  ui.shownStatement = id;
  timeline.setActive({ statement: id });
  document.querySelectorAll('.stmt-item').forEach((m) => m.classList.toggle('active', m.dataset.statement === id));
  renderStatement($('panel-details'), st, { statements: ui.branch.statementById, orderLink, onStatement: showStatement });
  setPanel(null, { statement: id });
  $('panel-details').scrollTop = 0;
  showTab('details');
}

function showTab(tab) {
  document.querySelectorAll('.tab').forEach((t) => {
    t.classList.toggle('active', t.dataset.tab === tab);
    if (t.dataset.tab === tab && t.scrollIntoView) t.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  });
  for (const name of ['details', 'orders', 'statements', 'changes', 'compare', 'alerts', 'read']) $(`panel-${name}`).hidden = tab !== name;
  if (tab === 'changes') showChanges();
}

// The Changes tab: the view's changes in a period (&from, &to; by default the four years up to
// the date).
function showChanges() {
  const s = store.get();
  const v = ui.view;
  if (!v) return;
  renderChanges($('panel-changes'), {
    title: v.label,
    from: s.from || `${Number(s.date.slice(0, 4)) - 4}-01-01`,
    to: s.to || s.date,
    load: (from, to) => api('/api/changes', { relation: v.id, from, to, perspective: viewPerspective(s) }),
    label,
    orderTitle,
    onPeriod: (from, to) => store.set({ from, to }),
    onStep: (c) => store.set({ date: c.date, sel: c.id, order: '' }, 'push'),
  });
}

// ---- What a person does -------------------------------------------------------------------------

function select(id, date = '') {
  ui.shownStatement = '';
  const patch = { sel: id, order: '' };
  if (date) patch.date = date;
  // A state without a shape on the map of regions is shown on the world map.
  const world = ui.branch.views.find((v) => v.mode === 'world');
  if (ui.view && ui.view.mode === 'regions' && !map.has(id) && names.kind(id, store.get().date) === 'state' && world) patch.view = world.id;
  showTab('details');
  store.set(patch);
}

async function openOrder(id) {
  let o = ui.orderChanges.get(id);
  if (!o) {
    try {
      o = await api(`/api/orders/${encodeURIComponent(id)}`);
    } catch (e) {
      showError(e);
      return;
    }
    ui.orderChanges.set(id, o);
  }
  ui.shownStatement = '';
  // Shown on the view of the relation it changed most, unless it changed the one shown.
  const counts = new Map();
  for (const f of o.asserted) counts.set(f.predicate, (counts.get(f.predicate) || 0) + 1);
  const s = store.get();
  const mapped = ui.branch.views.filter((v) => counts.has(v.id)).sort((a, b) => counts.get(b.id) - counts.get(a.id));
  const view = mapped.length && !counts.has(s.view) ? mapped[0].id : s.view;
  showTab('details');
  const changed = store.set({ order: id, sel: '', view, date: orderDays(o).after }, { how: 'order' });
  if (!changed.size) showOrder(s);
}

async function openAlert(a) {
  document.querySelectorAll('.alert-item').forEach((x) => x.classList.toggle('active', x.dataset.alert === String(a.id)));
  await openOrder(a.order);
  if (store.get().date !== a.date) store.set({ date: a.date }, { how: 'order' });
}

// ---- Start ----------------------------------------------------------------------------------------

function setupControls() {
  document.querySelectorAll('.tab').forEach((t) => t.addEventListener('click', () => showTab(t.dataset.tab)));
  createSearch($('search'), $('search-results'), api, { pick: (m) => select(m.id) });
  renderRead($('panel-read'), {
    date: () => store.get().date,
    read: (text, date) => apiPostText('/api/read', { date }, text),
    onOpen: (id, date) => select(id, date),
    onOrder: (id) => openOrder(id),
  });
  window.addEventListener('resize', () => {
    const s = store.get();
    if (!ui.view) return;
    timeline.redraw();
    if (ui.view.mode === 'chart') return;
    map.draw(ui.view.mode, map.focus);
    paintMap(ui.view, s);
  });
  window.addEventListener('popstate', () => {
    const next = parseState(location.search, {
      views: ui.branch.views.map((v) => v.id), perspectives: null, fallback: { date: today(), view: ui.branch.views[0].id },
    });
    store.set(next, { mode: 'none', how: 'popstate' });
  });
  $('scenario').addEventListener('change', () => store.set({ scenario: $('scenario').value, order: '' }));
  // "As known on": a day, or empty for everything recorded; anything else is refused in place.
  $('recorded').addEventListener('change', () => {
    const v = $('recorded').value.trim();
    if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      $('recorded').setCustomValidity('a day, YYYY-MM-DD, or empty for everything recorded');
      $('recorded').reportValidity();
      return;
    }
    $('recorded').setCustomValidity('');
    store.set({ rec: v, order: '', vs: v ? store.get().vs : '' }, 'push');
  });
  $('vs-now').addEventListener('change', () => {
    const on = $('vs-now').checked && !!store.get().rec;
    store.set({ vs: on ? 'now' : '' });
    if (on) showTab('compare');
  });
  setupZoom();
  setupExports();
}

// The zoom buttons, the presets and the keyboard on the focused map (+ and - zoom, the arrows
// pan, 0 shows the whole map again).
function setupZoom() {
  $('zoom-in').addEventListener('click', () => map.zoomBy(2));
  $('zoom-out').addEventListener('click', () => map.zoomBy(0.5));
  $('zoom-reset').addEventListener('click', () => map.reset());
  const pick = $('zoom-preset');
  for (const p of PRESETS) {
    const o = el('option', '', p.label);
    o.value = p.id;
    pick.append(o);
  }
  pick.addEventListener('change', () => {
    if (pick.value) map.preset(pick.value);
    pick.value = '';
  });
  $('map').addEventListener('keydown', (e) => {
    const keys = {
      '+': () => map.zoomBy(2), '=': () => map.zoomBy(2), '-': () => map.zoomBy(0.5), 0: () => map.reset(),
      ArrowLeft: () => map.panBy(80, 0), ArrowRight: () => map.panBy(-80, 0), ArrowUp: () => map.panBy(0, 80), ArrowDown: () => map.panBy(0, -80),
    };
    if (!keys[e.key] || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    keys[e.key]();
  });
}

// ---- Exports ------------------------------------------------------------------------------

// What an export says of the view shown: its facts and the words around them.
function exportContext() {
  const s = store.get();
  const v = ui.view;
  const vd = ui.branch.viewData(v.id, viewPerspective(s));
  const models = vd.modelsAt(s.date);
  const ctx = {
    relation: v.id, date: s.date, perspective: viewPerspective(s), recorded: s.rec, nameOf: label,
    sources: ui.branch.sources, orderTitle,
  };
  const rows = exportRows(models, ctx);
  return { s, v, ctx, rows };
}

const shapes = new Map();
function geometryOf(mode) {
  if (!shapes.has(mode)) {
    const object = mode === 'world' ? topology.objects.countries : topology.objects.regions;
    const m = new Map();
    for (const f of feature(topology, object).features) if (!m.has(f.id)) m.set(f.id, f.geometry);
    shapes.set(mode, m);
  }
  return (id) => shapes.get(mode).get(id) || null;
}

function mapPicture() {
  const { s, v, ctx, rows } = exportContext();
  const orders = new Set(rows.map((r) => r.order).filter(Boolean));
  const sources = new Set(rows.flatMap((r) => r.sources));
  const words = captionLines({
    title: v.label, date: s.date, perspective: ctx.perspective, perspectiveText: perspectiveText(ctx.perspective, label),
    recorded: s.rec, vs: !!(s.rec && s.vs), zoom: s.z ? `×${s.z.split('/')[0]}` : '', orders: orders.size, sourceCount: sources.size,
    permalink: location.href,
  });
  // The legend as drawn, each row with the fill its regions have.
  const legend = [...document.querySelectorAll('#legend .legend-item')].map((row) => {
    const key = row.dataset.key;
    const shape = key ? document.querySelector(`#map path.shape[data-legend="${CSS.escape(key)}"]`)
      : document.querySelector(row.classList.contains('not-covered') ? '#map path.shape[data-style="not-covered"]' : '#map path.shape[data-style="none"]');
    return { label: row.querySelector('.legend-name').textContent, count: row.querySelector('.legend-count').textContent, fill: shape ? shape.getAttribute('fill') : '#ffffff' };
  });
  const cs = getComputedStyle(document.body);
  for (const row of document.querySelectorAll('#legend .legend-cmp')) {
    legend.push({ label: row.textContent, count: '', fill: 'none', stroke: cs.getPropertyValue(`--cmp-${row.dataset.kind}`).trim() });
  }
  const svg = $('map');
  return { text: mapSvg(svg, { ...words, legend }), ctx };
}

function setupExports() {
  const json = (x) => new Blob([`${JSON.stringify(x, null, 1)}\n`], { type: 'application/geo+json' });
  const actions = {
    'export-svg': () => {
      const p = mapPicture();
      saveBlob(new Blob([p.text], { type: 'image/svg+xml' }), exportName(p.ctx, 'svg'));
    },
    'export-png': async () => {
      const p = mapPicture();
      saveBlob(await svgToPng(p.text, 2), exportName(p.ctx, 'png'));
    },
    'export-csv': () => {
      const { ctx, rows } = exportContext();
      saveBlob(new Blob([rowsCsv(rows, ctx)], { type: 'text/csv;charset=utf-8' }), exportName(ctx, 'csv'));
    },
    'export-geojson': () => {
      const { v, ctx, rows } = exportContext();
      saveBlob(json(rowsGeoJson(rows, ctx, geometryOf(v.mode))), exportName(ctx, 'geojson'));
    },
    'export-lpf': () => {
      const { v, ctx, rows } = exportContext();
      saveBlob(json(rowsLinkedPlaces(rows, ctx, geometryOf(v.mode), location.origin)), exportName(ctx, 'lpf.json'));
    },
  };
  for (const [id, fn] of Object.entries(actions)) {
    $(id).addEventListener('click', async () => {
      try {
        await fn();
      } catch (e) {
        showError(e);
      }
    });
  }
}

async function main() {
  setupControls();
  try {
    [ui.schema, ui.scenarios] = await Promise.all([api('/api/schema'), api('/api/scenarios')]);
  } catch (e) {
    showError(e);
    return;
  }
  const pick = $('scenario');
  pick.replaceChildren(el('option', '', 'the record'));
  pick.firstChild.value = '';
  for (const sc of ui.scenarios) {
    const o = el('option', '', `scenario: ${sc.id}`);
    o.value = sc.id;
    o.title = sc.note || '';
    pick.append(o);
  }
  let scenario = new URLSearchParams(location.search).get('scenario') || '';
  if (scenario && !ui.scenarios.some((sc) => sc.id === scenario)) {
    showError(new Error(`unknown scenario '${scenario}'; showing the record`));
    scenario = '';
  }
  const rec = new URLSearchParams(location.search).get('rec') || '';
  try {
    await openBranch(scenario, /^\d{4}-\d{2}-\d{2}$/.test(rec) ? rec : '');
  } catch (e) {
    showError(e);
    return;
  }
  const b = ui.branch;
  const initial = parseState(location.search, {
    views: b.views.map((v) => v.id), perspectives: null, fallback: { date: today(), view: b.views[0].id },
  });
  initial.scenario = scenario;
  initial.rec = ui.branchRecorded;
  if (initial.order) {
    try {
      ui.orderChanges.set(initial.order, await api(`/api/orders/${encodeURIComponent(initial.order)}`));
    } catch (e) {
      showError(e);
      initial.order = '';
    }
  }
  // The state arrives all at once: every key counts as changed.
  $('vs-now').checked = !!initial.vs;
  store.set(initial, { mode: 'replace', how: 'start' });
  if (initial.from || initial.to) showTab('changes');
  else if (initial.vs) showTab('compare');
}

main();
