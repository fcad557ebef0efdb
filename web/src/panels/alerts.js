// The alerts of the branch: where a watch rule's condition, as the cited statement states it,
// is met. Each says so, and never asserts the consequence.
import { el } from '../dom.js';

export const alertIds = (alerts) => [...new Set(alerts.flatMap((a) => Object.values(a.bindings)))];

// ctx: {where ('the record' | 'scenario X'), label(id), orderTitle(id), speaker(statementId), onOpen(alert)}.
export function renderAlerts(panel, alerts, ctx) {
  panel.replaceChildren(el('div', 'kicker', `Alerts in ${ctx.where}`));
  if (!alerts.length) {
    panel.append(el('div', 'empty', `No watch rule\u2019s condition is met in ${ctx.where}.`));
    return;
  }
  const list = el('ol', 'alert-list');
  for (const a of alerts) {
    const li = el('li', 'alert-item');
    li.dataset.alert = String(a.id);
    li.dataset.rule = a.rule;
    li.dataset.order = a.order;
    const top = el('div', 'order-top');
    top.append(el('span', 'order-date', a.date), el('span', '', 'watch rule'));
    li.append(top, el('div', 'alert-title', a.rule_title));
    const facts = el('dl', 'facts');
    for (const [v, id] of Object.entries(a.bindings)) facts.append(el('dt', '', `?${v}`), el('dd', '', ctx.label(id)));
    facts.append(el('dt', '', 'order'), el('dd', '', ctx.orderTitle(a.order)));
    li.append(facts);
    if (a.quote) {
      li.append(el('blockquote', 'alert-quote', a.quote), el('div', 'muted', `\u2014 ${ctx.speaker(a.cites)}`));
    }
    if (a.note) li.append(el('p', 'note', a.note));
    const meaning = a.meaning || 'the condition as the statement states it is met; ordo does not assert the consequence';
    li.append(el('div', 'alert-meaning', meaning.charAt(0).toUpperCase() + meaning.slice(1)));
    li.addEventListener('click', () => ctx.onOpen(a));
    list.append(li);
  }
  panel.append(list);
}
