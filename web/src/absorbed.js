// Subjects that have no shape of their own because they were merged into one that has: the six
// autonomous okrugs merged away in 2005–2008 lie inside the shapes of the regions that absorbed
// them (Natural Earth draws today's borders). The map shows such a subject as part of its
// absorber, and the legend and the absorber's panel say so. Pure: the lineage answers come in.

// lineages: answers of GET /api/lineage/ID; shapeIds: Set of the ids drawn on the map.
// Returns Map subject -> {into, date}: the subject was merged into `into` (which has a shape) on
// `date`, and has no shape itself.
export function absorbedInto(lineages, shapeIds) {
  const out = new Map();
  for (const answer of lineages) {
    for (const link of (answer && answer.links) || []) {
      if (link.type !== 'merged-into' || shapeIds.has(link.predecessor) || !shapeIds.has(link.successor)) continue;
      out.set(link.predecessor, { into: link.successor, date: link.date });
    }
  }
  return out;
}

// The subjects drawn within `id`'s shape on `date`: those merged into it later than the date.
export function drawnWithin(absorbed, id, date) {
  const out = [];
  for (const [subject, a] of absorbed) if (a.into === id && date < a.date) out.push({ id: subject, until: a.date });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
