// The Read tab: paste a report, give its date, see the record's entities it names highlighted
// (POST /api/read, docs/read.md); a click on a mention opens the entity on the map at the
// text's date. Ambiguous mentions are marked as such and list their candidates.
import { el } from '../dom.js';

// The text cut at the mentions: [{text, mention}] where mention is the index into mentions or
// -1. Offsets are in code points, as the API gives them (a JavaScript string counts UTF-16
// units, so astral characters would shift them otherwise).
export function splitText(text, mentions) {
  const cps = Array.from(text);
  const out = [];
  let at = 0;
  mentions.forEach((m, i) => {
    if (m.start < at || m.end > cps.length || m.start >= m.end) return;
    if (m.start > at) out.push({ text: cps.slice(at, m.start).join(''), mention: -1 });
    out.push({ text: cps.slice(m.start, m.end).join(''), mention: i });
    at = m.end;
  });
  if (at < cps.length) out.push({ text: cps.slice(at).join(''), mention: -1 });
  return out;
}

// "Western Military District (military-district)" or the candidates of an ambiguous mention.
export function mentionTitle(m) {
  if (m.ambiguous) return `ambiguous: ${m.candidates.map((c) => `${c.entity} (${c.kind})`).join(', ')}`;
  const c = m.candidates[0] || {};
  return `${m.entity} (${m.kind}): ${c.name || ''}${m.note ? ` \u2014 ${m.note}` : ''}`;
}

// ctx: {date(): the UI's date, read(text, date) → Promise<answer>, onOpen(entity, date), onOrder(id)}.
export function renderRead(panel, ctx) {
  panel.replaceChildren(el('div', 'kicker', 'Read a text against the record'));
  const form = el('form', 'read-form');
  const area = el('textarea', 'read-text');
  area.id = 'read-text';
  area.rows = 8;
  area.placeholder = 'Paste a news report or a statement (English, Russian or Ukrainian)';
  const dateLabel = el('label', 'read-date', 'Its date ');
  const date = el('input');
  date.id = 'read-date';
  date.value = ctx.date();
  date.placeholder = 'YYYY-MM-DD';
  date.maxLength = 10;
  dateLabel.append(date);
  const go = el('button', 'read-go', 'Read');
  go.type = 'submit';
  form.append(area, dateLabel, go);
  const out = el('div', 'read-out');
  out.id = 'read-out';
  panel.append(form, out);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = area.value;
    const day = date.value.trim();
    out.replaceChildren(el('div', 'muted', 'Reading\u2026'));
    let answer;
    try {
      answer = await ctx.read(text, day);
    } catch (err) {
      out.replaceChildren(el('div', 'error read-error', err.message), ...(err.notes || []).map((n) => el('div', 'muted', n)));
      return;
    }
    showAnswer(out, text, answer, ctx);
  });
}

function showAnswer(out, text, a, ctx) {
  out.replaceChildren();
  const linked = a.mentions.filter((m) => !m.ambiguous).length;
  out.append(el('div', 'muted read-summary',
    `${a.words} words read as ${a.lang} on ${a.date}: ${linked} mention${linked === 1 ? '' : 's'} linked, ` +
    `${a.mentions.length - linked} ambiguous, ${a.entities.length} entit${a.entities.length === 1 ? 'y' : 'ies'}`));
  for (const w of a.warnings) out.append(el('div', 'note read-warning', w));
  const body = el('div', 'read-body');
  for (const part of splitText(text, a.mentions)) {
    if (part.mention < 0) {
      body.append(document.createTextNode(part.text));
      continue;
    }
    const m = a.mentions[part.mention];
    const mark = el('mark', m.ambiguous ? 'mention ambiguous' : m.note ? 'mention other-date' : 'mention', part.text);
    mark.dataset.mention = String(part.mention);
    if (m.entity) mark.dataset.entity = m.entity;
    mark.title = mentionTitle(m);
    if (m.entity) {
      mark.tabIndex = 0;
      mark.addEventListener('click', () => ctx.onOpen(m.entity, a.date));
      mark.addEventListener('keydown', (e) => { if (e.key === 'Enter') ctx.onOpen(m.entity, a.date); });
    }
    body.append(mark);
  }
  out.append(body);
  const list = el('ol', 'read-mentions');
  a.mentions.forEach((m) => {
    const li = el('li', m.ambiguous ? 'ambiguous' : '');
    li.append(el('span', 'read-quote', `\u201c${m.text}\u201d `), el('span', '', mentionTitle(m)));
    li.append(el('div', 'muted', `${m.reason}${m.ambiguous ? '' : `; confidence ${m.confidence}`}`));
    list.append(li);
  });
  out.append(list);
  // The orders of the window around the text's date, per entity: what changed around it.
  const touched = a.entities.filter((e) => e.orders.length);
  if (touched.length) {
    out.append(el('div', 'kicker', `Orders within ${a.window_days} days of ${a.date}`));
    const orders = el('ul', 'read-orders');
    for (const e of touched) {
      const li = el('li', '');
      li.append(el('span', 'read-entity', `${e.name || e.id}: `));
      e.orders.forEach((o, i) => {
        const b = el('button', 'linkish read-order', `${o.effective} ${o.title}`);
        b.type = 'button';
        b.dataset.order = o.id;
        b.addEventListener('click', () => ctx.onOrder && ctx.onOrder(o.id));
        if (i) li.append(document.createTextNode('; '));
        li.append(b);
      });
      orders.append(li);
    }
    out.append(orders);
  }
  if (a.speech.length) {
    out.append(el('div', 'kicker', 'Quoted'));
    for (const s of a.speech) {
      out.append(el('blockquote', 'alert-quote', s.quote),
        el('div', 'muted', `\u2014 ${s.speaker || 'no person of the record named near it'}; ${s.statements.length ? `recorded as ${s.statements.join(', ')}` : s.note}`));
    }
  }
}
