// The panel of one statement: the speaker and the office held that day, the kind, the words
// with their source, the condition and what it means, hedges, links both ways, the reporting
// chain step by step, and the orders that recorded it.
import { el, link } from '../dom.js';

function sourceLink(src, fallback) {
  if (!src) return el('span', 'source nolink', fallback);
  const about = [src.publisher, src.date].filter(Boolean).join(', ');
  const a = src.url ? el('a', 'source', src.title) : el('span', 'source nolink', src.title);
  if (src.url) {
    a.href = src.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  a.title = about ? `${src.title} \u2014 ${about}` : src.title;
  return a;
}

// ctx: {statements: Map id -> statement, orderLink(id), onStatement(id)}.
export function renderStatement(panel, st, ctx) {
  const head = el('div', 'entity-head');
  head.append(el('div', 'kicker', `Statement${st.kind ? ` \u00b7 ${st.kind}` : ''}`));
  head.append(el('h2', '', st.name || st.id));
  head.append(el('div', 'meta', [st.date, st.time, st.venue].filter(Boolean).join(' \u00b7 ')));

  const facts = el('dl', 'facts');
  const row = (label, ...content) => {
    const dd = el('dd');
    dd.append(...content);
    facts.append(el('dt', '', label), dd);
  };
  if (st.speaker) {
    row('speaker', st.speaker_name || st.speaker);
    const offices = (st.offices || []).map((o) => o.name || o.id).join('; ');
    row('office that day', offices || el('span', 'muted', 'not recorded'));
  }
  if (st.kind) row('kind', el('span', 'stmt-kind', st.kind));
  if (st.condition) {
    const c = el('span', '', `\u201c${st.condition}\u201d`);
    row('condition', c, ...(st.condition_meaning ? [el('div', 'note', `meaning: ${st.condition_meaning}`)] : []));
  }
  if (st.hedges && st.hedges.length) row('hedges', ...st.hedges.map((h) => el('div', '', `\u201c${h}\u201d`)));
  if (st.gist) row('gist', el('span', 'muted', st.gist));
  if (st.about && st.about.length) row('about', st.about.map((a) => a.name || a.id).join(', '));

  const sources = new Map((st.sources || []).map((x) => [x.id, x]));
  const words = el('section');
  words.append(el('h3', '', 'Words'));
  if (st.quote) {
    words.append(el('blockquote', 'stmt-said', st.quote));
    if (st.quote_source) {
      const by = el('div', 'sources');
      by.append(sourceLink(sources.get(st.quote_source), st.quote_source));
      words.append(by);
    }
  }
  for (const more of st.also || []) words.append(el('blockquote', '', more));

  const links = el('section', 'stmt-links');
  if (st.links && st.links.length) {
    links.append(el('h3', '', 'Links'));
    for (const l of st.links) {
      const d = el('div', 'stmt-link');
      d.dataset.direction = l.direction;
      d.append(el('span', 'muted', `${l.label} `));
      d.append(ctx.statements.has(l.id) ? link(l.name || l.id, () => ctx.onStatement(l.id)) : el('span', '', l.name || l.id));
      links.append(d);
    }
  }

  const chain = el('section', 'stmt-reporting');
  if (st.reporting && st.reporting.length) {
    chain.append(el('h3', '', 'How it reached the record'));
    const byId = new Map(st.reporting.map((r) => [r.id, r]));
    const ol = el('ol', 'stmt-chain');
    for (const r of st.reporting) {
      const li = el('li');
      li.dataset.step = String(r.step);
      li.append(el('div', '', `${r.publisher || r.name || r.id}${r.medium ? ` (${r.medium})` : ''}`));
      const via = byId.get(r.via);
      li.append(el('div', 'muted', r.via ? `relaying ${via ? via.publisher || via.name : r.via}` : 'first report'));
      const src = el('div', 'sources');
      src.append(sourceLink(sources.get(r.source), r.source || ''));
      li.append(src);
      ol.append(li);
    }
    chain.append(ol);
  }
  const notes = el('section');
  for (const n of st.notes || []) notes.append(el('p', 'note', n));
  const rec = el('div', 'muted recorded-by');
  rec.append('recorded by ', ...(st.orders || []).map((o) => ctx.orderLink(o)));
  panel.replaceChildren(head, facts, words, links, chain, notes, rec);
}
