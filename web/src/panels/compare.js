// Then vs now (GET /api/compare): the facts of a date that the record now holds otherwise than
// it did as known on a day, each added (unknown then), corrected (known otherwise) or retracted
// (known then, withdrawn since), with what each side said and the order that changed it.
import { el } from '../dom.js';

const ORDER = { added: 0, corrected: 1, retracted: 2 }; // in the list
const RANK = { corrected: 0, retracted: 1, added: 2 }; // on the map: what was wrong then first

// The kind each region is marked with: Map id -> kind, the first by RANK when a region has
// several facts (a corrected one outranks an added one). has(id): whether the map draws it.
export function compareKinds(answer, has = () => true) {
  const kinds = new Map();
  for (const f of answer.facts) {
    if (!has(f.id)) continue;
    const k = kinds.get(f.id);
    if (!k || RANK[f.kind] < RANK[k]) kinds.set(f.id, f.kind);
  }
  return kinds;
}

// ctx: {rec, date, title, label(id), orderTitle(id), onPick(id)}.
export function renderCompare(panel, answer, ctx) {
  const side = (facts) => (facts && facts.length ? facts.map((f) => f.name || f.object || String(f.value ?? '')).join(' + ') : 'nothing');
  const n = answer.facts.length;
  panel.replaceChildren(el('div', 'kicker', `${ctx.title} on ${ctx.date}: as known on ${ctx.rec} vs now`));
  panel.append(el('div', 'period-head', n
    ? `${n} fact${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''}: the record as it stood at the end of ${ctx.rec} against the record now`
    : `Nothing differs: the record now says of ${ctx.date} what it said on ${ctx.rec}`));
  const list = el('ol', 'cmp-list');
  const sorted = [...answer.facts].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.name || a.id).localeCompare(b.name || b.id));
  for (const f of sorted) {
    const li = el('li', 'cmp-item');
    li.dataset.id = f.id;
    li.dataset.kind = f.kind;
    const top = el('div', 'order-top');
    top.append(el('span', `cmp-swatch ${f.kind}`), el('span', 'order-date', f.kind), el('span', '', f.name || ctx.label(f.id)));
    li.append(top, el('div', 'change-move', `then: ${side(f.then)} \u00b7 now: ${side(f.now)}`));
    if (f.order) {
      li.append(el('div', 'muted', `${ctx.orderTitle(f.order)}${f.order_recorded ? ` \u00b7 recorded ${f.order_recorded.slice(0, 10)}` : ''}`));
    }
    li.addEventListener('click', () => ctx.onPick(f.id));
    list.append(li);
  }
  panel.append(list);
}
