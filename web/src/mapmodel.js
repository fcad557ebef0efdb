// What each region shows for a relation on one date, from the facts of GET /api/snapshot:
// the objects it points to, which of them hold only part of it ([extent: partial]), and how
// it is drawn:
//   solid     one object, whole
//   combo     several objects at once (member of NATO and the EU): one colour for the set
//   disputed  the views disagree (several objects of an exclusive relation, or per perspective):
//             stripes of each object's colour
//   partial   some object holds only part: hatching of each such object's colour (over the
//             "nothing" fill when a single object holds part)
// And the colour plan of a view over all its dates: which things need colours, in the order
// they first appear, and which of them border each other. Pure functions.
import { NO_DATA } from './colours.js';

const extentOf = (f) => (f.qualifiers && typeof f.qualifiers.extent === 'string' ? f.qualifiers.extent : '');

// facts: relation facts (attributes are skipped). Returns Map subject -> model.
export function regionModels(facts, { exclusive = false } = {}) {
  const bySubject = new Map();
  for (const f of facts) {
    if (f.object === undefined || f.object === null) continue;
    let list = bySubject.get(f.id);
    if (!list) bySubject.set(f.id, (list = []));
    list.push(f);
  }
  const out = new Map();
  for (const [subject, list] of bySubject) out.set(subject, modelOf(subject, list, exclusive));
  return out;
}

function modelOf(subject, facts, exclusive) {
  const objects = [...new Set(facts.map((f) => f.object))].sort();
  const partial = [...new Set(facts.filter((f) => extentOf(f) === 'partial').map((f) => f.object))].sort();
  const perspectives = new Set(facts.map((f) => f.perspective || ''));
  let style = 'solid';
  if (partial.length) style = 'partial';
  else if (objects.length > 1) style = exclusive || perspectives.size > 1 ? 'disputed' : 'combo';
  const key = objects.join('+');
  return { subject, objects, partial, style, key, legendKey: partial.length ? `${key}~${partial.join('+')}` : key, facts };
}

// The things a model needs colours for: the set itself for a combo, else each object.
export function colourUnits(model) {
  return model.style === 'combo' ? [model.key] : model.objects;
}

// The colours a model is drawn with (one for solid and combo; stripes otherwise).
export function stripesOf(model, colourOf) {
  if (model.style === 'solid' || model.style === 'combo') return [colourOf(colourUnits(model)[0])];
  const stripes = model.objects.map(colourOf);
  if (model.style === 'partial' && model.objects.length === 1) stripes.push(NO_DATA);
  return stripes;
}

// stretches: the models of each stretch of the view, in date order (Map subject -> model);
// shapeNeighbours: Map shape id -> Set of shape ids it borders. Returns {order, neighbours}:
// colour units in the order they first appear (within a stretch by id), and Map unit -> Set
// of units drawn next to it on some date (stripes of one region count as next to each other).
export function colourPlan(stretches, shapeNeighbours) {
  const order = [];
  const seen = new Set();
  const neighbours = new Map();
  const link = (a, b) => {
    if (a === b) return;
    if (!neighbours.has(a)) neighbours.set(a, new Set());
    if (!neighbours.has(b)) neighbours.set(b, new Set());
    neighbours.get(a).add(b);
    neighbours.get(b).add(a);
  };
  for (const models of stretches) {
    const fresh = new Set();
    for (const m of models.values()) for (const u of colourUnits(m)) if (!seen.has(u)) fresh.add(u);
    for (const u of [...fresh].sort()) {
      seen.add(u);
      order.push(u);
    }
    for (const [subject, m] of models) {
      const mine = colourUnits(m);
      for (let i = 0; i < mine.length; i++) for (let j = i + 1; j < mine.length; j++) link(mine[i], mine[j]);
      for (const other of shapeNeighbours.get(subject) || []) {
        const n = models.get(other);
        if (!n) continue;
        for (const u of mine) for (const v of colourUnits(n)) link(u, v);
      }
    }
  }
  return { order, neighbours };
}
