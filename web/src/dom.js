// Small DOM helpers every panel uses: elements, links, and source chips (the title shown, the
// publisher and date on hover, each source once).
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function link(text, onClick, cls = 'link') {
  const a = el('a', cls, text);
  a.href = '#';
  a.addEventListener('click', (e) => {
    e.preventDefault();
    onClick();
  });
  return a;
}

// ids: source ids; sources: Map id -> source ({title, publisher, date, url}). Each id once, in
// the order given; at most `max` shown, the rest behind "+N more".
export function sourceChips(ids, sources, { max = 4 } = {}) {
  const wrap = el('span', 'sources');
  const unique = [...new Set(ids || [])];
  const chip = (id) => {
    const s = sources.get(id);
    const title = s ? s.title : id;
    const about = s ? [s.publisher, s.date].filter(Boolean).join(', ') : '';
    const c = s && s.url ? el('a', 'source', title) : el('span', 'source nolink', title);
    if (s && s.url) {
      c.href = s.url;
      c.target = '_blank';
      c.rel = 'noopener noreferrer';
    }
    c.title = about ? `${title} \u2014 ${about}` : title;
    c.dataset.source = id;
    return c;
  };
  unique.slice(0, max).forEach((id) => wrap.append(chip(id)));
  if (unique.length > max) {
    const more = el('button', 'source more', `+${unique.length - max} more`);
    more.addEventListener('click', () => {
      more.remove();
      unique.slice(max).forEach((id) => wrap.append(chip(id)));
    });
    wrap.append(more);
  }
  return wrap;
}

// A coloured dot (nothing when the colour is not known: the view was not drawn yet).
export function dot(colour) {
  if (!colour) return document.createTextNode('');
  const d = el('span', 'dot');
  d.style.background = colour;
  return d;
}

// Offers a Blob as a download named `name` (the browser's own save dialog or downloads bar).
export function saveBlob(blob, name) {
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
