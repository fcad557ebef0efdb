// The record of one view (a relation, seen from one perspective) over all its dates: the days
// its facts start or end on (GET /api/changes), and the facts of every stretch between two such
// days (GET /api/snapshot, one request per stretch, all at once when the view opens). From
// them the map repaints any date without a request, colours stay the same on every date, and
// the timeline knows which orders touch the view. Coverage marks come with GET /api/map, asked
// for the stretch shown.
import { dayNumber, stretchDay, stretchOf } from './dates.js';
import { regionModels } from './mapmodel.js';

// changes: the view's GET /api/changes answer when it is known already.
export function createViewData(api, { relation, perspective = '', exclusive = false, changes: known = null }) {
  let dates = [];
  let days = [];
  let stretches = []; // facts of each stretch, in date order
  const models = new Map(); // stretch -> Map subject -> model
  const maps = new Map(); // stretch -> promise of /api/map
  let loading = null;
  const withPerspective = (p) => (perspective ? { ...p, perspective } : p);

  const data = {
    relation,
    perspective,
    exclusive,
    get dates() {
      return dates;
    },
    get stretchCount() {
      return stretches.length;
    },
    // Loads everything once; later calls wait for the same load.
    load() {
      if (!loading) {
        loading = (async () => {
          const changes = known || (await api('/api/changes', withPerspective({ relation })));
          dates = changes.dates.slice();
          days = dates.map(dayNumber);
          const n = dates.length + 1;
          stretches = await Promise.all(Array.from({ length: n }, (_, i) => api('/api/snapshot',
            withPerspective({ relation, at: stretchDay(dates, i) }))));
        })();
        loading.catch(() => {
          loading = null;
        });
      }
      return loading;
    },
    stretch(date) {
      return stretchOf(days, dayNumber(date));
    },
    factsAt(date) {
      return stretches[this.stretch(date)] || [];
    },
    modelsOf(i) {
      if (!models.has(i)) models.set(i, regionModels(stretches[i] || [], { exclusive }));
      return models.get(i);
    },
    modelsAt(date) {
      return this.modelsOf(this.stretch(date));
    },
    allModels() {
      return stretches.map((_, i) => this.modelsOf(i));
    },
    // Every order that asserted or ended a fact of the view, by id.
    orders() {
      const out = new Set();
      for (const facts of stretches) {
        for (const f of facts) {
          if (f.order) out.add(f.order);
          if (f.ended_by) out.add(f.ended_by);
        }
      }
      return out;
    },
    // The perspectives the view's facts are recorded in, sorted.
    perspectives() {
      const out = new Set();
      for (const facts of stretches) for (const f of facts) if (f.perspective) out.add(f.perspective);
      return [...out].sort();
    },
    // Every id the view mentions (subjects and objects), for one names request.
    ids() {
      const out = new Set();
      for (const facts of stretches) for (const f of facts) out.add(f.id).add(f.object);
      out.delete(undefined);
      out.delete(null);
      return [...out];
    },
    // GET /api/map of the stretch holding date (for coverage marks), cached.
    mapAnswer(date) {
      const i = this.stretch(date);
      if (!maps.has(i)) {
        const slot = { value: null, promise: null };
        slot.promise = api('/api/map', withPerspective({ relation, at: stretchDay(dates, i) })).then((v) => {
          slot.value = v;
          return v;
        });
        slot.promise.catch(() => maps.delete(i));
        maps.set(i, slot);
      }
      return maps.get(i).promise;
    },
    // The /api/map answer of date's stretch if it has arrived, else null.
    mapAnswerNow(date) {
      const slot = maps.get(this.stretch(date));
      return slot ? slot.value : null;
    },
  };
  return data;
}
