// The map's tooltip: a region's name and what the record says of it for the view on the date.
import { el } from './dom.js';

export function createTooltip(tip, stage) {
  return {
    // lines: [text]; muted: lines shown quieter.
    show(title, lines, event) {
      tip.hidden = false;
      tip.replaceChildren(el('strong', '', title));
      for (const l of lines) tip.append(el('div', l.muted ? 'muted' : '', l.text));
      const r = stage.getBoundingClientRect();
      const x = Math.min(event.clientX - r.left + 14, r.width - tip.offsetWidth - 8);
      tip.style.left = `${x}px`;
      tip.style.top = `${event.clientY - r.top + 14}px`;
    },
    hide() {
      tip.hidden = true;
    },
  };
}
