// The org chart of commands on a date (an acyclic relation, GET /api/tree), each unit with an
// APP-6 symbol drawn by milsymbol. milsymbol is large, so it is loaded only when a chart is
// drawn (symbols.js, a chunk of its own).
import { el } from './dom.js';
import { kindLabel } from './names.js';

let symbols = null;
const loadSymbols = () => (symbols ||= import('./symbols.js'));

// "HQ Saint Petersburg · Alexander Lapin (acting)": the node's headquarters and commanders.
export function unitDetails(n) {
  const parts = [];
  if (n.headquarters) parts.push(`HQ ${n.headquarters.name || n.headquarters.id}`);
  for (const c of n.commanders || []) parts.push(`${c.name || c.id}${c.acting ? ' (acting)' : ''}`);
  return parts.join(' \u00b7 ');
}

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
      const ru = (n.names || []).find((x) => x.lang === 'ru');
      card.title = [n.name, ru && ru.text, kindLabel(n.kind),
        n.fact ? `since ${n.fact.from || '\u2026'} (${orderTitle(n.fact.order)})` : ''].filter(Boolean).join(' \u00b7 ');
      const icon = el('span', 'unit-symbol');
      icon.innerHTML = symbolSvg(n.kind, n.sidc);
      if (n.sidc) icon.dataset.sidc = n.sidc;
      const text = el('span', 'unit-text');
      text.append(el('span', 'unit-name', n.name || n.id));
      // Where its headquarters stands and who commands it on the date, as the record holds them.
      const details = unitDetails(n);
      text.append(el('span', 'unit-sub', details || (ru ? ru.text : kindLabel(n.kind))));
      card.append(icon, text);
      card.addEventListener('click', () => onSelect(n.id));
      const children = byParent.get(n.id) || [];
      if (children.length) {
        // Collapsible: the toggle says how many units are beneath.
        const toggle = el('button', 'unit-toggle', '\u25be');
        toggle.setAttribute('aria-expanded', 'true');
        toggle.title = `Hide the ${children.length} unit${children.length === 1 ? '' : 's'} beneath`;
        toggle.addEventListener('click', () => {
          const open = li.classList.toggle('collapsed') === false;
          toggle.setAttribute('aria-expanded', String(open));
          toggle.textContent = open ? '\u25be' : '\u25b8';
          toggle.title = `${open ? 'Hide' : 'Show'} the ${children.length} unit${children.length === 1 ? '' : 's'} beneath`;
        });
        li.append(toggle);
      }
      li.append(card);
      if (children.length) li.append(build(n.id));
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
