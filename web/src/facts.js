// How a fact reads: its qualifiers and perspective in words, wherever the fact is shown
// (panels, the order view, the tooltip). Pure functions.

// {extent: 'partial'} -> "partial"; {role: 'combat'} -> "role: combat"; several joined by " · ".
// extent is said by its value alone, every other qualifier as "key: value". A note is prose, shown
// apart (noteText), never as a badge.
export function qualifierText(qualifiers) {
  const parts = [];
  for (const [k, v] of Object.entries(qualifiers || {})) {
    if (k === 'note') continue;
    const value = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    parts.push(k === 'extent' ? value : `${k}: ${value}`);
  }
  return parts.join(' · ');
}

// The note the record keeps with a fact ("" when none).
export function noteText(qualifiers) {
  const n = qualifiers && qualifiers.note;
  return typeof n === 'string' ? n : '';
}

// The perspective of a fact in words: "Russia's view"; "" for an undisputed fact.
export function perspectiveText(perspective, nameOf = (x) => x) {
  if (!perspective) return '';
  const n = nameOf(perspective) || perspective;
  return `${n}\u2019s view`.replace(/s\u2019s view$/, 's\u2019 view');
}

// An attribute value in words.
export function valueText(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// One fact in a line: "Russia (partial)", "Russia (whole; Russia's view)".
export function factLine(fact, nameOf = (x) => x) {
  const what = fact.object !== undefined && fact.object !== null ? nameOf(fact.object) || fact.object : valueText(fact.value);
  const extra = [qualifierText(fact.qualifiers), perspectiveText(fact.perspective, nameOf)].filter(Boolean).join('; ');
  return extra ? `${what} (${extra})` : what;
}
