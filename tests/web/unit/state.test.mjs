import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { createStore, formatState, parseState } = await import(src('state.js'));
const known = { views: ['military-district', 'part-of'], perspectives: ['', 'RU', 'UA'], fallback: { date: '2026-01-01', view: 'military-district' } };

test('the URL is parsed into a state, unknown values falling back', () => {
  assert.deepEqual(parseState('?date=2024-03-01&view=part-of&p=UA&sel=UA-43', known),
    { date: '2024-03-01', view: 'part-of', perspective: 'UA', sel: 'UA-43', order: '', scenario: '', rec: '', vs: '', hq: '', z: '', from: '', to: '' });
  assert.deepEqual(parseState('?date=03/01/2024&view=nope&p=XX', known),
    { date: '2026-01-01', view: 'military-district', perspective: '', sel: '', order: '', scenario: '', rec: '', vs: '', hq: '', z: '', from: '', to: '' });
  assert.equal(parseState('?date=2024-02-30', known).date, '2026-01-01');
  // perspectives: null accepts any id-like value (checked once the view's record is read).
  assert.equal(parseState('?p=RU', { ...known, perspectives: null }).perspective, 'RU');
  assert.equal(parseState('?p=<b>', { ...known, perspectives: null }).perspective, '');
});

test('a state is written back to the same URL', () => {
  const s = { date: '2024-03-01', view: 'military-district', perspective: 'RU', sel: '', order: 'ru-decree-141-2024', scenario: 'eu-nato-combat', rec: '2024-02-25', vs: 'now', hq: '1', z: '4/55.75/37.62', from: '2024-01-01', to: '2024-12-31' };
  const q = formatState(s);
  assert.equal(q, '?date=2024-03-01&view=military-district&p=RU&order=ru-decree-141-2024&scenario=eu-nato-combat&rec=2024-02-25&vs=now&hq=1&z=4%2F55.75%2F37.62&from=2024-01-01&to=2024-12-31');
  assert.deepEqual(parseState(q, { ...known, perspectives: null }), s);
  assert.equal(formatState({}), '');
});

test('zoom, then-vs-now and the period are kept only when well formed', () => {
  const p = (q) => parseState(q, known);
  assert.equal(p('?z=4/55.75/37.62').z, '4/55.75/37.62');
  assert.equal(p('?z=40/55/37').z, '', 'past the largest zoom');
  assert.equal(p('?z=4/95/37').z, '', 'no latitude 95');
  assert.equal(p('?z=4/55').z, '');
  assert.equal(p('?vs=now').vs, '', 'then vs now needs a record time');
  assert.equal(p('?rec=2024-02-25&vs=now').vs, 'now');
  assert.equal(p('?rec=2024-02-25&vs=1').vs, '');
  assert.deepEqual([p('?from=2024-01-01&to=2024-13-01').from, p('?from=2024-01-01&to=2024-13-01').to], ['2024-01-01', '']);
});

function fakeWindow() {
  const log = [];
  const loc = { pathname: '/', search: '' };
  const timers = [];
  return {
    log,
    timers,
    history: { push: (u) => { log.push(['push', u]); loc.search = u.slice(1); }, replace: (u) => { log.push(['replace', u]); loc.search = u.slice(1); } },
    location: () => loc,
    setTimer: (fn) => timers.push(fn),
    clearTimer: () => timers.splice(0),
  };
}

test('set changes the state, writes the URL and tells the subscribers what changed', () => {
  const w = fakeWindow();
  const store = createStore({ date: '2024-02-29', view: 'military-district' }, w);
  const heard = [];
  store.subscribe((s, changed, how) => heard.push([s.date, [...changed].sort(), how]));
  store.set({ date: '2024-03-01' }, { how: 'box' });
  assert.deepEqual(w.log, [['push', '/?date=2024-03-01&view=military-district']]);
  assert.deepEqual(heard, [['2024-03-01', ['date'], 'box']]);
  // Nothing changes: nobody is told, nothing is written.
  assert.equal(store.set({ date: '2024-03-01' }).size, 0);
  assert.equal(heard.length, 1);
  assert.equal(w.log.length, 1);
  store.set({ sel: 'RU-MUR', order: '' });
  assert.deepEqual(heard[1][1], ['sel']);
  assert.equal(store.get().sel, 'RU-MUR');
});

test('slider steps replace the URL once they stop, not on every step', () => {
  const w = fakeWindow();
  const store = createStore({ date: '2024-02-20', view: 'military-district' }, w);
  for (const d of ['2024-02-21', '2024-02-22', '2024-02-23']) store.set({ date: d }, { mode: 'replace-later', how: 'slider' });
  assert.deepEqual(w.log, []);
  assert.equal(w.timers.length, 1);
  w.timers[0]();
  assert.deepEqual(w.log, [['replace', '/?date=2024-02-23&view=military-district']]);
  // popstate: the state follows the URL, which is not written again.
  store.set({ date: '2024-01-01' }, { mode: 'none' });
  assert.equal(w.log.length, 1);
});
