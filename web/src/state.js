// The UI's state, kept in the URL: /?date=2024-03-01&view=military-district&p=RU&sel=RU-MUR
// (&order=ID, &scenario=NAME, &rec=DAY: the record as known on that day, &vs=now: what differs
// from the record now, marked; &hq=1: headquarters on the map; &z=K/LAT/LON: the zoom;
// &from=DAY&to=DAY: the period of the Changes tab). One store: set(patch) changes it and writes the URL, subscribe(fn)
// hears every change with the keys that changed. parseState and formatState are pure.
import { isIsoDay } from './dates.js';
import { parseZoom } from './zoomview.js';

export const KEYS = ['date', 'view', 'perspective', 'sel', 'order', 'scenario', 'rec', 'vs', 'hq', 'z', 'from', 'to'];
const PARAM = {
  date: 'date', view: 'view', perspective: 'p', sel: 'sel', order: 'order', scenario: 'scenario', rec: 'rec', vs: 'vs', hq: 'hq', z: 'z', from: 'from', to: 'to',
};

// search: location.search; views, perspectives: the ids the UI knows (from /api/schema; null:
// any id-like value, checked once the view's record is read); fallback: the values for what is
// missing or unknown.
export function parseState(search, { views = [], perspectives = [], fallback = {} } = {}) {
  const q = new URLSearchParams(search);
  const get = (k) => q.get(PARAM[k]) || '';
  const state = Object.fromEntries(KEYS.map((k) => [k, '']));
  Object.assign(state, fallback);
  if (isIsoDay(get('date'))) state.date = get('date');
  if (views.includes(get('view'))) state.view = get('view');
  const p = get('perspective');
  if (perspectives ? perspectives.includes(p) : /^[A-Za-z0-9_-]{1,40}$/.test(p)) state.perspective = p;
  for (const k of ['sel', 'order', 'scenario']) if (get(k)) state[k] = get(k);
  if (isIsoDay(get('rec'))) state.rec = get('rec');
  if (get('hq') === '1') state.hq = '1';
  if (state.rec && get('vs') === 'now') state.vs = 'now';
  if (parseZoom(get('z'))) state.z = get('z');
  for (const k of ['from', 'to']) if (isIsoDay(get(k))) state[k] = get(k);
  return state;
}

// The query string of a state ("?date=…&view=…"): empty values are left out.
export function formatState(state) {
  const q = new URLSearchParams();
  for (const k of KEYS) if (state[k]) q.set(PARAM[k], state[k]);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// The store. history: {push(url), replace(url)} (window.history in the browser); location:
// () => the current path and query. Slider steps replace the URL at most every `quietMs`.
export function createStore(initial, { history, location, quietMs = 250, setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
  let state = { ...initial };
  const listeners = new Set();
  let pending = 0;
  const url = () => `${location().pathname}${formatState(state)}`;
  const write = (mode) => {
    if (!history || mode === 'none') return;
    if (mode === 'push') {
      clearTimer(pending);
      pending = 0;
      if (url() !== location().pathname + location().search) history.push(url());
      return;
    }
    if (mode === 'replace-later') {
      clearTimer(pending);
      pending = setTimer(() => {
        pending = 0;
        history.replace(url());
      }, quietMs);
      return;
    }
    history.replace(url());
  };
  return {
    get: () => state,
    // mode: 'push' (a new history entry), 'replace', 'replace-later' (slider), 'none' (popstate);
    // how: a word for the listeners (what caused the change: 'slider', 'box', ...).
    set(patch, { mode = 'push', how = '' } = {}) {
      const changed = new Set(Object.keys(patch).filter((k) => (patch[k] ?? '') !== (state[k] ?? '')));
      if (!changed.size) return changed;
      state = { ...state, ...patch };
      write(mode);
      for (const fn of listeners) fn(state, changed, how);
      return changed;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
