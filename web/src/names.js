// Names of entities as of a date, many in one call (GET /api/names?ids=…&at=…). Names change
// only on the dates GET /api/changes?relation=name@en lists, so answers are kept per stretch
// between two such dates: a slider step inside a stretch asks nothing.
// disambiguate() and kindLabel() are pure.
import { dayNumber, stretchDay, stretchOf } from './dates.js';

// "federal-subject" -> "federal subject".
export const kindLabel = (kind) => (kind || '').replace(/-/g, ' ');

// entries: [{id, name, kind, other?: [names in other languages]}]. Returns Map id -> the label
// to show: the name, or, where different ids share a name, the name told apart by the kind when
// their kinds differ ("Kyiv (city)"), else by their names in another language ("Moscow
// (Москва)" and "Moscow (Московская область)"), else by a number.
export function disambiguate(entries) {
  const byName = new Map();
  for (const e of entries) {
    const n = e.name || e.id;
    if (!byName.has(n)) byName.set(n, new Map());
    byName.get(n).set(e.id, e);
  }
  const out = new Map();
  for (const [name, group] of byName) {
    const list = [...group.values()];
    if (list.length === 1) {
      out.set(list[0].id, name);
      continue;
    }
    const kinds = new Set(list.map((e) => e.kind || ''));
    const other = (e) => (e.other || []).find((o) => o && o !== name) || '';
    const others = new Set(list.map(other));
    list.forEach((e, i) => {
      if (kinds.size === list.length) out.set(e.id, `${name} (${kindLabel(e.kind)})`);
      else if (others.size === list.length && !others.has('')) out.set(e.id, `${name} (${other(e)})`);
      else out.set(e.id, `${name} (${i + 1})`);
    });
  }
  return out;
}

// api: the fetch function of api.js. Returns the name store of one branch.
export function createNames(api) {
  let days = []; // day numbers of the name changes
  let dates = [];
  const byStretch = new Map(); // stretch index -> Map id -> entry ({id, kind, name, names, alive})
  const pending = new Map(); // `${stretch}|${id}` -> promise
  const stretch = (date) => stretchOf(days, dayNumber(date));

  return {
    // The dates names change on (GET /api/changes?relation=name@en), once per branch.
    setChangeDates(list) {
      dates = list.slice();
      days = dates.map(dayNumber);
      byStretch.clear();
      pending.clear();
    },
    // Fetches the names of ids on date that are not known yet: one request per 300 ids.
    async load(ids, date) {
      const s = stretch(date);
      if (!byStretch.has(s)) byStretch.set(s, new Map());
      const known = byStretch.get(s);
      const want = [...new Set(ids)].filter((id) => id && !known.has(id) && !pending.has(`${s}|${id}`));
      const waits = [...new Set(ids)].map((id) => pending.get(`${s}|${id}`)).filter(Boolean);
      for (let i = 0; i < want.length; i += 300) {
        const chunk = want.slice(i, i + 300);
        const p = api('/api/names', { ids: chunk.join(','), at: stretchDay(dates, s) })
          .then((answer) => {
            for (const e of answer.names) known.set(e.id, e);
            for (const id of answer.unknown || []) known.set(id, { id, kind: '', name: '', names: [], alive: false });
          })
          .finally(() => {
            for (const id of chunk) pending.delete(`${s}|${id}`);
          });
        for (const id of chunk) pending.set(`${s}|${id}`, p);
        waits.push(p);
      }
      await Promise.all(waits);
    },
    // Days inside the stretches before and after date's (to fetch ahead of a slider).
    around(date) {
      const s = stretch(date);
      const out = [];
      if (s > 0) out.push(stretchDay(dates, s - 1));
      if (s < dates.length) out.push(stretchDay(dates, s + 1));
      return out;
    },
    // Whether every id has a known name (or is known to have none) on date.
    has(ids, date) {
      const known = byStretch.get(stretch(date));
      return !!known && ids.every((id) => known.has(id));
    },
    entry(id, date) {
      const known = byStretch.get(stretch(date));
      return (known && known.get(id)) || null;
    },
    // The display name on date; the nearest known one when that date's is not loaded; the id
    // only when the record has no name for it.
    name(id, date) {
      const here = this.entry(id, date);
      if (here && here.name) return here.name;
      for (const known of byStretch.values()) {
        const e = known.get(id);
        if (e && e.name) return e.name;
      }
      return id;
    },
    // The kind ('' when the record has no such entity), from any date known.
    kind(id, date) {
      const e = this.entry(id, date);
      if (e) return e.kind;
      for (const k of byStretch.values()) if (k.has(id)) return k.get(id).kind;
      return '';
    },
    // The Russian name, when the record has one.
    ru(id, date) {
      const e = this.entry(id, date);
      const n = e && (e.names || []).find((x) => x.lang === 'ru');
      return n ? n.text : '';
    },
    // Names told apart (disambiguate) for a list of ids shown together.
    labels(ids, date) {
      return disambiguate([...new Set(ids)].map((id) => {
        const e = this.entry(id, date);
        const other = e ? (e.names || []).filter((n) => n.lang !== 'en').map((n) => n.text) : [];
        return { id, name: this.name(id, date), kind: this.kind(id, date), other };
      }));
    },
  };
}
