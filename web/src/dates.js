// Calendar days as numbers (days since 1970-01-01, UTC), for the slider.
const DAY = 86400000;
export const dayNumber = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const fromDayNumber = (n) => new Date(n * DAY).toISOString().slice(0, 10);
export const addDays = (iso, k) => fromDayNumber(dayNumber(iso) + k);
export const today = () => new Date().toISOString().slice(0, 10);
