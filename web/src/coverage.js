// Silence as silence: whether the record covers a relation for a subject on a date.
//
// The API does not carry coverage marks yet (the engine issue that adds them runs in
// parallel). The UI reads them in these shapes, and says "not recorded" while they are absent:
//   GET /api/entity/ID  "coverage": [{"relation": "controlled-by", "covered": false,
//                                     "note": "control is recorded only for the six contested units"}]
//                       one entry per relation the entity's kind can have, on `at` (a relation
//                       absent from it is "not recorded", as today);
//   GET /api/map        "coverage": {"UA-63": {"covered": false, "note": "…"}, …}
//                       the subjects of the relation's kinds the record does not cover on `at`
//                       (a subject absent from it is covered).
// Pure functions.

// -> Map relation -> {covered, note} (its `absent` says what a key it lacks means: 'unknown'),
// or null when the answer carries no coverage.
export function entityCoverage(entity) {
  if (!entity || !Array.isArray(entity.coverage)) return null;
  const out = new Map();
  out.absent = 'unknown';
  for (const c of entity.coverage) {
    if (c && c.relation) out.set(c.relation, { covered: c.covered !== false, note: c.note || '' });
  }
  return out;
}

// -> Map subject -> {covered, note} (a subject it lacks is covered: `absent` is 'covered'), or
// null when the answer carries no coverage.
export function mapCoverage(answer) {
  if (!answer || !answer.coverage || typeof answer.coverage !== 'object' || Array.isArray(answer.coverage)) return null;
  const out = new Map();
  out.absent = 'covered';
  for (const [subject, c] of Object.entries(answer.coverage)) {
    out.set(subject, { covered: !!(c && c.covered), note: (c && c.note) || '' });
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
