import test from 'node:test';
import assert from 'node:assert/strict';
import { src } from './helpers.mjs';

const { factLine, noteText, perspectiveText, qualifierText, valueText } = await import(src('facts.js'));
const names = { RU: 'Russia', UA: 'Ukraine', UN: '' };
const nameOf = (id) => names[id];

test('qualifiers and perspectives in words', () => {
  assert.equal(qualifierText({ extent: 'partial' }), 'partial');
  assert.equal(qualifierText({ role: 'combat' }), 'role: combat');
  assert.equal(qualifierText({ deployed: 1710, stored: 2670 }), 'deployed: 1710 \u00b7 stored: 2670');
  assert.equal(qualifierText({}), '');
  assert.equal(perspectiveText('RU', nameOf), 'Russia\u2019s view');
  assert.equal(perspectiveText('UN', nameOf), 'UN\u2019s view');
  assert.equal(perspectiveText('', nameOf), '');
  assert.equal(valueText(true), 'yes');
});

test('a note is prose apart from the badges', () => {
  assert.equal(qualifierText({ extent: 'partial', note: 'as ISW reads it' }), 'partial');
  assert.equal(noteText({ extent: 'partial', note: 'as ISW reads it' }), 'as ISW reads it');
  assert.equal(noteText({ extent: 'partial' }), '');
  assert.equal(factLine({ object: 'RU', qualifiers: { note: 'long prose' } }, nameOf), 'Russia');
});

test('a fact keeps its extent and its perspective wherever it is shown', () => {
  assert.equal(factLine({ object: 'UA', qualifiers: { extent: 'partial' }, perspective: null }, nameOf), 'Ukraine (partial)');
  assert.equal(factLine({ object: 'RU', qualifiers: { extent: 'whole' }, perspective: 'RU' }, nameOf), 'Russia (whole; Russia\u2019s view)');
  assert.equal(factLine({ object: 'UA', qualifiers: {}, perspective: null }, nameOf), 'Ukraine');
});
