// Silence as silence: whether the record covers a relation for a subject on a date.
//
// The record marks what it does not cover (`uncovered` in the order language, docs/language.md
// "Coverage"); it never asserts that something is covered. The UI reads the marks as the API
// gives them:
//   GET /api/entity/ID  "uncovered": [{"relation", "from", "to", "note", "order", "sources"}]
//                       the marks on the entity at `at`;
//   GET /api/map        "uncovered": {"UA-63": "note", …}
//                       the subjects of the map's relation marked on `at`.
// A relation or subject without a mark is "not recorded" when empty: the record does not say.
// Pure functions.

// -> Map relation -> {covered: false, note} (a relation it lacks is unknown), or null when the
// answer carries no marks at all.
export function entityCoverage(entity) {
  if (!entity || !Array.isArray(entity.uncovered)) return null;
  const out = new Map();
  out.absent = 'unknown';
  for (const c of entity.uncovered) {
    if (c && c.relation) out.set(c.relation, { covered: false, note: c.note || '' });
  }
  return out;
}

// -> Map subject -> {covered: false, note} (a subject it lacks is unknown), or null when the
// answer carries no marks.
export function mapCoverage(answer) {
  if (!answer || !answer.uncovered || typeof answer.uncovered !== 'object' || Array.isArray(answer.uncovered)) {
    return null;
  }
  const out = new Map();
  out.absent = 'unknown';
  for (const [subject, note] of Object.entries(answer.uncovered)) {
    out.set(subject, { covered: false, note: typeof note === 'string' ? note : '' });
  }
  return out;
}

const UNKNOWN = { state: 'unknown', word: 'not recorded', note: 'the record holds no fact here and does not say whether it covers this' };

// What an empty place says: no coverage known (the API says nothing) -> "not recorded";
// covered -> "none" (the record covers it and holds no fact); not covered -> "not covered"
// with the note.
export function silence(coverage, key) {
  if (!coverage) return UNKNOWN;
  const c = coverage.get(key);
  if (!c && coverage.absent !== 'covered') return UNKNOWN;
  if (c && !c.covered) return { state: 'not-covered', word: 'not covered', note: c.note || 'the record does not cover this' };
  return { state: 'none', word: 'none', note: 'the record covers this and holds no fact' };
}
