// Which views and perspectives the UI offers, read from GET /api/schema (and the record):
//   - a relation whose subjects are all territories is a map view: on the world map when they
//     are all states, else on the map of regions;
//   - an acyclic relation is an org chart;
//   - a view is offered when the branch holds facts of it (GET /api/changes says how many).
// Perspectives: those a view's facts are recorded in (viewdata.js), and the schema's list
// (schema.perspectives, [{id}] or ids) when it has one.
// Pure functions.

// Words for the relations the bundled record declares; any other relation is named from its id.
const LABELS = {
  'military-district': 'Military districts',
  'federal-district': 'Federal districts',
  'member-of': 'Alliances',
  'part-of': 'Sovereignty',
  'controlled-by': 'Control',
  'subordinate-to': 'Commands',
  'deployed-to': 'Deployments',
};
// How a fact of the relation reads in a panel: "military district", "part of".
export const relationPhrase = (name) => (name || '').replace(/@.*/, '').replace(/-/g, ' ');
export const viewLabel = (name) => LABELS[name] || relationPhrase(name).replace(/^./, (c) => c.toUpperCase());

// kind -> the set of it and its descendants.
function descendants(kinds, root) {
  const out = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const k of kinds) {
      if (k.parent && out.has(k.parent) && !out.has(k.name)) {
        out.add(k.name);
        grew = true;
      }
    }
  }
  return out;
}

// Whether entities of `kind` are (a sub-kind of) `ancestor`.
export function isKind(schema, kind, ancestor) {
  return descendants(schema.kinds || [], ancestor).has(kind);
}

// schema: GET /api/schema; facts: Map relation -> number of facts in the branch (absent: unknown,
// offered). Returns [{id, label, note, mode: 'regions'|'world'|'chart', exclusive}] in schema order.
export function viewsFromSchema(schema, facts = new Map()) {
  const kinds = schema.kinds || [];
  const territory = descendants(kinds, 'territory');
  const state = descendants(kinds, 'state');
  const views = [];
  for (const r of schema.relations || []) {
    const subjects = r.subject_kinds || [];
    let mode = '';
    if (r.acyclic) mode = 'chart';
    else if (subjects.length && subjects.every((k) => state.has(k))) mode = 'world';
    else if (subjects.length && subjects.every((k) => territory.has(k))) mode = 'regions';
    if (!mode) continue;
    if (facts.has(r.name) && !facts.get(r.name)) continue;
    views.push({ id: r.name, label: viewLabel(r.name), note: r.note || '', mode, exclusive: !!r.exclusive });
  }
  return views;
}

// The candidate relations viewsFromSchema may offer (to ask /api/changes about).
export function candidateRelations(schema) {
  return viewsFromSchema(schema).map((v) => v.id);
}

// The perspectives a view offers: "" (every view) first, then those of the schema's list
// (schema.perspectives, [{id}] or ids) that the view's facts use, and any other its facts use,
// sorted. A view none of whose facts has a perspective offers only "".
export function perspectivesFor(schema, used) {
  const listed = Array.isArray(schema.perspectives) ? schema.perspectives.map((p) => (typeof p === 'string' ? p : p.id)) : [];
  const mine = new Set(used);
  return ['', ...listed.filter((p) => mine.has(p)), ...[...mine].filter((p) => !listed.includes(p)).sort()];
}

// The relations that apply to entities of `kind` (their subject kinds include it or an ancestor).
export function relationsFor(schema, kind) {
  return (schema.relations || []).filter((r) => (r.subject_kinds || []).some((k) => isKind(schema, kind, k)));
}
