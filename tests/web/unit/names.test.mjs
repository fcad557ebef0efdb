import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { createNames, disambiguate, kindLabel } = await import(src('names.js'));

test('one name shared by two ids is told apart', () => {
  const labels = disambiguate([
    { id: 'RU-MOW', name: 'Moscow', kind: 'federal-subject', other: ['Москва'] },
    { id: 'RU-MOS', name: 'Moscow', kind: 'federal-subject', other: ['Московская область'] },
    { id: 'UA-30', name: 'Kyiv', kind: 'city' },
    { id: 'UA-32', name: 'Kyiv', kind: 'ua-region' },
    { id: 'RU-MUR', name: 'Murmansk Oblast', kind: 'federal-subject' },
  ]);
  assert.equal(labels.get('RU-MOW'), 'Moscow (Москва)');
  assert.equal(labels.get('RU-MOS'), 'Moscow (Московская область)');
  assert.equal(labels.get('UA-30'), 'Kyiv (city)');
  assert.equal(labels.get('UA-32'), 'Kyiv (ua region)');
  assert.equal(labels.get('RU-MUR'), 'Murmansk Oblast');
  const twins = disambiguate([{ id: 'a', name: 'Same', kind: 'k' }, { id: 'b', name: 'Same', kind: 'k' }]);
  assert.notEqual(twins.get('a'), twins.get('b'));
  assert.equal(kindLabel('federal-subject'), 'federal subject');
});

test('the names of a view come in one request, kept per stretch between name changes', async () => {
  const calls = [];
  const api = async (path, params) => {
    calls.push([path, params]);
    const ids = params.ids.split(',');
    return {
      at: params.at,
      names: ids.filter((id) => id !== 'UN').map((id) => ({ id, kind: 'state', name: `${id}@${params.at}`, names: [{ lang: 'en', text: id }, { lang: 'ru', text: `ru-${id}` }] })),
      unknown: ids.filter((id) => id === 'UN'),
    };
  };
  const names = createNames(api);
  names.setChangeDates(['2019-02-12', '2024-03-01']);
  await names.load(['RU', 'UA', 'UN', 'RU'], '2024-02-20');
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], '/api/names');
  assert.deepEqual(calls[0][1], { ids: 'RU,UA,UN', at: '2019-02-12' });
  // Inside the stretch: nothing asked.
  await names.load(['RU', 'UA'], '2023-01-01');
  assert.equal(calls.length, 1);
  assert.ok(names.has(['RU', 'UA', 'UN'], '2020-05-05'));
  assert.equal(names.name('RU', '2020-05-05'), 'RU@2019-02-12');
  assert.equal(names.ru('RU', '2020-05-05'), 'ru-RU');
  assert.equal(names.name('UN', '2020-05-05'), 'UN', 'no name in the record: the id');
  assert.equal(names.kind('UN', '2020-05-05'), '');
  // Across a name change: one more request, the names of that date.
  await names.load(['RU', 'UA'], '2024-03-05');
  assert.equal(calls.length, 2);
  assert.equal(calls[1][1].at, '2024-03-01');
  assert.equal(names.name('RU', '2024-03-05'), 'RU@2024-03-01');
  // Many ids: one request per 300.
  await names.load(Array.from({ length: 650 }, (_, i) => `x${i}`), '1990-01-01');
  assert.equal(calls.length, 5);
});
