// End-to-end tests of the web UI: `ordo serve` on the bundled data, driven through Debian's
// Chromium with playwright-core. Screenshots and timings go to $ORDO_TEST_OUTPUT.
//
//   ORDO_BIN=build/ordo node tests/web/e2e.mjs
//
// Environment: ORDO_BIN (the ordo binary), ORDO_SERVE_BIN (a stand-in used when `ordo serve`
// is missing), ORDO_SOURCE_DIR (the repository), ORDO_TEST_OUTPUT (where screenshots go),
// ORDO_E2E_DATA (the order files to load; default data/), ORDO_E2E_DB (a loaded database to
// use instead), CHROMIUM (default /usr/bin/chromium), ORDO_E2E_ONLY (a regex: run only the
// tests whose names match), ORDO_E2E_NO_TIMING (measure the slider, do not hold it to its target).
// Exit codes: 0 pass, 1 fail, 77 skipped (a tool is missing).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(process.env.ORDO_SOURCE_DIR || join(here, '..', '..'));
const web = join(source, 'web');
const out = resolve(process.env.ORDO_TEST_OUTPUT || join(source, 'build', 'test-output', 'web'));
const ordo = process.env.ORDO_BIN || join(source, 'build', 'ordo');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const data = process.env.ORDO_E2E_DATA || join(source, 'data');

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(77);
}
if (!existsSync(chromium)) skip(`no Chromium at ${chromium} (apt-get install chromium)`);
if (!existsSync(join(web, 'node_modules', 'playwright-core'))) skip('web/node_modules is missing (scripts/web-build.sh)');
if (!existsSync(ordo)) skip(`no ordo binary at ${ordo}`);
// Builds web/dist when it is missing or older than a file of web/src, web/index.html or the
// build script, so that the test never runs a stale bundle.
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const built = join(web, 'dist', 'bundle.json');
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newest(join(web, 'src')),
  statSync(join(web, 'index.html')).mtimeMs, statSync(join(web, 'scripts', 'build.mjs')).mtimeMs)) {
  const b = spawnSync(join(source, 'scripts', 'web-build.sh'), { stdio: 'inherit' });
  if (b.status !== 0) throw new Error('scripts/web-build.sh failed');
}
const requireWeb = createRequire(join(web, 'package.json'));
const { chromium: pw } = requireWeb('playwright-core');
const { deltaE, MIN_DELTA_E } = await import(pathToFileURL(join(web, 'src', 'colours.js')).href);
const { shapeNeighbours } = await import(pathToFileURL(join(web, 'src', 'adjacency.js')).href);
const topology = JSON.parse(readFileSync(join(web, 'src', 'data', 'topology.json'), 'utf8'));
const adjacency = { regions: shapeNeighbours(topology, 'regions'), world: shapeNeighbours(topology, 'countries') };

mkdirSync(out, { recursive: true });
// Only this run's screenshots.
for (const f of readdirSync(out)) if (f.endsWith('.png')) rmSync(join(out, f));
const tmp = mkdtempSync(join(out, 'run-'));
const db = join(tmp, 'e2e.db');
const results = [];
let server;
let browser;

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function startServer() {
  if (process.env.ORDO_E2E_DB) {
    // A database loaded beforehand (while data/ and the loader disagree during development).
    copyFileSync(process.env.ORDO_E2E_DB, db);
  } else {
    const load = spawnSync(ordo, ['--db', db, 'load', data], { encoding: 'utf8' });
    if (load.status !== 0) throw new Error(`ordo load ${data} failed:\n${load.stderr}`);
    console.log(load.stdout.trim());
    // The demonstration scenario, as the Makefile's `load` creates it.
    for (const args of [
      ['scenario', 'create', 'eu-nato-combat', '--note',
        'demonstration: an EU member of NATO deploys combat troops to Ukraine (hypothetical)'],
      ['scenario', 'load', 'eu-nato-combat', join(source, 'data', 'scenarios', 'eu-nato-combat-deployment.ordo')],
      // The tests' own hypothetical district (tests/web/fixtures/arctic-md.ordo).
      ['scenario', 'create', 'arctic', '--note', 'test: a hypothetical Arctic Military District'],
      ['scenario', 'load', 'arctic', join(here, 'fixtures', 'arctic-md.ordo')],
    ]) {
      const r = spawnSync(ordo, ['--db', db, ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ordo ${args.slice(0, 2).join(' ')} failed:\n${r.stderr}`);
      console.log(r.stdout.trim());
    }
  }
  const port = await freePort();
  const help = spawnSync(ordo, ['serve', '--help'], { encoding: 'utf8' });
  const hasServe = help.status === 0 && /--web-root/.test(help.stdout + help.stderr);
  const distRoot = join(web, 'dist');
  const [cmd, args] = hasServe
    ? [ordo, ['--db', db, 'serve', '--port', String(port), '--web-root', distRoot]]
    : [process.env.ORDO_SERVE_BIN, ['--db', db, '--port', String(port), '--web-root', distRoot]];
  if (!cmd || !existsSync(cmd)) throw new Error('neither `ordo serve` nor ORDO_SERVE_BIN is available');
  console.log(`starting ${hasServe ? 'ordo serve' : 'the stand-in server'} on port ${port}`);
  server = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  server.stdout.on('data', (d) => { log += d; });
  server.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/api`);
      if (r.ok) return base;
    } catch { /* not yet */ }
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start:\n${log}`);
}

async function test(name, fn) {
  // ORDO_E2E_ONLY=regex runs only the tests whose names match (while working on one).
  if (process.env.ORDO_E2E_ONLY && !new RegExp(process.env.ORDO_E2E_ONLY).test(name)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e && e.stack || e) });
    console.log(`FAIL ${name}\n${e && e.stack || e}`);
  }
}

// Waits until the UI has painted the given view and date.
async function ready(page, view, date, perspective = '') {
  await page.waitForFunction((want) => document.body.dataset.ready === want, `${view}|${date}|${perspective}`,
    { timeout: 15000 });
}
const fillOf = (page, id) => page.$eval(`#map path[data-id="${id}"]`, (p) => p.getAttribute('fill'));
const objectOf = (page, id) => page.$eval(`#map path[data-id="${id}"]`, (p) => p.dataset.object);
async function legend(page) {
  return page.$$eval('#legend .legend-item', (rows) => rows.map((r) => ({
    key: r.dataset.key || '',
    name: r.querySelector('.legend-name').textContent,
    count: Number(r.querySelector('.legend-count').textContent),
    colour: getComputedStyle(r.querySelector('.swatch')).backgroundColor,
  })));
}
// Sets the date as a person types it into the date box.
async function typeDate(page, date) {
  await page.fill('#date', date);
  await page.press('#date', 'Enter');
}
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// Every fill on the map: id -> the colours it is drawn with (one, or a pattern's stripes), and
// its legend key.
async function fills(page) {
  return page.$$eval('#map path.shape', (paths) => {
    const out = {};
    for (const p of paths) {
      const f = p.getAttribute('fill') || '';
      const m = /^url\(#(.+)\)$/.exec(f);
      const stripes = m ? document.getElementById(m[1]).dataset.stripes.split(',') : [f];
      out[p.dataset.id] = { stripes, legend: p.dataset.legend || '', style: p.dataset.style || '' };
    }
    return out;
  });
}
// Two fills are told apart when some colour of one differs by MIN_DELTA_E from every colour of
// the other (solid fills: their ΔE; a striped region beside a solid one of its own stripes:
// by its other stripe).
function apart(a, b) {
  const far = (xs, ys) => xs.some((x) => ys.every((y) => deltaE(x, y) >= MIN_DELTA_E));
  return far(a, b) || far(b, a);
}
// Checks every pair of neighbouring shapes drawn differently; returns how many were checked.
function checkNeighbours(drawn, mode, where) {
  let pairs = 0;
  for (const [id, f] of Object.entries(drawn)) {
    for (const other of adjacency[mode].get(id) || []) {
      const g = drawn[other];
      if (!g || other < id || g.legend === f.legend) continue;
      // Two shapes without an object (no fact; not covered: dotted) are told apart by the dots,
      // not by a colour: the rule is for the colours of objects.
      const silent = (x) => !x.legend || x.style === 'not-covered';
      if (silent(f) && silent(g)) continue;
      pairs += 1;
      assert.ok(apart(f.stripes, g.stripes), `${where}: ${id} (${f.legend || 'nothing'}: ${f.stripes}) next to ${other} (${g.legend || 'nothing'}: ${g.stripes})`);
    }
  }
  return pairs;
}
// The visible words of an element, cut into tokens that could be ids.
const tokens = (text) => new Set(text.split(/[\s,;()\u00b7\u2014\u2013\u2192"\u201c\u201d]+/).filter(Boolean));
// "#27406f" -> "rgb(39, 64, 111)" to compare with computed styles.
const rgb = (hex) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;


async function main() {
  const base = await startServer();
  // A fresh profile directory (--user-data-dir) for every run; a US-English browser, so that a
  // locale-formatted date would show as 03/01/2024.
  const context = await pw.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: chromium, headless: true, args: launchArgs,
    viewport: { width: 1280, height: 720 }, locale: 'en-US', timezoneId: 'America/New_York',
  });
  browser = context;
  const page = context.pages()[0] || await context.newPage();
  const external = [];
  const requests = [];
  page.on('request', (r) => {
    // data: and this page's own blob: URLs (the PNG export draws its SVG through one) are local.
    if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith(`blob:${base}/`)) external.push(r.url());
    requests.push(r.url().slice(base.length));
  });
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  const api = async (path) => (await fetch(base + path)).json();

  await test('the date moves Murmansk Oblast from the Northern Fleet to the Leningrad district', async () => {
    await page.goto(`${base}/?date=2024-02-29&view=military-district`);
    await ready(page, 'military-district', '2024-02-29');
    assert.equal(await objectOf(page, 'RU-MUR'), 'northern-fleet');
    const before = await legend(page);
    const nf = before.find((l) => l.key === 'northern-fleet');
    assert.ok(nf, `no Northern Fleet in the legend: ${JSON.stringify(before)}`);
    assert.match(nf.name, /Northern Fleet/);
    assert.equal(nf.colour, rgb(await fillOf(page, 'RU-MUR')));
    assert.ok(!before.some((l) => l.key === 'leningrad-md'));
    await page.screenshot({ path: join(out, '01-military-districts-2024-02-29.png') });

    await typeDate(page, '2024-03-01');
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await objectOf(page, 'RU-MUR'), 'leningrad-md');
    const after = await legend(page);
    const lmd = after.find((l) => l.key === 'leningrad-md');
    assert.ok(lmd, `no Leningrad district in the legend: ${JSON.stringify(after)}`);
    assert.match(lmd.name, /Leningrad Military District/);
    assert.equal(lmd.colour, rgb(await fillOf(page, 'RU-MUR')));
    assert.ok(!after.some((l) => l.key === 'northern-fleet'), 'the Northern Fleet is no district after 2024-03-01');
    // Colours stay with their districts across dates.
    for (const l of after) {
      const same = before.find((b) => b.key === l.key);
      if (same && l.key) assert.equal(l.colour, same.colour, `${l.key} changed colour`);
    }
    assert.match(page.url(), /date=2024-03-01/);
    await page.screenshot({ path: join(out, '02-military-districts-2024-03-01.png') });
  });

  await test('milsymbol is loaded only where symbols are drawn', async () => {
    assert.ok(requests.some((u) => /^\/app\.js/.test(u)));
    assert.ok(!requests.some((u) => /chunk-symbols/.test(u)), 'the map loaded milsymbol');
  });

  await test('clicking a region shows its history with order titles and source chips, names asked in one call', async () => {
    const mark = requests.length;
    await page.dispatchEvent('#map path[data-id="RU-MUR"]', 'click');
    await page.waitForSelector('#panel-details[data-entity="RU-MUR"] .history-table');
    assert.match(await page.textContent('#panel-details h2'), /Murmansk/);
    const orderLinks = await page.$$eval('#panel-details .order-link', (a) => a.map((x) => [x.dataset.order, x.textContent]));
    const decree = orderLinks.find(([id]) => id === 'ru-decree-141-2024');
    assert.ok(decree, orderLinks.join(' | '));
    assert.equal(decree[1], 'Decree No. 141 on the military-administrative division', 'an order is shown by its title');
    // Source chips: the title shown, the publisher on hover, each source once per fact.
    const orders = await api('/api/orders');
    const sources = new Map(orders.flatMap((o) => o.sources).map((s) => [s.id, s]));
    const rows = await page.$$eval('#panel-details .history-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('.source[data-source]')]
      .map((c) => ({ id: c.dataset.source, text: c.textContent, title: c.title, href: c.href || '' }))));
    // A fact's own sources (`cites`) need not be its order's: the server names them too.
    const own = [...new Set(rows.flat().map((c) => c.id))].filter((id) => !sources.has(id));
    if (own.length) for (const s of (await api(`/api/sources?ids=${own.join(',')}`)).sources) sources.set(s.id, s);
    assert.ok(rows.some((r) => r.length), 'no source chips');
    for (const chips of rows) {
      assert.equal(new Set(chips.map((c) => c.id)).size, chips.length, `a source shown twice: ${chips.map((c) => c.id)}`);
      for (const c of chips) {
        const s = sources.get(c.id);
        assert.equal(c.text, s.title);
        if (s.publisher) assert.ok(c.title.includes(s.publisher), `${c.id}: the publisher on hover`);
        if (s.url) assert.match(c.href, /^https?:\/\//);
      }
    }
    assert.match(page.url(), /sel=RU-MUR/);
    const asked = requests.slice(mark).filter((u) => u.startsWith('/api/'));
    assert.equal(asked.filter((u) => u.startsWith('/api/entity/')).length, 1, asked.join(' '));
    assert.ok(asked.filter((u) => u.startsWith('/api/names')).length <= 1, asked.join(' '));
    await page.screenshot({ path: join(out, '03-region-history.png') });
  });

  await test('the Decree 141 tick opens Decree 141: order ticks and statement marks never cover each other', async () => {
    await page.goto(`${base}/?date=2024-02-27&view=military-district`);
    await ready(page, 'military-district', '2024-02-27');
    const boxes = await page.$$eval('#ticks .tick, #ticks .stmt-mark', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.dataset.order || e.dataset.statement, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
    }));
    assert.ok(boxes.length > 5);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        assert.ok(!overlap, `${a.id} and ${b.id} overlap`);
      }
    }
    // A real click, at the tick's centre: Playwright checks nothing else is hit there.
    await page.click('#ticks .tick[data-order="ru-decree-141-2024"]');
    await page.waitForSelector('#panel-details[data-order="ru-decree-141-2024"] .change-table');
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await page.getAttribute('#ticks .tick.active', 'data-order'), 'ru-decree-141-2024');
    const changed = await page.$$eval('#map path.changed', (p) => p.map((x) => x.dataset.id));
    assert.ok(changed.includes('RU-MUR'), `changed: ${changed.join(' ')}`);
    assert.ok(changed.length >= 10, `only ${changed.length} regions marked`);
    const row = await page.$eval('.change-table tr[data-id="RU-MUR"]', (tr) => tr.textContent);
    assert.match(row, /Northern Fleet.*→.*Leningrad Military District/);
    // The same name told apart: Moscow the city and Moscow Oblast.
    const subjects = await page.$$eval('.change-table tr', (trs) => trs.map((tr) => [tr.dataset.id, tr.querySelector('.subj').textContent]));
    const labels = subjects.map(([, t]) => t);
    assert.equal(new Set(labels).size, labels.length, `a name shown twice: ${labels.join(', ')}`);
    const moscow = Object.fromEntries(subjects.filter(([id]) => id === 'RU-MOW' || id === 'RU-MOS'));
    assert.ok(moscow['RU-MOW'] && moscow['RU-MOS'] && moscow['RU-MOW'] !== moscow['RU-MOS'], JSON.stringify(moscow));
    assert.ok((await page.$$('#panel-details .source-card')).length > 0);
    assert.match(page.url(), /order=ru-decree-141-2024/);
    await page.screenshot({ path: join(out, '04-order-after.png') });
    await page.click('.before-after button[data-when="before"]');
    await ready(page, 'military-district', '2024-02-29');
    assert.equal(await objectOf(page, 'RU-MUR'), 'northern-fleet');
    assert.ok((await page.$$('#map path.changed')).length >= 10);
    await page.screenshot({ path: join(out, '05-order-before.png') });
  });

  await test('the order stepper steps through the orders of the view and opens each', async () => {
    await page.goto(`${base}/?date=2024-02-01&view=military-district`);
    await ready(page, 'military-district', '2024-02-01');
    await page.click('#next-order');
    await page.waitForSelector('#panel-details[data-order="ru-decree-141-2024"]');
    await ready(page, 'military-district', '2024-03-01');
    await page.click('#prev-order');
    await page.waitForFunction(() => {
      const o = document.querySelector('#panel-details').dataset.order;
      return o && o !== 'ru-decree-141-2024';
    });
    const id = await page.getAttribute('#panel-details', 'data-order');
    const o = (await api('/api/orders')).find((x) => x.id === id);
    assert.ok(o.effective < '2024-03-01', `${id} (${o.effective})`);
    const touched = await api(`/api/orders/${id}`);
    assert.ok([...touched.asserted, ...touched.superseded].some((f) => f.predicate === 'military-district'), `${id} does not touch the view`);
    assert.equal(await page.getAttribute('#ticks .tick.active', 'data-order'), id);
  });

  await test('Kherson Oblast: partial control on the panel, the map, the tooltip and the order', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=controlled-by&sel=UA-65`);
    await ready(page, 'controlled-by', '2024-03-01');
    await page.waitForSelector('#panel-details[data-entity="UA-65"] dd[data-relation="controlled-by"]');
    const control = await page.textContent('#panel-details dd[data-relation="controlled-by"]');
    assert.match(control, /Ukraine\s*partial/);
    assert.match(control, /Russia\s*partial/);
    const claim = await page.$$eval('#panel-details dd[data-relation="part-of"] .fact', (f) => f.map((x) => x.textContent));
    // Russia's claim keeps its extent: the oblast's borders, the Kremlin said, were left unsettled.
    assert.ok(claim.some((t) => /Russia\s*unsettled\s*Russia\u2019s view/.test(t)), `Russia's claim keeps its extent: ${claim.join(' | ')}`);
    // The map hatches what is held in part and fills what is held whole; the legend says which.
    assert.equal(await page.getAttribute('#map path[data-id="UA-65"]', 'data-style'), 'partial');
    assert.match(await fillOf(page, 'UA-65'), /^url\(#/);
    assert.equal(await page.getAttribute('#map path[data-id="UA-43"]', 'data-style'), 'solid');
    const rows = await legend(page);
    assert.ok(rows.some((r) => /Russia \(partial\) \+ Ukraine \(partial\)/.test(r.name)), JSON.stringify(rows));
    assert.match(await page.textContent('#legend'), /Hatched: held in part\. Solid: held whole\./);
    const box = await (await page.$('#map path[data-id="UA-65"]')).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForSelector('#tooltip:not([hidden])');
    const tip = await page.textContent('#tooltip');
    assert.match(tip, /Kherson Oblast/);
    assert.match(tip, /Ukraine \(partial\)/);
    assert.match(tip, /Russia \(partial\)/);
    await page.screenshot({ path: join(out, '06-control-kherson.png') });
    await page.mouse.move(5, 5);
    // The order that made it, with the extent before and after.
    await page.click('#panel-details .order-link[data-order="invasion-control-2022"]');
    await page.waitForSelector('#panel-details[data-order="invasion-control-2022"] .change-table');
    const row = await page.$eval('.change-table tr[data-id="UA-65"]', (tr) => tr.textContent);
    assert.match(row, /Ukraine \(whole\).*→.*Ukraine \(partial\)/);
    assert.match(row, /Russia \(partial\)/);
  });

  // The real answer to a routed request, asked without the browser's revalidation headers (the
  // server answers If-None-Match with a 304 and no body, which the browser itself would fill in
  // from its cache, but route.fetch does not).
  const fetchFresh = (route) => {
    const headers = { ...route.request().headers() };
    delete headers['if-none-match'];
    delete headers['if-modified-since'];
    return route.fetch({ headers });
  };

  await test('silence is shown as silence: "not recorded" today, "not covered" from coverage marks', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=controlled-by&sel=UA-63`);
    await page.waitForSelector('#panel-details[data-entity="UA-63"] dd[data-relation="controlled-by"]');
    assert.equal(await page.getAttribute('#panel-details dd[data-relation="controlled-by"]', 'data-silence'), 'unknown');
    assert.match(await page.textContent('#panel-details dd[data-relation="controlled-by"]'), /not recorded/);
    assert.doesNotMatch(await page.textContent('#legend'), /none recorded/);
    assert.match(await page.textContent('#legend'), /not recorded/);
    // Coverage marks in the API's shape (`uncovered`), added to the real answers.
    const p2 = await context.newPage();
    const note = 'control is recorded only for the six contested units';
    await p2.route(/\/api\/entity\/UA-63\?/, async (route) => {
      const r = await fetchFresh(route);
      const body = await r.json();
      body.uncovered = [{ relation: 'controlled-by', from: '2022-02-24', to: null, note, order: 'x', sources: [] }];
      await route.fulfill({ response: r, json: body });
    });
    await p2.route(/\/api\/map\?relation=controlled-by/, async (route) => {
      const r = await fetchFresh(route);
      const body = await r.json();
      body.uncovered = { 'UA-63': note, 'UA-48': note };
      await route.fulfill({ response: r, json: body });
    });
    await p2.goto(`${base}/?date=2024-03-01&view=controlled-by&sel=UA-63`);
    await p2.waitForSelector('#panel-details[data-entity="UA-63"] dd[data-relation="controlled-by"][data-silence="not-covered"]');
    const dd = await p2.textContent('#panel-details dd[data-relation="controlled-by"]');
    assert.match(dd, /not covered/);
    assert.ok(dd.includes(note));
    await p2.waitForSelector('#legend .legend-item.not-covered');
    assert.equal(await p2.textContent('#legend .legend-item.not-covered .legend-count'), '2');
    assert.match(await p2.textContent('#legend .legend-item.silent .legend-name'), /^not recorded$/);
    assert.equal(await p2.getAttribute('#map path[data-id="UA-63"]', 'data-style'), 'not-covered');
    await p2.screenshot({ path: join(out, '07-coverage-mocked.png') });
    await p2.close();
  });

  await test('a permalink restores date, view, perspective and selection', async () => {
    const p2 = await context.newPage();
    await p2.goto(`${base}/?date=2023-06-01&view=part-of&p=UA&sel=UA-43`);
    await ready(p2, 'part-of', '2023-06-01', 'UA');
    assert.equal(await p2.inputValue('#date'), '2023-06-01');
    assert.equal(await p2.getAttribute('#perspectives button.active', 'data-perspective'), 'UA');
    assert.equal(await p2.getAttribute('#views button.active', 'data-view'), 'part-of');
    await p2.waitForSelector('#panel-details[data-entity="UA-43"] h2');
    assert.equal(await objectOf(p2, 'UA-43'), 'UA');
    await p2.click('#perspectives button[data-perspective="RU"]');
    await ready(p2, 'part-of', '2023-06-01', 'RU');
    assert.equal(await objectOf(p2, 'UA-43'), 'RU');
    await p2.click('#perspectives button[data-perspective=""]');
    await ready(p2, 'part-of', '2023-06-01', '');
    assert.equal(await objectOf(p2, 'UA-43'), 'RU+UA');
    assert.match(await fillOf(p2, 'UA-43'), /^url\(#/);
    assert.match(await p2.textContent('#legend'), /Russia \/ Ukraine \(views differ\)/);
    await p2.screenshot({ path: join(out, '08-sovereignty-all-views.png') });
    await p2.close();
  });

  await test('dates are ISO dates in a US-English browser', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await page.evaluate(() => navigator.language), 'en-US');
    assert.equal(await page.evaluate(() => new Date(Date.UTC(2024, 2, 1, 12)).toLocaleDateString()), '3/1/2024', 'the locale would write 3/1/2024');
    assert.equal(await page.inputValue('#date'), '2024-03-01');
    assert.doesNotMatch(await page.innerText('body'), /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/);
    // What the box shows is its text: compare the pixels' words through the accessibility tree.
    const shown = await page.locator('#date').evaluate((e) => ({ type: e.type, value: e.value }));
    assert.deepEqual(shown, { type: 'text', value: '2024-03-01' });
    await page.screenshot({ path: join(out, '09-iso-date-en-US.png'), clip: { x: 0, y: 640, width: 640, height: 80 } });
    // A locale's form is refused with a message; the arrow keys move a day.
    await page.fill('#date', '03/01/2024');
    await page.press('#date', 'Enter');
    assert.ok(await page.$('#date.invalid'));
    assert.match(await page.getAttribute('#date', 'title'), /YYYY-MM-DD/);
    assert.match(page.url(), /date=2024-03-01/);
    await typeDate(page, '2024-03-01');
    await page.press('#date', 'ArrowDown');
    await ready(page, 'military-district', '2024-02-29');
    assert.equal(await page.inputValue('#date'), '2024-02-29');
    // Every date the panels show is ISO (or EDTF as the record writes it).
    await page.click('.tab[data-tab="orders"]');
    const dates = await page.$$eval('#panel-orders .order-date', (d) => d.map((x) => x.textContent));
    assert.ok(dates.length > 20);
    for (const d of dates) assert.match(d, /^-?\d{4}(-\d{2}(-\d{2})?)?[~?%]?$/, d);
    await page.click('.tab[data-tab="details"]');
  });

  await test('an okrug merged away later is drawn within the region that absorbed it: legend and panel say so', async () => {
    await page.goto(`${base}/?date=2005-06-01&view=military-district&sel=RU-PER`);
    await ready(page, 'military-district', '2005-06-01');
    await page.waitForSelector('#legend .legend-within');
    const notes = await page.$$eval('#legend .legend-within', (n) => n.map((x) => x.textContent));
    // Of the six okrugs, Komi-Permyak and Koryak have a district on this date (the other four
    // are not covered by the sources: docs/data.md).
    assert.deepEqual(notes.sort(), [
      'Komi-Permyak Autonomous Okrug: drawn within Perm Oblast, merged into it on 2005-12-01',
      'Koryak Autonomous Okrug: drawn within Kamchatka Oblast, merged into it on 2007-07-01',
    ]);
    const unshaped = await page.$$eval('#legend .legend-unshaped:not(.legend-within)', (n) => n.map((x) => x.textContent).join('|'));
    assert.doesNotMatch(unshaped, /Okrug/);
    await page.waitForSelector('#panel-details .shape-note');
    assert.equal(await page.textContent('#panel-details .shape-note'),
      'This shape also holds Komi-Permyak Autonomous Okrug, a subject of its own until 2005-12-01, when it was merged into this region; the map draws today\u2019s borders.');
    await page.screenshot({ path: join(out, '10-okrug-within-2005-06-01.png') });
    await page.click('#panel-details .shape-note a');
    await page.waitForFunction(() => document.querySelector('#panel-details').dataset.entity === 'RU-KOP');
    await page.waitForSelector('#panel-details .shape-note');
    assert.equal(await page.textContent('#panel-details .shape-note'),
      'No shape of its own on the map: it is drawn within Perm Oblast, the region it was merged into on 2005-12-01.');
    // After the merger the shape holds Perm Krai alone.
    await page.goto(`${base}/?date=2006-01-01&view=military-district&sel=RU-PER`);
    await ready(page, 'military-district', '2006-01-01');
    await page.waitForFunction(() => document.querySelector('#panel-details').dataset.entity === 'RU-PER');
    assert.equal(await page.$('#panel-details .shape-note'), null);
  });

  await test('the Read tab highlights a report\'s mentions and opens one on the map at the text\'s date', async () => {
    await page.goto(`${base}/?date=2020-01-01&view=military-district`);
    await ready(page, 'military-district', '2020-01-01');
    await page.click('.tab[data-tab="read"]');
    const text = 'Putin signed decrees re-creating the Moscow and Leningrad military districts. ' +
      'Murmansk Oblast leaves the Northern Fleet; the Western Military District is abolished.';
    await page.fill('#read-text', text);
    await page.fill('#read-date', '2024-02-26');
    await page.click('.read-go');
    await page.waitForSelector('#read-out mark.mention');
    const marks = await page.$$eval('#read-out mark.mention', (m) => m.map((x) => `${x.textContent}=${x.dataset.entity || '?'}`));
    assert.deepEqual(marks, ['Moscow=moscow-md', 'Leningrad=leningrad-md', 'Murmansk Oblast=RU-MUR',
      'Northern Fleet=northern-fleet', 'Western Military District=western-md']);
    // The districts re-created on 1 March are named before they exist: marked so, with the note.
    assert.match(await page.getAttribute('#read-out mark[data-entity="moscow-md"]', 'class'), /other-date/);
    assert.match(await page.getAttribute('#read-out mark[data-entity="moscow-md"]', 'title'), /formed 2024-03-01/);
    // The window's orders, per entity: Decree No. 141 touches Murmansk Oblast.
    const orders = await page.$$eval('#read-out .read-order', (b) => b.map((x) => x.dataset.order));
    assert.ok(orders.includes('ru-decree-141-2024'), orders.join(' '));
    await page.screenshot({ path: join(out, '11-read-tab.png') });
    await page.click('#read-out mark[data-entity="RU-MUR"]');
    await ready(page, 'military-district', '2024-02-26');
    await page.waitForFunction(() => document.querySelector('#panel-details').dataset.entity === 'RU-MUR');
    assert.equal(new URL(page.url()).searchParams.get('sel'), 'RU-MUR');
    // Bad input gets the server's message.
    await page.click('.tab[data-tab="read"]');
    await page.fill('#read-text', '   ');
    await page.click('.read-go');
    await page.waitForSelector('#read-out .read-error');
    assert.equal(await page.textContent('#read-out .read-error'), 'the request body: the text is empty');
  });

  await test('the Alliances legend counts the data: 5 EU-only members on 2024-02-27, 4 on 2024-03-08', async () => {
    await page.goto(`${base}/?date=2024-02-27&view=member-of`);
    await ready(page, 'member-of', '2024-02-27');
    const feb = await legend(page);
    const eu = feb.find((l) => l.key === 'eu');
    assert.equal(eu.count, 5, JSON.stringify(feb));
    assert.match(eu.name, /^European Union$/);
    assert.match(await page.textContent('#legend .legend-unshaped[data-key="eu"]'), /Malta/);
    await page.screenshot({ path: join(out, '10-alliances-2024-02-27.png') });
    await typeDate(page, '2024-03-08');
    await ready(page, 'member-of', '2024-03-08');
    const mar = await legend(page);
    assert.equal(mar.find((l) => l.key === 'eu').count, 4, JSON.stringify(mar));
    assert.equal(await objectOf(page, 'SE'), 'eu+nato');
    assert.equal(await objectOf(page, 'NO'), 'nato');
    assert.equal(await objectOf(page, 'AT'), 'eu');
    const painted = await page.$eval('#map path[data-id="NO"]', (p) => getComputedStyle(p).fill);
    assert.equal(painted, mar.find((l) => l.key === 'nato').colour, 'NATO members are painted');
    // Counts are the record's: each key as many as the snapshot's subjects.
    const facts = await api('/api/snapshot?relation=member-of&at=2024-03-08');
    const bySubject = new Map();
    for (const f of facts) bySubject.set(f.id, [...(bySubject.get(f.id) || []), f.object].sort());
    for (const l of mar.filter((x) => x.key)) {
      assert.equal(l.count, [...bySubject.values()].filter((o) => o.join('+') === l.key).length, l.key);
    }
  });

  await test('search finds entities by English and Russian names', async () => {
    await page.fill('#search', 'Мурманская');
    await page.waitForSelector('#search-results .search-item[data-id="RU-MUR"]');
    await page.fill('#search', 'NATO');
    await page.waitForSelector('#search-results .search-item[data-id="nato"]');
    await page.screenshot({ path: join(out, '11-search.png') });
    await page.dispatchEvent('#search-results .search-item[data-id="nato"]', 'mousedown');
    await page.waitForSelector('#panel-details[data-entity="nato"]');
  });

  await test('commands as an org chart, with milsymbol loaded for it', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=subordinate-to`);
    await ready(page, 'subordinate-to', '2024-03-01');
    const units = await page.$$eval('#chart .unit', (u) => u.map((x) => x.dataset.id));
    assert.ok(units.includes('leningrad-md') && units.includes('ministry-of-defence'), units.join(' '));
    assert.ok((await page.$$('#chart .unit-symbol svg')).length === units.length, 'every unit has an APP-6 symbol');
    assert.ok(requests.some((u) => /chunk-symbols/.test(u)), 'milsymbol was loaded for the chart');
    await page.screenshot({ path: join(out, '12-commands-2024-03-01.png') });
  });

  await test('as known on: the record as it stood then, in the map, the panel and the URL', async () => {
    // Decree 141 was recorded on 2024-02-26: known on the 25th, Murmansk is still the Northern Fleet's on 1 March.
    await page.goto(`${base}/?date=2024-03-01&view=military-district&rec=2024-02-25&sel=RU-MUR`);
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await objectOf(page, 'RU-MUR'), 'northern-fleet');
    assert.equal(await page.inputValue('#recorded'), '2024-02-25');
    assert.match(await page.textContent('#scenario-banner'), /As known on 2024-02-25/);
    await page.waitForSelector('#panel-details[data-entity="RU-MUR"]');
    assert.match(await page.textContent('#panel-details'), /Northern Fleet/);
    await page.screenshot({ path: join(out, '15-as-known-on-2024-02-25.png') });
    // Cleared: everything recorded.
    await page.fill('#recorded', '');
    await page.dispatchEvent('#recorded', 'change');
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('rec'));
    // The ready mark is the view, date and perspective, which stay: wait for the repaint itself.
    await page.waitForFunction(() => document.querySelector('#map path[data-id="RU-MUR"]').dataset.object === 'leningrad-md');
    assert.ok(await page.isHidden('#scenario-banner'));
    // Set in the box: the URL says so.
    await page.fill('#recorded', '2024-02-25');
    await page.dispatchEvent('#recorded', 'change');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('rec') === '2024-02-25');
    await page.waitForFunction(() => document.querySelector('#map path[data-id="RU-MUR"]').dataset.object === 'northern-fleet');
    assert.match(await page.textContent('#scenario-banner'), /As known on 2024-02-25/);
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
  });

  await test('a period\'s changes: listed with names and sources, stepped through on the map, downloaded as CSV', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(page, 'military-district', '2024-03-01');
    await page.click('.tab[data-tab="changes"]');
    await page.waitForSelector('#panel-changes .change-item');
    assert.equal(await page.inputValue('#period-from'), '2020-01-01');
    const mur = await page.$$eval('#panel-changes .change-item[data-id="RU-MUR"]', (l) => l.map((x) => x.dataset.date));
    assert.deepEqual(mur, ['2021-01-01', '2024-03-01'], 'the Northern Fleet years show');
    const text = await page.textContent('#panel-changes .change-item[data-id="RU-MUR"][data-date="2021-01-01"]');
    assert.match(text, /Murmansk Oblast/);
    assert.match(text, /Western Military District \u2192 Northern Fleet/);
    // Another period.
    await page.fill('#period-from', '2024-01-01');
    await page.fill('#period-to', '2024-12-31');
    await page.click('#panel-changes .period-show');
    await page.waitForFunction(() => [...document.querySelectorAll('#panel-changes .change-item')].every((x) => x.dataset.date >= '2024-01-01'));
    assert.match(await page.textContent('#panel-changes .period-head'), /^\d+ changes from 2024-01-01 to 2024-12-31/);
    await page.screenshot({ path: join(out, '14-period-changes.png') });
    // A change steps the map to its day and subject.
    await page.click('#panel-changes .change-item[data-id="RU-KGD"]');
    await ready(page, 'military-district', '2024-03-01');
    assert.match(page.url(), /sel=RU-KGD/);
    // The CSV: a byte order mark, the columns of `ordo changes --format csv`.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-changes .period-csv')]);
    assert.equal(download.suggestedFilename(), 'changes-military-district-2024-01-01-2024-12-31.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\ufeffdate,id,name,perspective,before,before_name,after,after_name,order,sources\r\n'), csv.slice(0, 80));
    assert.match(csv, /\r\n2024-03-01,RU-MUR,Murmansk Oblast,,northern-fleet,Northern Fleet,leningrad-md,Leningrad Military District,ru-decree-141-2024,/);
    await page.click('.tab[data-tab="details"]');
  });

  // The zoom's scale, read off the transformed group of shapes.
  const zoomScale = () => page.$eval('#map g.viewport', (g) => {
    const m = /scale\(([\d.]+)/.exec(g.getAttribute('transform') || '');
    return m ? Number(m[1]) : 1;
  });
  const urlParam = (k) => new URL(page.url()).searchParams.get(k);

  await test('zoom and pan: buttons, wheel, drag, keyboard and presets; at ×4 a click opens its region and hatching keeps its size', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await zoomScale(), 1);
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    assert.equal(await zoomScale(), 4);
    await page.waitForFunction(() => /^4\//.test(new URLSearchParams(location.search).get('z') || ''));
    // Keyboard on the focused map: 0 is the whole map again, and the URL forgets the zoom.
    await page.focus('#map');
    await page.keyboard.press('0');
    assert.equal(await zoomScale(), 1);
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('z'));
    await page.keyboard.press('+');
    assert.equal(await zoomScale(), 2);
    const before = await page.$eval('#map g.viewport', (g) => g.getAttribute('transform'));
    await page.keyboard.press('ArrowLeft');
    assert.notEqual(await page.$eval('#map g.viewport', (g) => g.getAttribute('transform')), before, 'the arrows pan');
    // The wheel zooms in where the pointer is.
    const box = await (await page.$('#map')).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => Number(/scale\(([\d.]+)/.exec(document.querySelector('#map g.viewport').getAttribute('transform'))[1]) > 2.5);
    // A drag pans and selects nothing.
    const t0 = await page.$eval('#map g.viewport', (g) => g.getAttribute('transform'));
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 380, box.y + 340, { steps: 6 });
    await page.mouse.up();
    assert.notEqual(await page.$eval('#map g.viewport', (g) => g.getAttribute('transform')), t0);
    assert.equal(urlParam('sel'), null, 'a drag is not a click');
    // A preset: Ukraine, whose centre is near 48.4°N 31.2°E.
    await page.selectOption('#zoom-preset', 'ukraine');
    await page.waitForFunction(() => (new URLSearchParams(location.search).get('z') || '').split('/').length === 3);
    const [k, lat, lon] = urlParam('z').split('/').map(Number);
    assert.ok(k > 3 && Math.abs(lat - 48.3) < 1.5 && Math.abs(lon - 31.2) < 1.5, urlParam('z'));
    // At ×4 over Murmansk Oblast (a permalink): a click opens its panel, and the tooltip names it.
    await page.goto(`${base}/?date=2024-03-01&view=military-district&z=4/68.2/34`);
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await zoomScale(), 4);
    const mur = await (await page.$('#map path[data-id="RU-MUR"]')).boundingBox();
    assert.ok(mur.width > 400, `Murmansk Oblast is large at ×4: ${mur.width} px`);
    // The centre of the map is the point in the URL, inside the oblast.
    const stage = await (await page.$('#map')).boundingBox();
    const [cx, cy] = [stage.x + stage.width / 2, stage.y + stage.height / 2];
    await page.mouse.move(cx - 5, cy - 5);
    await page.mouse.move(cx, cy);
    await page.waitForSelector('#tooltip:not([hidden])');
    assert.match(await page.textContent('#tooltip'), /Murmansk Oblast/);
    await page.mouse.click(cx, cy);
    await page.waitForSelector('#panel-details[data-entity="RU-MUR"]');
    assert.match(await page.textContent('#panel-details'), /Leningrad Military District/);
    assert.equal(urlParam('z'), '4/68.2/34', 'the zoom stays in the URL');
    await page.screenshot({ path: join(out, '18-zoom-x4-murmansk.png') });
    // Hatching at ×4: Kherson Oblast's pattern is scaled back to its size on screen.
    await page.goto(`${base}/?date=2024-03-01&view=controlled-by&z=4/46.8/33.5`);
    await ready(page, 'controlled-by', '2024-03-01');
    const fill = await fillOf(page, 'UA-65');
    const pattern = await page.$eval(`#map ${fill.slice(4, -1)}`, (p) => ({ t: p.getAttribute('patternTransform'), w: p.getAttribute('width') }));
    assert.equal(pattern.t, 'scale(0.25) rotate(-45)');
    const kh = await (await page.$('#map path[data-id="UA-65"]')).boundingBox();
    await page.mouse.click(kh.x + kh.width / 2, kh.y + kh.height / 2);
    await page.waitForSelector('#panel-details[data-entity="UA-65"]');
    await page.screenshot({ path: join(out, '18b-zoom-x4-kherson-hatching.png') });
  });

  await test('a permalink with zoom, record time and period round-trips', async () => {
    const url = `${base}/?date=2024-03-01&view=military-district&rec=2024-02-25&z=3/60/40&from=2024-01-01&to=2024-12-31`;
    for (const open of [() => page.goto(url), () => page.reload()]) {
      await open();
      await ready(page, 'military-district', '2024-03-01');
      assert.equal(await zoomScale(), 3);
      assert.equal(await page.inputValue('#recorded'), '2024-02-25');
      await page.waitForSelector('#panel-changes:not([hidden]) .period-head');
      assert.equal(await page.inputValue('#period-from'), '2024-01-01');
      assert.equal(await page.inputValue('#period-to'), '2024-12-31');
      assert.match(await page.textContent('#panel-changes .period-head'), /from 2024-01-01 to 2024-12-31/);
      assert.equal(await objectOf(page, 'RU-MUR'), 'northern-fleet', 'as known on 2024-02-25');
      for (const [k, v] of [['z', '3/60/40'], ['rec', '2024-02-25'], ['from', '2024-01-01'], ['to', '2024-12-31']]) assert.equal(urlParam(k), v);
    }
    // A period typed in is in the URL; back returns to the last.
    await page.fill('#period-from', '2023-01-01');
    await page.click('#panel-changes .period-show');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2023-01-01');
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2024-01-01');
    await page.waitForFunction(() => document.querySelector('#period-from').value === '2024-01-01');
  });

  await test('then vs now: as known on 2024-02-25 against now marks the 34 regions Decree 141 moved or newly assigned', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district&rec=2024-02-25`);
    await ready(page, 'military-district', '2024-03-01');
    assert.ok(await page.isHidden('#tab-compare'));
    await page.check('#vs-now');
    await page.waitForFunction(() => (document.body.dataset.compared || '').startsWith('military-district|2024-03-01|2024-02-25|'));
    assert.equal(urlParam('vs'), 'now');
    const marked = await page.$$eval('#map path[data-cmp]', (ps) => [...new Set(ps.map((p) => `${p.dataset.id}:${p.dataset.cmp}`))].sort());
    // What Decree 141 itself asserted for the military-district relation, from its own page.
    const decree = await api('/api/orders/ru-decree-141-2024');
    const moved = [...new Set(decree.asserted.filter((f) => f.predicate === 'military-district').map((f) => f.id))].sort();
    assert.equal(moved.length, 34, 'Decree 141 moved or assigned 34 regions');
    assert.deepEqual(marked.map((m) => m.split(':')[0]), moved);
    // Corrected: known then in another district (Murmansk: the Northern Fleet); added: not
    // known in any (the four regions of Ukraine Russia claims).
    assert.ok(marked.includes('RU-MUR:corrected') && marked.includes('UA-14:added'), marked.join(' '));
    const items = await page.$$eval('#panel-compare .cmp-item', (li) => li.map((x) => x.dataset.id));
    assert.equal(items.length, 34);
    assert.match(await page.textContent('#panel-compare .cmp-item[data-id="RU-MUR"]'), /then: Northern Fleet · now: Leningrad Military District/);
    assert.match(await page.textContent('#legend .legend-compare'), /corrected since then: \d+/);
    await page.screenshot({ path: join(out, '19-then-vs-now-2024-03-01.png') });
    // A click in the list selects the region; the marks stay.
    await page.click('#panel-compare .cmp-item[data-id="RU-KGD"]');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sel') === 'RU-KGD');
    assert.ok((await page.$$('#map path[data-cmp]')).length >= 34);
    // Off again: no marks.
    await page.uncheck('#vs-now');
    await page.waitForFunction(() => !document.querySelector('#map path[data-cmp]'));
    assert.equal(urlParam('vs'), null);
  });

  await test('a period\'s changes play on the map one by one', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district&from=2024-01-01&to=2024-12-31`);
    await ready(page, 'military-district', '2024-03-01');
    await page.waitForSelector('#panel-changes .change-item');
    const first = await page.$eval('#panel-changes .change-item', (li) => li.dataset.id);
    await page.click('#panel-changes .period-next');
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('sel') === id, first);
    await page.click('#panel-changes .period-next');
    const second = await page.$eval('#panel-changes .change-item.current', (li) => li.dataset.id);
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('sel') === id, second);
    await page.click('#panel-changes .period-prev');
    await page.waitForFunction((id) => new URLSearchParams(location.search).get('sel') === id, first);
    // Play steps on by itself; Pause stops it.
    await page.click('#panel-changes .period-play');
    await page.waitForFunction((id) => {
      const cur = document.querySelector('#panel-changes .change-item.current');
      return cur && [...cur.parentNode.children].indexOf(cur) >= 2;
    }, first, { timeout: 8000 });
    await page.click('#panel-changes .period-play');
    const stopped = await page.$eval('#panel-changes .change-item.current', (li) => [...li.parentNode.children].indexOf(li));
    await page.waitForTimeout(1500);
    assert.equal(await page.$eval('#panel-changes .change-item.current', (li) => [...li.parentNode.children].indexOf(li)), stopped);
  });

  await test('downloads: the map as PNG and SVG, its data as CSV, GeoJSON (read by GDAL\'s ogrinfo) and Linked Places', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district&z=1.5/58/60`);
    await ready(page, 'military-district', '2024-03-01');
    const take = async (id) => {
      await page.click('#export-menu summary');
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
      await page.click('#export-menu summary');
      return { name: d.suggestedFilename(), path: await d.path() };
    };
    const snapshot = await api('/api/snapshot?relation=military-district&at=2024-03-01');
    const subjects = new Set(snapshot.filter((f) => f.object).map((f) => f.id));
    // CSV: one row a fact, with its order and sources.
    const csv = await take('export-csv');
    assert.equal(csv.name, 'ordo-military-district-2024-03-01.csv');
    const text = readFileSync(csv.path, 'utf8');
    assert.ok(text.startsWith('\ufeffid,name,relation,date,object,object_name,perspective,qualifiers,note,from,to,drawn,order,order_title,sources,view_perspective,recorded\r\n'), text.slice(0, 120));
    assert.match(text, /\r\nRU-MUR,Murmansk Oblast,military-district,2024-03-01,leningrad-md,Leningrad Military District,,,[^\r]*,2024-03-01,,solid,ru-decree-141-2024,/);
    assert.equal(text.trim().split('\r\n').length - 1, snapshot.filter((f) => f.object).length);
    // GeoJSON, through GDAL.
    const geo = await take('export-geojson');
    assert.equal(geo.name, 'ordo-military-district-2024-03-01.geojson');
    const gj = `${geo.path}.geojson`;
    copyFileSync(geo.path, gj);
    const info = spawnSync('ogrinfo', ['-ro', '-al', '-so', gj], { encoding: 'utf8' });
    assert.equal(info.status, 0, `ogrinfo (Debian gdal-bin) reads the GeoJSON: ${info.stderr || info.error}`);
    assert.match(info.stdout, new RegExp(`Feature Count: ${subjects.size}\\b`), info.stdout);
    assert.match(info.stdout, /Geometry: (Multi Polygon|Unknown \(any\))/);
    for (const field of ['id', 'name', 'relation', 'date', 'objects', 'object_names', 'valid_from', 'orders', 'sources']) {
      // GDAL reads ISO dates as dates.
      assert.match(info.stdout, new RegExp(`^${field}: (String|Date) `, 'm'), `${field} in ${info.stdout}`);
    }
    const one = spawnSync('ogrinfo', ['-ro', '-al', '-q', '-where', "id = 'RU-MUR'", gj], { encoding: 'utf8' });
    assert.match(one.stdout, /objects \(String\) = leningrad-md/);
    assert.match(one.stdout, /orders \(String\) = ru-decree-141-2024/);
    assert.match(one.stdout, /MULTIPOLYGON|POLYGON/);
    // Linked Places: GeoJSON-LD with `when` on each relation; GDAL reads it too.
    const lpf = await take('export-lpf');
    const lp = JSON.parse(readFileSync(lpf.path, 'utf8'));
    assert.equal(lp['@context'], 'https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld');
    assert.equal(lp.features.length, subjects.size);
    const murLp = lp.features.find((f) => f['@id'].endsWith('/api/entity/RU-MUR'));
    assert.equal(murLp.properties.title, 'Murmansk Oblast');
    assert.deepEqual(murLp.relations[0].when, { timespans: [{ start: { in: '2024-03-01' } }] });
    assert.ok(murLp.relations[0].relationTo.endsWith('/api/entity/leningrad-md'));
    assert.ok(murLp.relations[0].citations.length > 0 && murLp.relations[0].citations.every((c) => c.label));
    const lpj = `${lpf.path}.json`;
    copyFileSync(lpf.path, lpj);
    assert.match(spawnSync('ogrinfo', ['-ro', '-al', '-so', lpj], { encoding: 'utf8' }).stdout, new RegExp(`Feature Count: ${subjects.size}\\b`));
    // SVG: well formed, with the legend, the date, the zoom and the source line.
    const svg = await take('export-svg');
    const svgText = readFileSync(svg.path, 'utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      return { error: !!doc.querySelector('parsererror'), root: doc.documentElement.localName, text: doc.documentElement.textContent, width: doc.documentElement.getAttribute('width'), height: doc.documentElement.getAttribute('height') };
    }, svgText);
    assert.equal(parsed.error, false);
    assert.equal(parsed.root, 'svg');
    assert.match(parsed.text, /Military districts · 2024-03-01 · as recorded now · zoom ×1\.5/);
    assert.match(parsed.text, /Leningrad Military District/);
    assert.match(parsed.text, /Source: ordo record, \d+ orders and \d+ sources/);
    // PNG: its header says its size, twice the map's (the map and its two lines of words).
    const png = await take('export-png');
    assert.equal(png.name, 'ordo-military-district-2024-03-01.png');
    const bytes = readFileSync(png.path);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    const [w, h] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    assert.equal(w, 2 * Number(parsed.width));
    assert.equal(h, 2 * Number(parsed.height));
    copyFileSync(png.path, join(out, '20-export-map.png'));
    writeFileSync(join(out, '20-export-map.svg'), svgText);
  });

  await test('the map shows the districts\' headquarters as symbols at their places, for the date', async () => {
    // Asked for with the button under the legend, kept in the URL.
    await page.goto(`${base}/?date=2024-02-29&view=military-district`);
    await ready(page, 'military-district', '2024-02-29');
    assert.equal((await page.$$('#map .hq-marker')).length, 0, 'not without asking');
    await page.click('#hq-toggle');
    await page.waitForSelector('#map .hq-marker', { state: 'attached' });
    assert.match(page.url(), /hq=1/);
    const hq = async (date) => {
      await page.goto(`${base}/?date=${date}&view=military-district&hq=1`);
      await ready(page, 'military-district', date);
      await page.waitForSelector('#map .hq-marker', { state: 'attached' });
      return page.$$eval('#map .hq-marker', (m) => m.map((x) => x.dataset.unit).sort());
    };
    const before = await hq('2024-02-29');
    assert.ok(before.includes('western-md') && !before.includes('leningrad-md'), before.join(' '));
    const after = await hq('2024-03-01');
    assert.ok(after.includes('leningrad-md') && after.includes('moscow-md') && !after.includes('western-md'), after.join(' '));
    const title = await page.$eval('#map .hq-marker[data-unit="leningrad-md"] title', (t) => t.textContent);
    assert.match(title, /Saint Petersburg/);
    await page.screenshot({ path: join(out, '12d-headquarters-2024-03-01.png') });
  });

  await test('the org chart draws each unit\'s own symbol, headquarters and commander, and folds', async () => {
    await page.goto(`${base}/?date=2024-06-01&view=subordinate-to`);
    await ready(page, 'subordinate-to', '2024-06-01');
    const tree = await api('/api/tree?relation=subordinate-to&at=2024-06-01');
    const lmd = tree.nodes.find((n) => n.id === 'leningrad-md');
    assert.ok(lmd && lmd.sidc && lmd.headquarters && lmd.commanders.length, JSON.stringify(lmd));
    const card = '#chart .unit[data-id="leningrad-md"]';
    assert.equal(await page.$eval(`${card} .unit-symbol`, (s) => s.dataset.sidc), lmd.sidc, 'the record\'s own SIDC');
    const sub = await page.textContent(`${card} .unit-sub`);
    assert.ok(sub.includes(`HQ ${lmd.headquarters.name}`) && sub.includes(lmd.commanders[0].name), sub);
    // An army beneath the district folds away with it, and comes back.
    const beneath = tree.nodes.filter((n) => n.parent === 'leningrad-md').map((n) => n.id);
    assert.ok(beneath.length > 0);
    const child = `#chart .unit[data-id="${beneath[0]}"]`;
    assert.ok(await page.isVisible(child));
    const toggle = `#chart li:has(> ${card.replace('#chart ', '')}) > .unit-toggle`;
    await page.click(toggle);
    assert.ok(await page.isHidden(child), 'collapsed');
    assert.equal(await page.getAttribute(toggle, 'aria-expanded'), 'false');
    await page.screenshot({ path: join(out, '12b-commands-collapsed.png') });
    await page.click(toggle);
    assert.ok(await page.isVisible(child), 'expanded again');
    await page.screenshot({ path: join(out, '12c-commands-2024-06-01.png') });
  });

  await test('no id is shown where a name exists', async () => {
    // Every id the record names: entities (asked by /api/names), orders, sources, statements.
    const orders = await api('/api/orders');
    const statements = await api('/api/statements');
    const candidates = new Set();
    for (const rel of ['military-district', 'federal-district', 'member-of', 'part-of', 'controlled-by', 'subordinate-to']) {
      for (const f of await api(`/api/snapshot?relation=${rel}&at=2024-03-01`)) candidates.add(f.id).add(f.object);
    }
    for (const o of orders) if (o.issuer) candidates.add(o.issuer);
    for (const st of statements) candidates.add(st.speaker);
    ['FR', 'UA-32', 'RU', 'UA', 'UN'].forEach((x) => candidates.add(x));
    const named = new Set();
    const list = [...candidates].filter(Boolean);
    for (let i = 0; i < list.length; i += 200) {
      const a = await api(`/api/names?ids=${list.slice(i, i + 200).map(encodeURIComponent).join(',')}`);
      for (const n of a.names) if (n.name) named.add(n.id);
    }
    for (const o of orders) named.add(o.id);
    for (const s of orders.flatMap((o) => o.sources)) named.add(s.id);
    for (const st of statements) named.add(st.id);
    assert.ok(named.has('RU-MUR') && named.has('ru-decree-141-2024') && named.has('decree-141-2024') && !named.has('UN'));
    // The words of every text node as written (innerText would upper-case the headings: "IT").
    const words = (p, selector) => p.$eval(selector, (root) => {
      const out = [];
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const e = n.parentElement;
        if (e && e.closest('[hidden]')) continue;
        out.push(n.textContent);
      }
      return out.join('\n');
    });
    const check = async (p, selector, where) => {
      const shown = tokens(await words(p, selector));
      const ids = [...shown].filter((t) => named.has(t));
      assert.deepEqual(ids, [], `${where} shows ids: ${ids.join(', ')}`);
    };
    const p2 = await context.newPage();
    const visit = async (url, wait, where, selectors = ['#panel-details', '#legend', '.timebar', 'header']) => {
      await p2.goto(`${base}${url}`);
      await p2.waitForSelector(wait, { state: 'attached' });
      await p2.waitForTimeout(100);
      for (const s of selectors) if (await p2.$(s)) await check(p2, s, `${where} ${s}`);
    };
    await visit('/?date=2024-03-01&view=military-district&sel=RU-MUR', '#panel-details[data-entity="RU-MUR"] .history-table', 'Murmansk Oblast');
    await visit('/?date=2024-03-01&view=controlled-by&sel=UA-65', '#panel-details[data-entity="UA-65"] .history-table', 'Kherson Oblast');
    await visit('/?date=2024-03-01&view=part-of&sel=UA-43', '#panel-details[data-entity="UA-43"] .history-table', 'Crimea');
    await visit('/?date=2024-02-27&view=member-of&sel=SE', '#panel-details[data-entity="SE"] .history-table', 'Sweden');
    await visit('/?date=2024-03-01&view=military-district&order=ru-decree-141-2024', '#panel-details[data-order="ru-decree-141-2024"] .change-table', 'Decree 141');
    await visit('/?date=2022-02-24&view=controlled-by&order=invasion-control-2022', '#panel-details[data-order="invasion-control-2022"] .change-table', 'the invasion order');
    await p2.click('.tab[data-tab="orders"]');
    await check(p2, '#panel-orders', 'the orders list');
    await p2.click('.tab[data-tab="statements"]');
    await check(p2, '#panel-statements', 'the statements list');
    await p2.dispatchEvent('#ticks .stmt-mark[data-statement="peskov-2024-02-27"]', 'click');
    await p2.waitForSelector('#panel-details[data-statement="peskov-2024-02-27"]');
    await check(p2, '#panel-details', 'a statement');
    await visit('/?date=2024-06-01&view=military-district&scenario=eu-nato-combat', '#panel-alerts .alert-item', 'alerts', []);
    await p2.click('.tab[data-tab="alerts"]');
    await check(p2, '#panel-alerts', 'the alerts');
    await visit('/?date=2024-03-01&view=subordinate-to', '#chart .unit', 'the org chart', ['#chart']);
    // The tooltip.
    await visit('/?date=2024-03-01&view=military-district', '#legend .legend-item', 'the map');
    const box = await (await p2.$('#map path[data-id="RU-MOW"]')).boundingBox();
    await p2.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p2.waitForSelector('#tooltip:not([hidden])');
    await check(p2, '#tooltip', 'the tooltip');
    await p2.close();
  });

  await test('neighbouring regions differ by CIEDE2000 ≥ 20 on every view, perspective and date; colours stay', async () => {
    const p2 = await context.newPage();
    await p2.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(p2, 'military-district', '2024-03-01');
    const views = await p2.$$eval('#views button', (b) => b.map((x) => x.dataset.view));
    let pairs = 0;
    let paints = 0;
    for (const view of views) {
      if (view === 'subordinate-to') continue;
      const { dates } = await api(`/api/changes?relation=${view}`);
      const days = [new Date(Date.parse(`${dates[0]}T00:00:00Z`) - 86400000).toISOString().slice(0, 10), ...dates];
      await p2.goto(`${base}/?date=${days[0]}&view=${view}`);
      await ready(p2, view, days[0]);
      const perspectives = await p2.$$eval('#perspectives button', (b) => b.map((x) => x.dataset.perspective));
      const mode = await p2.$$eval('#map path.shape', (p) => (p.some((x) => x.dataset.id === 'FR') ? 'world' : 'regions'));
      const colourOf = new Map(); // legend key -> colour, over every date
      for (const p of perspectives) {
        if (p) {
          const at = await p2.inputValue('#date');
          await p2.click(`#perspectives button[data-perspective="${p}"]`);
          await ready(p2, view, at, p);
        }
        for (const d of days) {
          if (d !== (await p2.inputValue('#date'))) {
            await typeDate(p2, d);
            await ready(p2, view, d, p);
          }
          const drawn = await fills(p2);
          pairs += checkNeighbours(drawn, mode, `${view}${p ? ` (${p})` : ''} on ${d}`);
          paints += 1;
          for (const f of Object.values(drawn)) {
            if (f.style !== 'solid' && f.style !== 'combo') continue;
            const was = colourOf.get(f.legend);
            assert.ok(!was || was === f.stripes[0], `${view}: ${f.legend} changed colour on ${d}`);
            colourOf.set(f.legend, f.stripes[0]);
          }
        }
      }
    }
    console.log(`     ${paints} paints, ${pairs} neighbouring pairs drawn differently, all ΔE ≥ ${MIN_DELTA_E}`);
    assert.ok(paints >= 40 && pairs > 500);
    // A district created in a scenario: the same rule, no colour of the record moved.
    await p2.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(p2, 'military-district', '2024-03-01');
    const record = await legend(p2);
    await p2.goto(`${base}/?date=2025-06-01&view=military-district&scenario=arctic`);
    await ready(p2, 'military-district', '2025-06-01');
    const arctic = await legend(p2);
    assert.ok(arctic.some((l) => l.key === 'arctic-md' && /Arctic Military District/.test(l.name)), JSON.stringify(arctic));
    for (const l of record.filter((x) => x.key)) {
      const same = arctic.find((a) => a.key === l.key);
      if (same) assert.equal(same.colour, l.colour, `${l.key} moved colour in the scenario`);
    }
    const drawn = await fills(p2);
    checkNeighbours(drawn, 'regions', 'scenario arctic on 2025-06-01');
    assert.ok(deltaE(arctic.find((l) => l.key === 'arctic-md').colour, arctic.find((l) => l.key === 'eastern-md').colour) >= MIN_DELTA_E);
    await p2.screenshot({ path: join(out, '13-scenario-arctic-district.png') });
    await p2.close();
  });

  await test('a slider step repaints the map within a frame at ×1 and ×4: median <= 16 ms, p95 <= 24 ms', async () => {
    await page.bringToFront();
    const run = async (zoom) => {
      await page.goto(`${base}/?date=2024-02-20&view=military-district${zoom ? `&z=${zoom}` : ''}`);
      await ready(page, 'military-district', '2024-02-20');
      await page.evaluate(() => { window.__ordoPaintTimes = []; window.__ordoWorkTimes = []; });
      await page.focus('#slider');
      for (let i = 0; i < 40; i++) {
        // A person's key presses fall anywhere between two frames of the display. Presses sent
        // as soon as the last repaint is seen would all fall just after a frame starts
        // (waitForFunction polls on animation frames) and measure the harness's phase, a whole
        // frame. So each waits 0-16 ms more, spread over the 40 steps.
        await page.waitForTimeout((i * 7) % 17);
        await page.keyboard.press('ArrowRight');
        await page.waitForFunction((n) => (window.__ordoPaintTimes || []).length >= n, i + 1, { timeout: 5000 });
      }
      const times = (await page.evaluate(() => window.__ordoPaintTimes)).slice().sort((x, y) => x - y);
      const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
      const work = (await page.evaluate(() => window.__ordoWorkTimes)).slice().sort((x, y) => x - y);
      const w = (p) => work[Math.min(work.length - 1, Math.floor(p * work.length))];
      assert.equal(await page.inputValue('#date'), '2024-03-31');
      return { steps: times.length, median_ms: q(0.5), p95_ms: q(0.95), max_ms: times[times.length - 1],
        work_median_ms: w(0.5), work_p95_ms: w(0.95) };
    };
    const within = (m) => m.median_ms <= 16 && m.p95_ms <= 24;
    const all = {};
    // At ×1, and at ×4 over European Russia and Ukraine (most shapes on screen, hatching included).
    for (const [name, zoom] of [['x1', ''], ['x4', '4/52/40']]) {
      // A second run when the first misses: the machine may be busy with something else.
      const runs = [await run(zoom)];
      if (!within(runs[0])) runs.push(await run(zoom));
      const summary = runs[runs.length - 1];
      all[name] = { ...summary, runs };
      console.log(`     slider step -> repaint at ${name}: ${JSON.stringify(summary)}${runs.length > 1 ? ` (second run; first ${JSON.stringify(runs[0])})` : ''}`);
      assert.equal(summary.steps, 40);
      if (zoom) assert.equal(new URL(page.url()).searchParams.get('z'), zoom, 'the zoom stays while the slider moves');
      if (!process.env.ORDO_E2E_NO_TIMING) assert.ok(within(summary), `slider at ${name}: ${JSON.stringify(runs)} (ORDO_E2E_NO_TIMING=1 to only measure)`);
    }
    writeFileSync(join(out, 'slider-timings.json'), JSON.stringify(all, null, 2));
    // The URL follows once the slider stops.
    await page.waitForFunction(() => /date=2024-03-31/.test(location.search));
  });

  await test('the statements of 26-27 Feb 2024: list, timeline marks, speaker, links and reporting chain', async () => {
    await page.goto(`${base}/?date=2024-02-27&view=military-district`);
    await ready(page, 'military-district', '2024-02-27');
    await page.click('.tab[data-tab="statements"]');
    await page.waitForSelector('#panel-statements .stmt-item');
    const listed = await page.$$eval('#panel-statements .stmt-item', (li) => li.map((x) => x.dataset.statement));
    const three = ['macron-2024-02-26', 'peskov-2024-02-27', 'stoltenberg-2024-02-27'];
    for (const id of three) {
      assert.ok(listed.includes(id), `${id} not listed: ${listed.join(' ')}`);
      assert.ok(await page.$(`#ticks .stmt-mark[data-statement="${id}"]`), `no timeline mark for ${id}`);
    }
    const dates = await page.$$eval('#panel-statements .stmt-item', (li) => li
      .filter((x) => ['macron-2024-02-26', 'peskov-2024-02-27', 'stoltenberg-2024-02-27'].includes(x.dataset.statement))
      .map((x) => x.querySelector('.order-date').textContent));
    assert.deepEqual(dates, ['2024-02-26', '2024-02-27', '2024-02-27']);
    await page.screenshot({ path: join(out, '14-statements-list.png') });

    await page.click('#ticks .stmt-mark[data-statement="peskov-2024-02-27"]');
    await page.waitForSelector('#panel-details[data-statement="peskov-2024-02-27"]');
    const text = await page.textContent('#panel-details');
    assert.match(text, /Dmitry Peskov/);
    assert.match(text, /Press Secretary of the President of Russia/);
    assert.match(text, /conditional-threat/);
    assert.match(text, /inevitability/);
    assert.match(text, /In that case/);
    const chain = await page.$$eval('#panel-details .stmt-chain li', (li) => li.map((x) => x.dataset.step));
    assert.ok(chain.includes('1') && chain.includes('2'), `chain steps: ${chain.join(' ')}`);
    const hrefs = await page.$$eval('#panel-details .stmt-chain a.source', (a) => a.map((x) => x.href));
    assert.ok(hrefs.length > 0 && hrefs.every((h) => /^https?:\/\//.test(h)), hrefs.join(' '));
    await page.screenshot({ path: join(out, '15-statement-peskov.png') });
    await page.click('#panel-details .stmt-link[data-direction="out"] a');
    await page.waitForSelector('#panel-details[data-statement="macron-2024-02-26"]');
    const back = await page.$$eval('#panel-details .stmt-link[data-direction="in"]', (d) => d.map((x) => x.textContent));
    assert.ok(back.some((t) => /Peskov/.test(t)), back.join(' | '));
    assert.match(await page.textContent('#panel-details'), /hedge/);
  });

  await test('the scenario eu-nato-combat has one alert; clicking it opens the map on 2024-06-01 with the order', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
    await ready(page, 'military-district', '2024-03-01');
    assert.equal(await page.inputValue('#scenario'), '');
    await page.click('.tab[data-tab="alerts"]');
    await page.waitForSelector('#panel-alerts .empty');
    assert.equal((await page.$$('#panel-alerts .alert-item')).length, 0, 'the record has no alert');

    await page.selectOption('#scenario', 'eu-nato-combat');
    await page.waitForSelector('#panel-alerts .alert-item[data-rule="kremlin-red-line-2024"]');
    assert.match(page.url(), /scenario=eu-nato-combat/);
    const items = await page.$$eval('#panel-alerts .alert-item', (li) => li.map((x) => x.textContent));
    assert.equal(items.length, 1, items.join(' | '));
    assert.match(items[0], /2024-06-01/);
    assert.match(items[0], /inevitability/);
    assert.match(items[0], /condition as the statement states it is met/);
    assert.match(items[0], /\?state\s*France/);
    assert.equal(await page.textContent('#alert-count'), '1');
    assert.ok(!(await page.isHidden('#scenario-banner')), 'the scenario banner shows');
    await page.screenshot({ path: join(out, '16-scenario-alert.png') });

    await page.click('#panel-alerts .alert-item');
    await page.waitForSelector('#panel-details[data-order="scenario-fr-combat-deployment-2024"]');
    await page.waitForFunction(() => /\|2024-06-01\|/.test(document.body.dataset.ready));
    assert.equal(await page.inputValue('#date'), '2024-06-01');
    assert.match(page.url(), /order=scenario-fr-combat-deployment-2024/);
    assert.match(page.url(), /scenario=eu-nato-combat/);
    assert.match(await page.textContent('#panel-details h2'), /HYPOTHETICAL/);
    await page.screenshot({ path: join(out, '17-alert-opens-order.png') });

    const p2 = await context.newPage();
    await p2.goto(page.url());
    await p2.waitForSelector('#panel-details[data-order="scenario-fr-combat-deployment-2024"]');
    assert.equal(await p2.inputValue('#scenario'), 'eu-nato-combat');
    await p2.selectOption('#scenario', '');
    await p2.click('.tab[data-tab="alerts"]');
    await p2.waitForSelector('#panel-alerts .empty');
    assert.equal((await p2.$$('#panel-alerts .alert-item')).length, 0);
    assert.equal(await p2.textContent('#alert-count'), '');
    assert.doesNotMatch(p2.url(), /scenario=/);
    await p2.close();
  });

  await test('the alerts are a valid Atom feed (RFC 4287), parsed by the browser\'s XML parser', async () => {
    await page.goto(`${base}/?date=2024-03-01&view=military-district`);
    const feed = await page.evaluate(async () => {
      const NS = 'http://www.w3.org/2005/Atom';
      const res = await fetch('/api/alerts.atom?scenario=eu-nato-combat');
      const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0];
      const root = doc.documentElement;
      // The direct children named `name` in the Atom namespace.
      const kids = (el, name) => [...el.children].filter((c) => c.namespaceURI === NS && c.localName === name);
      const dateOk = (el) => kids(el, 'updated').length === 1 &&
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(kids(el, 'updated')[0].textContent);
      return {
        type: res.headers.get('content-type'),
        error: error ? error.textContent : '',
        root: `${root.namespaceURI} ${root.localName}`,
        ids: kids(root, 'id').length, titles: kids(root, 'title').length, updated: dateOk(root),
        authors: kids(root, 'author').length,
        self: kids(root, 'link').filter((l) => l.getAttribute('rel') === 'self').map((l) => l.getAttribute('href')),
        entries: kids(root, 'entry').map((e) => ({
          id: kids(e, 'id').map((x) => x.textContent), title: kids(e, 'title').map((x) => x.textContent),
          updated: dateOk(e),
          links: kids(e, 'link').map((l) => `${l.getAttribute('rel')} ${l.getAttribute('href')}`),
          content: kids(e, 'content').map((x) => x.textContent).join(''),
        })),
      };
    });
    assert.equal(feed.type, 'application/atom+xml; charset=utf-8');
    assert.equal(feed.error, '', 'the feed is well-formed XML');
    assert.equal(feed.root, 'http://www.w3.org/2005/Atom feed');
    // atom:feed has exactly one id, title and updated, and an author (RFC 4287, 4.1.1).
    assert.deepEqual([feed.ids, feed.titles, feed.updated, feed.authors > 0], [1, 1, true, true]);
    assert.deepEqual(feed.self, ['/api/alerts.atom?scenario=eu-nato-combat']);
    assert.equal(feed.entries.length, 1);
    const [e] = feed.entries;
    // atom:entry has exactly one id (an IRI), title and updated (4.1.2).
    assert.equal(e.id.length, 1);
    assert.match(e.id[0], /^tag:ordo,2024:alert\/scenario\/eu-nato-combat\/kremlin-red-line-2024\//);
    assert.equal(e.title.length, 1);
    assert.match(e.title[0], /'inevitable'.*met on 2024-06-01 by scenario-fr-combat-deployment-2024$/);
    assert.ok(e.updated);
    assert.deepEqual(e.links, ['alternate /api/orders/scenario-fr-combat-deployment-2024?scenario=eu-nato-combat']);
    assert.match(e.content, /«In that case, we would need to talk not about the probability but the inevitability/);
    assert.match(e.content, /\?state = FR/);
  });

  await test('screenshots at 1280×720 and 1920×1080', async () => {
    const shots = [
      ['military-districts-order', '/?date=2024-03-01&view=military-district&order=ru-decree-141-2024', '#panel-details[data-order] .change-table'],
      ['control-kherson', '/?date=2024-03-01&view=controlled-by&sel=UA-65', '#panel-details[data-entity="UA-65"] .history-table'],
      ['alliances', '/?date=2024-02-27&view=member-of&sel=MT', '#panel-details[data-entity="MT"] .history-table'],
      ['sovereignty', '/?date=2023-06-01&view=part-of&sel=UA-43', '#panel-details[data-entity="UA-43"] .history-table'],
      ['commands', '/?date=2024-03-01&view=subordinate-to', '#chart .unit'],
    ];
    for (const [width, height] of [[1280, 720], [1920, 1080]]) {
      const p2 = await context.newPage();
      await p2.setViewportSize({ width, height });
      for (const [name, url, wait] of shots) {
        await p2.goto(`${base}${url}`);
        await p2.waitForSelector(wait);
        await p2.waitForFunction(() => document.body.dataset.ready);
        await p2.waitForTimeout(150);
        await p2.screenshot({ path: join(out, `size-${width}x${height}-${name}.png`) });
      }
      await p2.close();
    }
  });

  await test('nothing is fetched from outside and no script error', async () => {
    assert.deepEqual(external, []);
    assert.deepEqual(consoleErrors, []);
  });
}

try {
  await main();
} catch (e) {
  results.push({ name: 'set-up', ok: false, error: String(e && e.stack || e) });
  console.log(`FAIL set-up\n${e && e.stack || e}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server) server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
const failed = results.filter((r) => !r.ok);
console.log(`${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${out}`);
process.exit(failed.length ? 1 : 0);
