// The org chart of commands on a date (an acyclic relation, GET /api/tree), each unit with an
// APP-6 symbol drawn by milsymbol. milsymbol is large, so it is loaded only when a chart is
// drawn (symbols.js, a chunk of its own).
import { el } from './dom.js';
import { kindLabel } from './names.js';

let symbols = null;
const loadSymbols = () => (symbols ||= import('./symbols.js'));

// tree: GET /api/tree; on: {select(id)}; orderTitle(id): an order's title.
export async function renderChart(root, tree, { onSelect, orderTitle = (x) => x }) {
  const { symbolSvg } = await loadSymbols();
  const byParent = new Map();
  for (const n of tree.nodes) {
    const p = n.parent || '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(n);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const build = (parent) => {
    const ul = el('ul');
    for (const n of byParent.get(parent) || []) {
      const li = el('li');
      const card = el('button', 'unit');
      card.dataset.id = n.id;
      card.title = `${n.name} \u00b7 ${kindLabel(n.kind)}${n.fact ? ` \u00b7 since ${n.fact.from || '\u2026'} (${orderTitle(n.fact.order)})` : ''}`;
      const icon = el('span', 'unit-symbol');
      icon.innerHTML = symbolSvg(n.kind);
      const text = el('span', 'unit-text');
      const ru = (n.names || []).find((x) => x.lang === 'ru');
      text.append(el('span', 'unit-name', n.name || n.id), el('span', 'unit-sub', ru ? ru.text : kindLabel(n.kind)));
      card.append(icon, text);
      card.addEventListener('click', () => onSelect(n.id));
      li.append(card);
      if (byParent.has(n.id)) li.append(build(n.id));
      ul.append(li);
    }
    return ul;
  };
  const title = el('div', 'chart-title', `Chain of command on ${tree.at}`);
  const wrap = el('div', 'tree');
  wrap.append(build(''));
  root.replaceChildren(title, wrap);
  if (!tree.nodes.length) root.append(el('p', 'muted', 'No command relations recorded on this date.'));
}
