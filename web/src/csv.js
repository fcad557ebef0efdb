// CSV as ordo writes it (docs/cli.md): RFC 4180, CRLF line ends, UTF-8 with a byte order mark so
// that Cyrillic opens in a spreadsheet as is. Pure functions.

// A field quoted when it holds a comma, a quote or a line break; quotes doubled.
export function csvField(value) {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvDocument(header, rows) {
  const line = (fields) => `${fields.map(csvField).join(',')}\r\n`;
  return `\ufeff${line(header)}${rows.map(line).join('')}`;
}

// GET /api/changes' answer as the same columns as `ordo changes --format csv`.
export function changesCsv(log) {
  const side = (facts, key) => (facts || []).map((f) => (f.object !== undefined && f.object !== null ? f[key] ?? '' : (key === 'object' ? f.value ?? '' : ''))).join('; ');
  return csvDocument(
    ['date', 'id', 'name', 'perspective', 'before', 'before_name', 'after', 'after_name', 'order', 'sources'],
    (log.changes || []).map((c) => [c.date, c.id, c.name || '', c.perspective || '', side(c.before, 'object'),
      side(c.before, 'name'), side(c.after, 'object'), side(c.after, 'name'), c.order || '', (c.sources || []).join('; ')]),
  );
}
