// What the map view exports (the Download buttons): the facts shown as CSV (one row a fact), as
// GeoJSON (RFC 7946: one feature a region, with its shape) and as Linked Places Format
// (GeoJSON-LD; each fact a relation with its own `when`, as the World Historical Gazetteer reads
// it); and the map itself as SVG and PNG with its legend, date, view, perspective, record time
// and a source line. The data functions are pure; mapSvg and svgToPng need a browser.
import { csvDocument } from './csv.js';
import { qualifierText } from './facts.js';

export const LPF_CONTEXT = 'https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld';

// The file name of an export: ordo-military-district-2024-03-01[-RU][-as-known-2024-02-25].csv
export function exportName(ctx, ext) {
  const parts = ['ordo', ctx.relation, ctx.date];
  if (ctx.perspective) parts.push(ctx.perspective);
  if (ctx.recorded) parts.push(`as-known-${ctx.recorded}`);
  return `${parts.join('-').replace(/[^A-Za-z0-9._-]+/g, '_')}.${ext}`;
}

// ctx: {relation, date, perspective ("" = every view), recorded ("" = now), nameOf(id),
// sources: Map id -> {title, url}, orderTitle(id)}. models: Map subject -> model (mapmodel.js).
// Returns the facts shown, one row each, in subject order.
export function exportRows(models, ctx) {
  const rows = [];
  for (const id of [...models.keys()].sort()) {
    const m = models.get(id);
    for (const f of m.facts) {
      rows.push({
        id,
        name: ctx.nameOf(id),
        relation: ctx.relation,
        date: ctx.date,
        object: f.object,
        object_name: ctx.nameOf(f.object),
        perspective: f.perspective || '',
        qualifiers: qualifierText(f.qualifiers),
        note: (f.qualifiers && typeof f.qualifiers.note === 'string') ? f.qualifiers.note : '',
        from: f.from || '',
        to: f.to || '',
        drawn: m.style,
        order: f.order || '',
        order_title: f.order ? ctx.orderTitle(f.order) : '',
        sources: f.sources || [],
      });
    }
  }
  return rows;
}

const sourceText = (ids, sources) => ids.map((s) => {
  const src = sources.get(s);
  return src && src.url ? `${src.title} <${src.url}>` : (src ? src.title : s);
}).join('; ');

export const CSV_COLUMNS = ['id', 'name', 'relation', 'date', 'object', 'object_name', 'perspective', 'qualifiers',
  'note', 'from', 'to', 'drawn', 'order', 'order_title', 'sources', 'view_perspective', 'recorded'];

export function rowsCsv(rows, ctx) {
  return csvDocument(CSV_COLUMNS, rows.map((r) => [r.id, r.name, r.relation, r.date, r.object, r.object_name,
    r.perspective, r.qualifiers, r.note, r.from, r.to, r.drawn, r.order, r.order_title, sourceText(r.sources, ctx.sources),
    ctx.perspective || '', ctx.recorded || '']));
}

// The rows of each subject, in order.
function bySubject(rows) {
  const out = new Map();
  for (const r of rows) {
    if (!out.has(r.id)) out.set(r.id, []);
    out.get(r.id).push(r);
  }
  return out;
}

// geometryOf(id): the shape's GeoJSON geometry, or null (a subject too small to draw: kept,
// without a shape). Properties are flat strings, as GIS tools read them best.
export function rowsGeoJson(rows, ctx, geometryOf) {
  const features = [];
  for (const [id, list] of bySubject(rows)) {
    const uniq = (xs) => [...new Set(xs.filter(Boolean))].join('; ');
    features.push({
      type: 'Feature',
      id,
      geometry: geometryOf(id),
      properties: {
        id,
        name: list[0].name,
        relation: ctx.relation,
        date: ctx.date,
        objects: uniq(list.map((r) => r.object)),
        object_names: uniq(list.map((r) => r.object_name)),
        perspectives: uniq(list.map((r) => r.perspective)),
        qualifiers: uniq(list.map((r) => r.qualifiers)),
        drawn: list[0].drawn,
        valid_from: uniq(list.map((r) => r.from)),
        valid_to: uniq(list.map((r) => r.to)),
        orders: uniq(list.map((r) => r.order)),
        sources: sourceText([...new Set(list.flatMap((r) => r.sources))], ctx.sources),
        view_perspective: ctx.perspective || '',
        recorded: ctx.recorded || '',
      },
    });
  }
  return { type: 'FeatureCollection', name: exportName(ctx, 'geojson').replace(/\.geojson$/, ''), features };
}

// Linked Places Format 1.1: a place per subject, its facts as relations to the units it belongs
// to, each with the fact's own timespan and its sources as citations. base: the server's origin,
// for the URIs of entities (its /api/entity/ID pages).
export function rowsLinkedPlaces(rows, ctx, geometryOf, base) {
  const uri = (id) => `${base}/api/entity/${encodeURIComponent(id)}`;
  const span = (from, to) => {
    const s = {};
    if (from) s.start = { in: from };
    if (to) s.end = { in: to };
    return s;
  };
  const features = [];
  for (const [id, list] of bySubject(rows)) {
    features.push({
      '@id': uri(id),
      type: 'Feature',
      properties: { title: list[0].name, ccodes: id.includes('-') ? [id.slice(0, id.indexOf('-'))] : [id] },
      when: { timespans: [span(ctx.date, '')], label: `as shown on ${ctx.date}` },
      names: [{ toponym: list[0].name, lang: 'en', citations: [{ label: 'ordo', '@id': uri(id) }] }],
      geometry: geometryOf(id),
      relations: list.map((r) => ({
        relationType: 'gvp:broaderPartitive',
        relationTo: uri(r.object),
        label: `${r.relation}: ${r.object_name}${r.perspective ? ` (${r.perspective}'s view)` : ''}${r.qualifiers ? ` (${r.qualifiers})` : ''}`,
        when: { timespans: [span(r.from, r.to)] },
        citations: r.sources.map((s) => {
          const src = ctx.sources.get(s);
          return src && src.url ? { label: src.title, '@id': src.url } : { label: src ? src.title : s };
        }),
      })),
    });
  }
  return { type: 'FeatureCollection', '@context': LPF_CONTEXT, features };
}

// The words over and under the exported map.
export function captionLines(ctx) {
  const head = [ctx.title, ctx.date];
  if (ctx.perspective) head.push(ctx.perspectiveText);
  head.push(ctx.recorded ? `as known on ${ctx.recorded}${ctx.vs ? ', marked where the record now differs' : ''}` : 'as recorded now');
  if (ctx.zoom) head.push(`zoom ${ctx.zoom}`);
  return {
    title: head.join(' \u00b7 '),
    source: `Source: ordo record, ${ctx.orders} order${ctx.orders === 1 ? '' : 's'} and ${ctx.sourceCount} source${ctx.sourceCount === 1 ? '' : 's'} behind the facts shown (each in the data downloads); `
      + 'shapes: Natural Earth (public domain)',
    link: ctx.permalink,
  };
}

const svgNs = 'http://www.w3.org/2000/svg';
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'stroke-linejoin'];

// The map as a standalone SVG document (a string): the shapes with their computed styles, a
// title line, the legend (rows: [{label, count, fill}]) and the source line.
export function mapSvg(svg, { title, source, link, legend }) {
  const { width, height } = svg.getBoundingClientRect();
  const top = 34;
  const bottom = 40;
  const clone = svg.cloneNode(true);
  const orig = svg.querySelectorAll('path, image');
  const copies = clone.querySelectorAll('path, image');
  orig.forEach((p, i) => {
    const cs = getComputedStyle(p);
    const style = STYLE_PROPS.map((k) => `${k}:${cs.getPropertyValue(k)}`).join(';');
    copies[i].setAttribute('style', `${style};vector-effect:non-scaling-stroke`);
    copies[i].removeAttribute('class');
  });
  const doc = document.createElementNS(svgNs, 'svg');
  doc.setAttribute('xmlns', svgNs);
  doc.setAttribute('width', String(Math.round(width)));
  doc.setAttribute('height', String(Math.round(height + top + bottom)));
  doc.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height + top + bottom)}`);
  doc.setAttribute('font-family', 'DejaVu Sans, Noto Sans, sans-serif');
  const bg = document.createElementNS(svgNs, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#ffffff');
  const text = (x, y, s, size, fill = '#1f2328', weight = '') => {
    const t = document.createElementNS(svgNs, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', String(size));
    t.setAttribute('fill', fill);
    if (weight) t.setAttribute('font-weight', weight);
    t.textContent = s;
    return t;
  };
  const map = document.createElementNS(svgNs, 'g');
  map.setAttribute('transform', `translate(0 ${top})`);
  const inner = document.createElementNS(svgNs, 'svg');
  inner.setAttribute('width', String(Math.round(width)));
  inner.setAttribute('height', String(Math.round(height)));
  inner.setAttribute('viewBox', clone.getAttribute('viewBox'));
  inner.append(...clone.childNodes);
  map.append(inner);
  doc.append(bg, map, text(12, 22, title, 15, '#1f2328', '600'), text(12, top + height + 16, source, 10.5, '#6b6f76'),
    text(12, top + height + 31, link, 10.5, '#1d4e89'));
  // The legend, bottom right over the map.
  const rowH = 18;
  const boxW = 300;
  const boxH = 10 + rowH * legend.length;
  const lg = document.createElementNS(svgNs, 'g');
  lg.setAttribute('transform', `translate(${Math.round(width - boxW - 12)} ${Math.round(top + height - boxH - 12)})`);
  const box = document.createElementNS(svgNs, 'rect');
  box.setAttribute('width', String(boxW));
  box.setAttribute('height', String(boxH));
  box.setAttribute('rx', '6');
  box.setAttribute('fill', 'rgba(255,255,255,0.94)');
  lg.append(box);
  legend.forEach((r, i) => {
    const sw = document.createElementNS(svgNs, 'rect');
    sw.setAttribute('x', '10');
    sw.setAttribute('y', String(8 + i * rowH));
    sw.setAttribute('width', '12');
    sw.setAttribute('height', '12');
    sw.setAttribute('rx', '2');
    sw.setAttribute('fill', r.fill);
    if (r.stroke) {
      sw.setAttribute('stroke', r.stroke);
      sw.setAttribute('stroke-width', '2');
    }
    lg.append(sw, text(30, 18 + i * rowH, r.label, 11.5), text(boxW - 10, 18 + i * rowH, String(r.count), 11.5, '#6b6f76'));
    lg.lastChild.setAttribute('text-anchor', 'end');
  });
  doc.append(lg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

// An SVG document drawn into a PNG at `scale` (2: sharp on a printed page), its size the
// document's own. Resolves to a Blob.
export function svgToPng(svgText, scale = 2) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      const g = canvas.getContext('2d');
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the map could not be drawn into a PNG'));
    };
    img.src = url;
  });
}
