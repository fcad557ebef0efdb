import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { csvField, csvDocument, changesCsv } = await import(src('csv.js'));

test('fields are quoted as RFC 4180 says, and only then', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(5), '5');
});

test('a document has a byte order mark and CRLF line ends', () => {
  assert.equal(csvDocument(['id', 'name'], [['RU-MUR', 'Мурманская область']]), '\ufeffid,name\r\nRU-MUR,Мурманская область\r\n');
});

test('a change log has the columns of ordo changes --format csv', () => {
  const log = {
    relation: 'military-district',
    changes: [{
      date: '2024-03-01', id: 'RU-MUR', name: 'Murmansk Oblast', perspective: null,
      before: [{ object: 'northern-fleet', name: 'Northern Fleet' }],
      after: [{ object: 'leningrad-md', name: 'Leningrad Military District' }],
      order: 'ru-decree-141-2024', sources: ['decree-141-2024', 'isw-2024-02-26'],
    }, {
      date: '2024-03-01', id: 'UA-09', name: 'Luhansk Oblast', perspective: null, before: [],
      after: [{ object: 'southern-md', name: 'Southern Military District' }], order: 'ru-decree-141-2024', sources: [],
    }],
  };
  assert.equal(changesCsv(log),
    '\ufeffdate,id,name,perspective,before,before_name,after,after_name,order,sources\r\n'
    + '2024-03-01,RU-MUR,Murmansk Oblast,,northern-fleet,Northern Fleet,leningrad-md,Leningrad Military District,ru-decree-141-2024,decree-141-2024; isw-2024-02-26\r\n'
    + '2024-03-01,UA-09,Luhansk Oblast,,,,southern-md,Southern Military District,ru-decree-141-2024,\r\n');
});
