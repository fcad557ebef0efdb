// How a fact reads: its qualifiers and perspective in words, wherever the fact is shown
// (panels, the order view, the tooltip). Pure functions.

// {extent: 'partial'} -> "partial"; {role: 'combat'} -> "role: combat"; several joined by " · ".
// extent is said by its value alone, every other qualifier as "key: value".
export function qualifierText(qualifiers) {
  const parts = [];
  for (const [k, v] of Object.entries(qualifiers || {})) {
    const value = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    parts.push(k === 'extent' ? value : `${k}: ${value}`);
  }
  return parts.join(' · ');
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
