// What the UI reads of one branch (the record or a scenario) once it is chosen: the schema's
// views and perspectives, the orders with their sources, the statements, the alerts, the days
// names change on, and per view the record over all its dates (viewdata.js) with the colours
// of what its regions belong to (one rule, colours.js).
import { assignColours, PALETTE } from './colours.js';
import { edtfStart } from './dates.js';
import { colourPlan } from './mapmodel.js';
import { candidateRelations, perspectivesFor, viewsFromSchema } from './schema.js';
import { createViewData } from './viewdata.js';

export async function loadBranch(api, schema) {
  const relations = candidateRelations(schema);
  const [orders, statements, alerts, nameChanges, ...changes] = await Promise.all([
    api('/api/orders'), api('/api/statements'), api('/api/alerts'),
    api('/api/changes', { relation: 'name@en' }).catch(() => ({ dates: [] })),
    ...relations.map((r) => api('/api/changes', { relation: r })),
  ]);
  const changesOf = new Map(relations.map((r, i) => [r, changes[i]]));
  const views = viewsFromSchema(schema, new Map(relations.map((r, i) => [r, changes[i].facts])));
  // Orders in the order of their effective dates (stable: as applied on the same day).
  const sorted = orders.map((o, i) => ({ o, i, day: edtfStart(o.effective) }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.i - b.i)).map((x) => x.o);
  const orderById = new Map(sorted.map((o) => [o.id, o]));
  const sources = new Map();
  for (const o of sorted) for (const s of o.sources) if (!sources.has(s.id)) sources.set(s.id, s);
  const viewData = new Map();
  const plans = new Map();
  const trees = new Map(); // `${relation}|${perspective}|${stretch}` -> promise of GET /api/tree

  return {
    schema,
    views,
    // The perspectives the orders are written in (each view's own: perspectivesOf).
    orderPerspectives: [...new Set(orders.map((o) => o.perspective).filter(Boolean))],
    orders: sorted,
    orderById,
    sources,
    statements,
    statementById: new Map(statements.map((s) => [s.id, s])),
    alerts,
    nameDates: nameChanges.dates || [],
    view: (id) => views.find((v) => v.id === id),
    // The record of a view from a perspective ("" = every perspective).
    viewData(relation, perspective = '') {
      const key = `${relation}|${perspective}`;
      if (!viewData.has(key)) {
        const v = views.find((x) => x.id === relation);
        viewData.set(key, createViewData(api, {
          relation, perspective, exclusive: !!(v && v.exclusive), changes: perspective ? null : changesOf.get(relation),
        }));
      }
      return viewData.get(key);
    },
    // The perspectives a view offers ("" first); its record must be loaded.
    perspectivesOf(relation) {
      return perspectivesFor(schema, this.viewData(relation, '').perspectives());
    },
    // The colours of a map view, from every date and every perspective of it, by the rule of
    // colours.js over the borders of the map's shapes. Waits for the view's record.
    async colours(view, neighbours) {
      if (!plans.has(view.id)) {
        const all = this.viewData(view.id, '');
        await all.load();
        const plan = colourPlan(all.allModels(), neighbours);
        plans.set(view.id, assignColours(plan.order, plan.neighbours));
      }
      return plans.get(view.id);
    },
    // The org chart of an acyclic relation on date (GET /api/tree), kept per stretch.
    tree(relation, perspective, date) {
      const key = `${relation}|${perspective}|${this.viewData(relation, perspective).stretch(date)}`;
      if (!trees.has(key)) {
        const p = api('/api/tree', { relation, at: date, perspective });
        trees.set(key, p);
        p.catch(() => trees.delete(key));
      }
      return trees.get(key);
    },
    // The colour of a thing in a view whose colours are known; '' otherwise.
    colourOf(relation, unit) {
      const plan = plans.get(relation);
      if (!plan) return '';
      if (plan.has(unit)) return plan.get(unit);
      // Seen only from one perspective and not in the full record: a colour by its id.
      let h = 0;
      for (const c of unit) h = (h * 31 + c.charCodeAt(0)) >>> 0;
      return PALETTE[h % PALETTE.length];
    },
  };
}
