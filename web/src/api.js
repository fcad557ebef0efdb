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

export async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  if (scenario && path !== '/api' && !BRANCHLESS.some((p) => path.startsWith(p)) && !q.has('scenario')) q.set('scenario', scenario);
  const url = q.toString() ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}
