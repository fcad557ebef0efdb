import test from 'node:test';
import assert from 'node:assert/strict';
import { fixture, src } from './helpers.mjs';

const { perspectivesFor, relationsFor, viewsFromSchema } = await import(src('schema.js'));
const schema = fixture('schema.json');

test('views come from the schema: maps of territories, a chart of the acyclic relation', () => {
  const views = viewsFromSchema(schema);
  assert.deepEqual(views.map((v) => [v.id, v.mode]), [
    ['military-district', 'regions'], ['federal-district', 'regions'], ['member-of', 'world'], ['part-of', 'regions'],
    ['controlled-by', 'regions'], ['subordinate-to', 'chart'], ['deployed-to', 'world'],
  ]);
  assert.equal(views.find((v) => v.id === 'part-of').label, 'Sovereignty');
  assert.ok(views.find((v) => v.id === 'part-of').exclusive);
  assert.ok(!views.find((v) => v.id === 'controlled-by').exclusive);
  assert.match(views.find((v) => v.id === 'controlled-by').note, /extent/);
  // A relation without facts in the branch is not offered.
  assert.ok(!viewsFromSchema(schema, new Map([['deployed-to', 0]])).some((v) => v.id === 'deployed-to'));
  // A relation the UI has no word for is named from its id.
  const more = { ...schema, relations: [...schema.relations, { name: 'garrisoned-in', subject_kinds: ['state'], object_kinds: ['territory'] }] };
  assert.equal(viewsFromSchema(more).pop().label, 'Garrisoned in');
});

test('perspectives are those the view\u2019s facts use, in the schema\u2019s order when it lists them', () => {
  assert.deepEqual(perspectivesFor(schema, []), ['']);
  assert.deepEqual(perspectivesFor(schema, ['UN', 'RU', 'UA']), ['', 'RU', 'UA', 'UN']);
  assert.deepEqual(perspectivesFor({ ...schema, perspectives: [{ id: 'UN' }, { id: 'UA' }, { id: 'RU' }] }, ['RU', 'UA', 'UN']), ['', 'UN', 'UA', 'RU']);
});

test('the relations an entity\u2019s kind can have', () => {
  const rels = relationsFor(schema, 'ua-region').map((r) => r.name);
  assert.deepEqual(rels, ['military-district', 'federal-district', 'part-of', 'controlled-by']);
  assert.ok(relationsFor(schema, 'state').some((r) => r.name === 'member-of'));
});
