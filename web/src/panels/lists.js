// The lists of the side panel's tabs: orders (newest first) and statements (in date order).
import { el } from '../dom.js';
import { perspectiveText } from '../facts.js';

// ctx: {active, label(id), known(id), onOpen(id)}.
export function renderOrderList(panel, orders, ctx) {
  const list = el('ol', 'order-list');
  for (const o of orders.slice().reverse()) {
    const li = el('li', `order-item${o.id === ctx.active ? ' active' : ''}`);
    li.dataset.order = o.id;
    const top = el('div', 'order-top');
    const issuer = o.issuer ? (ctx.known(o.issuer) ? ctx.label(o.issuer) : o.issuer) : '';
    top.append(el('span', 'order-date', o.effective), el('span', 'order-issuer', issuer));
    if (o.perspective) top.append(el('span', 'badge', perspectiveText(o.perspective, ctx.label)));
    li.append(top, el('div', 'order-title', o.title));
    li.addEventListener('click', () => ctx.onOpen(o.id));
    list.append(li);
  }
  panel.replaceChildren(list);
}

// ctx: {active, onOpen(id)}.
export function renderStatementList(panel, statements, ctx) {
  if (!statements.length) {
    panel.replaceChildren(el('div', 'empty', 'No statements recorded.'));
    return;
  }
  const list = el('ol', 'stmt-list');
  for (const st of statements) {
    const li = el('li', `stmt-item${st.id === ctx.active ? ' active' : ''}`);
    li.dataset.statement = st.id;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', st.date), el('span', '', st.speaker_name || st.speaker || ''));
    if (st.kind) top.append(el('span', 'stmt-kind', st.kind));
    li.append(top, el('div', 'order-title', st.name || st.id));
    if (st.quote) li.append(el('div', 'stmt-quote', `\u201c${st.quote}\u201d`));
    li.addEventListener('click', () => ctx.onOpen(st.id));
    list.append(li);
  }
  panel.replaceChildren(list);
}
