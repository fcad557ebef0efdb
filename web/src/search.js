// The search box: entities by id, name or alias in any language (GET /api/search); picking
// one selects it.
import { el } from './dom.js';
import { kindLabel } from './names.js';

// on: {pick(match)}.
export function createSearch(input, results, api, on) {
  let timer = 0;
  let seq = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (!q) {
        results.hidden = true;
        return;
      }
      const mine = ++seq;
      let found = [];
      try {
        found = await api('/api/search', { q, limit: 8 });
      } catch {
        found = [];
      }
      if (mine !== seq) return;
      results.replaceChildren();
      for (const m of found) {
        const li = el('li', 'search-item');
        li.dataset.id = m.id;
        li.append(el('span', 'search-name', m.name), el('span', 'search-meta', [kindLabel(m.kind), m.lang && m.lang !== 'en' ? m.lang : ''].filter(Boolean).join(' \u00b7 ')));
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          results.hidden = true;
          input.value = m.name;
          on.pick(m);
        });
        results.append(li);
      }
      if (!found.length) results.append(el('li', 'search-none', 'No match'));
      results.hidden = false;
    }, 120);
  });
  input.addEventListener('blur', () => setTimeout(() => { results.hidden = true; }, 150));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      const first = results.querySelector('.search-item');
      if (first) first.dispatchEvent(new MouseEvent('mousedown'));
    }
    if (e.key === 'Escape') results.hidden = true;
  });
}
