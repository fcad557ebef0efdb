// Dates as the UI shows and moves them: ISO 8601 calendar days (YYYY-MM-DD) whatever the
// browser's locale, day numbers for the slider, and the first day of an EDTF date's period
// for placing it on the timeline. Pure functions.
const DAY = 86400000;

// Days since 1970-01-01 (UTC) of an ISO day.
export const dayNumber = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const fromDayNumber = (n) => new Date(n * DAY).toISOString().slice(0, 10);
export const addDays = (iso, k) => fromDayNumber(dayNumber(iso) + k);
export const today = () => new Date().toISOString().slice(0, 10);

const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

// Whether text is a real calendar day written YYYY-MM-DD.
export function isIsoDay(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

// What a person typed in the date box -> {date} or {error}. Accepts YYYY-MM-DD only (one-digit
// months and days are padded), so that no locale can make 03/01 mean two different days.
export function parseDayInput(text) {
  const t = (text || '').trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (!m) return { error: `'${t}' is not a date: write it YYYY-MM-DD, e.g. 2024-03-01` };
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  if (!isIsoDay(iso)) return { error: `${iso} is not a day of the calendar` };
  return { date: iso };
}

// The first day of an EDTF date's period: "2014-04~" -> "2014-04-01", "2014-03?" ->
// "2014-03-01", "2007" -> "2007-01-01", "199X" -> "1990-01-01", "2001-21" (spring) ->
// "2001-03-01", "2024-02-27?" -> "2024-02-27". "" when it is not a date.
export function edtfStart(text) {
  const t = (text || '').replace(/[~?%]/g, '').split('/')[0];
  const m = /^(\d{2})(\d|X)(\d|X)(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?$/.exec(t);
  if (!m) return '';
  const year = `${m[1]}${m[2] === 'X' ? '0' : m[2]}${m[3] === 'X' ? '0' : m[3]}`;
  let month = !m[4] || m[4] === 'XX' ? '01' : m[4];
  const seasons = { 21: '03', 22: '06', 23: '09', 24: '12' };
  if (seasons[month]) month = seasons[month];
  if (Number(month) < 1 || Number(month) > 12) return '';
  const day = !m[5] || m[5] === 'XX' ? '01' : m[5];
  const iso = `${year}-${month}-${day}`;
  return isIsoDay(iso) ? iso : '';
}

// The index of the stretch holding day d among sorted change days: the number of change
// days <= d. Stretch i runs from days[i - 1] (inclusive) to days[i] (exclusive).
export function stretchOf(days, d) {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// A day inside stretch i of the change dates (ISO days, sorted): its first day, or the day
// before the first change for the stretch before them all.
export function stretchDay(dates, i) {
  if (!dates.length) return today();
  return i === 0 ? addDays(dates[0], -1) : dates[i - 1];
}
