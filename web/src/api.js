// Calls to ordo's JSON API (docs/http.md). Errors come back as ApiError with the server's
// message and notes. Every query carries the scenario being read, except the routes that
// take none (the schema, the scenario list, the index).
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'http';
    this.notes = e.notes || [];
  }
}

// The scenario every query reads ("" = the record).
let scenario = '';
export function setScenario(name) {
  scenario = name || '';
}
const BRANCHLESS = ['/api/schema', '/api/scenarios'];

// The record time every query reads ("" = everything recorded): "as known on". Only the routes
// that take `recorded` get it (docs/http.md); an order's page, search, rules and alerts do not.
let recorded = '';
export function setRecorded(instant) {
  recorded = instant || '';
}
const RECORDED_PREFIXES = ['/api/entity/', '/api/members/', '/api/history/', '/api/path/', '/api/lineage/',
  '/api/reports/'];
const RECORDED_ROUTES = ['/api/diff', '/api/snapshot', '/api/orders', '/api/names', '/api/map', '/api/tree',
  '/api/changes', '/api/query', '/api/statements', '/api/export/orbat'];
export const takesRecorded = (path) => RECORDED_ROUTES.includes(path) || RECORDED_PREFIXES.some((p) => path.startsWith(p));

export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (scenario && path !== '/api' && !BRANCHLESS.some((p) => path.startsWith(p)) && !q.has('scenario')) q.set('scenario', scenario);
  if (recorded && takesRecorded(path) && !q.has('recorded')) q.set('recorded', recorded);
  const url = q.toString() ? `${path}?${q}` : path;
  return answer(await fetch(url, { headers: { Accept: 'application/json' } }));
}

// The JSON of a response, or an ApiError with the server's message.
async function answer(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// POST a text to a reading route (POST /api/read): a read, so no token; errors as api().
export async function apiPostText(path, params, text) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (recorded && !q.has('recorded')) q.set('recorded', recorded);
  return answer(await fetch(`${path}?${q}`, {
    method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'text/plain; charset=utf-8' }, body: text,
  }));
}
