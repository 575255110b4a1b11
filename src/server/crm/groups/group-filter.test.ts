import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../errors.ts';
import { compileFilter, type FilterGroup } from './group-filter.ts';

const fieldOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, 'a validation error, not a crash');
    return err.details?.field;
  }
  assert.fail('expected the filter to be rejected');
};

test('an unknown field is rejected naming its path in the filter', () => {
  const filter: FilterGroup = {
    logic: 'and',
    conditions: [
      { field: 'fullName', op: 'contains', value: 'a' },
      { logic: 'or', conditions: [{ field: 'password', op: 'eq', value: 'x' }] },
    ],
  };
  assert.equal(
    fieldOf(() => compileFilter('contact', filter, 'u1')),
    'filter.conditions.1.conditions.0.field',
  );
});

test('text-only operators are refused on non-text fields, naming the operator', () => {
  const filter: FilterGroup = { logic: 'and', conditions: [{ field: 'birthday', op: 'contains', value: '1990' }] };
  assert.equal(
    fieldOf(() => compileFilter('contact', filter, 'u1')),
    'filter.conditions.0.op',
  );
});

test('enum values are checked against the field’s values', () => {
  const filter: FilterGroup = { logic: 'and', conditions: [{ field: 'status', op: 'eq', value: 'done' }] };
  assert.equal(
    fieldOf(() => compileFilter('activity', filter, 'u1')),
    'filter.conditions.0.value',
  );
});

test('a value is required except for empty / notEmpty', () => {
  assert.equal(
    fieldOf(() => compileFilter('contact', { logic: 'and', conditions: [{ field: 'surname', op: 'eq' }] }, 'u1')),
    'filter.conditions.0.value',
  );
  assert.doesNotThrow(() =>
    compileFilter('contact', { logic: 'and', conditions: [{ field: 'surname', op: 'empty' }] }, 'u1'),
  );
});

test('nesting deeper than five levels is refused', () => {
  let filter: FilterGroup = { logic: 'and', conditions: [{ field: 'surname', op: 'notEmpty' }] };
  for (let i = 0; i < 5; i++) filter = { logic: 'or', conditions: [filter] };
  assert.match(String(fieldOf(() => compileFilter('contact', filter, 'u1'))), /^filter(\.conditions\.0)+$/);
});

test('dates must be real calendar dates', () => {
  const filter: FilterGroup = { logic: 'and', conditions: [{ field: 'birthday', op: 'gt', value: '2023-02-30' }] };
  assert.equal(
    fieldOf(() => compileFilter('contact', filter, 'u1')),
    'filter.conditions.0.value',
  );
});
