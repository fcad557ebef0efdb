import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { addDays, dayNumber, edtfStart, fromDayNumber, isIsoDay, parseDayInput, stretchDay, stretchOf } = await import(src('dates.js'));

test('day numbers round-trip and cross month and leap-year ends', () => {
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(fromDayNumber(dayNumber('2024-02-29')), '2024-02-29');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2023-02-28', 1), '2023-03-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('1999-12-31', 1), '2000-01-01');
});

test('only real calendar days written YYYY-MM-DD are ISO days', () => {
  assert.ok(isIsoDay('2024-02-29'));
  assert.ok(!isIsoDay('2023-02-29'));
  assert.ok(!isIsoDay('03/01/2024'));
  assert.ok(!isIsoDay('2024-3-1'));
  assert.ok(!isIsoDay('2024-13-01'));
  assert.ok(!isIsoDay(''));
});

test('the date box takes ISO days only, whatever a locale would write', () => {
  assert.deepEqual(parseDayInput(' 2024-03-01 '), { date: '2024-03-01' });
  assert.deepEqual(parseDayInput('2024-3-1'), { date: '2024-03-01' });
  assert.match(parseDayInput('03/01/2024').error, /YYYY-MM-DD/);
  assert.match(parseDayInput('01.03.2024').error, /YYYY-MM-DD/);
  assert.match(parseDayInput('2024-02-30').error, /not a day of the calendar/);
});

test('an EDTF date is placed at the first day of its period', () => {
  assert.equal(edtfStart('2024-03-01'), '2024-03-01');
  assert.equal(edtfStart('2014-04~'), '2014-04-01');
  assert.equal(edtfStart('2014-03?'), '2014-03-01');
  assert.equal(edtfStart('2024-02-27?'), '2024-02-27');
  assert.equal(edtfStart('2007'), '2007-01-01');
  assert.equal(edtfStart('199X'), '1990-01-01');
  assert.equal(edtfStart('2001-21'), '2001-03-01');
  assert.equal(edtfStart('2004-XX'), '2004-01-01');
  assert.equal(edtfStart('2004-06/2006-08'), '2004-06-01');
  assert.equal(edtfStart('not a date'), '');
  assert.equal(edtfStart(''), '');
});

test('stretches between change dates', () => {
  const dates = ['2010-12-01', '2021-01-01', '2024-03-01'];
  const days = dates.map(dayNumber);
  assert.equal(stretchOf(days, dayNumber('2000-01-01')), 0);
  assert.equal(stretchOf(days, dayNumber('2010-12-01')), 1);
  assert.equal(stretchOf(days, dayNumber('2024-02-29')), 2);
  assert.equal(stretchOf(days, dayNumber('2024-03-01')), 3);
  assert.equal(stretchDay(dates, 0), '2010-11-30');
  assert.equal(stretchDay(dates, 3), '2024-03-01');
});
