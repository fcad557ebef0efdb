// The org chart of commands at a date (the subordinate-to relation), with APP-6 symbols
// drawn by milsymbol.
import ms from 'milsymbol';

// Letter-based SIDCs (MIL-STD-2525C / APP-6(B)): friendly, present; the echelon or HQ
// modifier by kind. Affiliation is a drawing convention here, not a judgement.
const SIDC = {
  authority: 'SFGPU-----AN---',          // headquarters, command
  'military-district': 'SFGPU-----AM---', // headquarters, region
  fleet: 'SFSPC------N---',              // sea surface combatant, command
  service: 'SFSP-----------',            // sea surface
};

function symbol(kind) {
  const sym = new ms.Symbol(SIDC[kind] || 'SFGPU----------', { size: 26, fill: true, frame: true });
  return sym.asSVG();
}

export function renderChart(root, tree, { onSelect }) {
  const byParent = new Map();
  for (const n of tree.nodes) {
    const p = n.parent || '';
    if (!byParent.has(p)) byParent.set(p, []);
    byParent.get(p).push(n);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const build = (parent) => {
    const ul = document.createElement('ul');
    for (const n of byParent.get(parent) || []) {
      const li = document.createElement('li');
      const card = document.createElement('button');
      card.className = 'unit';
      card.dataset.id = n.id;
      card.title = `${n.id} · ${n.kind}${n.fact ? ` · since ${n.fact.from || '…'} (${n.fact.order})` : ''}`;
      const icon = document.createElement('span');
      icon.className = 'unit-symbol';
      icon.innerHTML = symbol(n.kind);
      const text = document.createElement('span');
      text.className = 'unit-text';
      const name = document.createElement('span');
      name.className = 'unit-name';
      name.textContent = n.name;
      const ru = (n.names || []).find((x) => x.lang === 'ru');
      const sub = document.createElement('span');
      sub.className = 'unit-sub';
      sub.textContent = ru ? ru.text : n.id;
      text.append(name, sub);
      card.append(icon, text);
      card.addEventListener('click', () => onSelect(n.id));
      li.append(card);
      if (byParent.has(n.id)) li.append(build(n.id));
      ul.append(li);
    }
    return ul;
  };
  root.replaceChildren();
  const title = document.createElement('div');
  title.className = 'chart-title';
  title.textContent = `Chain of command on ${tree.at}${tree.perspective ? ` (${tree.perspective} view)` : ''}`;
  const wrap = document.createElement('div');
  wrap.className = 'tree';
  wrap.append(build(''));
  root.append(title, wrap);
  if (!tree.nodes.length) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = 'No command relations recorded on this date.';
    root.append(p);
  }
}
