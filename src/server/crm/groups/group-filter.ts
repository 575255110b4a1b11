import { type Expression, type SqlBool, sql } from 'kysely';
import type { GroupObject } from '../../db/schema.ts';
import { invalid } from '../../errors.ts';
import { assertDate, toUtcIso } from '../common/validators.ts';
import { FILTER_FIELDS, type FilterField, GROUP_TABLE } from './filter-fields.ts';

/** A dynamic group's saved filter (stored as JSON). */
export type FilterOp = 'eq' | 'neq' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'empty' | 'notEmpty';
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: string | number | boolean | null;
}
export interface FilterGroup {
  logic: 'and' | 'or';
  conditions: (FilterCondition | FilterGroup)[];
}

const MAX_DEPTH = 5;
const MAX_CONDITIONS = 100;
/** In a filter value, `@me` stands for the user evaluating the group ("my contacts"). */
export const ME = '@me';

const isGroup = (c: FilterCondition | FilterGroup): c is FilterGroup => 'logic' in c;

/** JSON schema of a filter (recursive through $ref). */
export const filterSchema = {
  $id: 'tandem-group-filter',
  type: 'object',
  additionalProperties: false,
  required: ['logic', 'conditions'],
  properties: {
    logic: { type: 'string', enum: ['and', 'or'] },
    conditions: {
      type: 'array',
      maxItems: MAX_CONDITIONS,
      items: {
        anyOf: [
          { $ref: 'tandem-group-filter#' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['field', 'op'],
            properties: {
              field: { type: 'string', maxLength: 64 },
              op: {
                type: 'string',
                enum: ['eq', 'neq', 'contains', 'startsWith', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
              },
              value: { type: ['string', 'number', 'boolean', 'null'] },
            },
          },
        ],
      },
    },
  },
} as const;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Normalises a condition's value for its field type; errors name the condition's path. */
function normaliseValue(field: FilterField, c: FilterCondition, path: string, actorId: string): string | number {
  const v = c.value;
  if (v === undefined || v === null || v === '')
    throw invalid(`${path}.value`, 'is required for this operator', 'required');
  switch (field.type) {
    case 'boolean':
      if (typeof v !== 'boolean') throw invalid(`${path}.value`, 'must be true or false');
      return v ? 1 : 0;
    case 'date':
      assertDate(`${path}.value`, String(v));
      return String(v);
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? `${v}T00:00:00.000Z` : toUtcIso(`${path}.value`, String(v));
    case 'enum':
      if (field.values && !field.values.includes(String(v))) {
        throw invalid(`${path}.value`, `must be one of ${field.values.join(', ')}`, 'oneOf', { values: field.values });
      }
      return String(v);
    case 'user':
      return v === ME ? actorId : String(v);
    default:
      return String(v);
  }
}

function compare(target: Expression<unknown>, field: FilterField, c: FilterCondition, value: string | number) {
  const text = field.type === 'string';
  // Text comparisons ignore case; SQLite's lower() is replaced by a Unicode-aware one (db/database.ts).
  const lhs = text ? sql`lower(${target})` : target;
  const rhs = text ? String(value).toLowerCase() : value;
  switch (c.op) {
    case 'eq':
      return sql<SqlBool>`${lhs} = ${rhs}`;
    case 'neq':
      return sql<SqlBool>`(${lhs} is null or ${lhs} <> ${rhs})`;
    case 'contains':
      return sql<SqlBool>`${lhs} like ${`%${escapeLike(String(rhs))}%`} escape '\\'`;
    case 'startsWith':
      return sql<SqlBool>`${lhs} like ${`${escapeLike(String(rhs))}%`} escape '\\'`;
    case 'gt':
      return sql<SqlBool>`${lhs} > ${rhs}`;
    case 'gte':
      return sql<SqlBool>`${lhs} >= ${rhs}`;
    case 'lt':
      return sql<SqlBool>`${lhs} < ${rhs}`;
    default:
      return sql<SqlBool>`${lhs} <= ${rhs}`;
  }
}

function compileCondition(object: GroupObject, c: FilterCondition, path: string, actorId: string): Expression<SqlBool> {
  const field = FILTER_FIELDS[object].find((f) => f.name === c.field);
  if (!field) {
    throw invalid(
      `${path}.field`,
      `"${c.field}" is not a filterable field (${FILTER_FIELDS[object].map((f) => f.name).join(', ')})`,
    );
  }
  const textOnly = c.op === 'contains' || c.op === 'startsWith';
  if (textOnly && field.type !== 'string') throw invalid(`${path}.op`, `${c.op} applies to text fields only`);
  const ordering = ['gt', 'gte', 'lt', 'lte'].includes(c.op);
  if (ordering && !['date', 'datetime', 'string'].includes(field.type)) {
    throw invalid(`${path}.op`, `${c.op} applies to text and date fields only`);
  }
  if (field.child) {
    const { table, column, kind } = field.child;
    const owner = sql.ref(`${GROUP_TABLE[object]}.id`);
    const kindClause = kind ? sql`and ch.kind = ${kind}` : sql``;
    const target = sql.ref(`ch.${column}`);
    if (c.op === 'empty' || c.op === 'notEmpty') {
      const exists = sql<SqlBool>`exists (select 1 from ${sql.table(table)} ch where ch.record_id = ${owner} ${kindClause}
        and ${target} is not null and ${target} <> '')`;
      return c.op === 'notEmpty' ? exists : sql<SqlBool>`not ${exists}`;
    }
    const test = compare(target, field, c, normaliseValue(field, c, path, actorId));
    return sql<SqlBool>`exists (select 1 from ${sql.table(table)} ch where ch.record_id = ${owner} ${kindClause} and ${test})`;
  }
  const col = sql.ref(field.column as string);
  if (c.op === 'empty') return sql<SqlBool>`(${col} is null or ${col} = '')`;
  if (c.op === 'notEmpty') return sql<SqlBool>`(${col} is not null and ${col} <> '')`;
  return compare(col, field, c, normaliseValue(field, c, path, actorId));
}

/**
 * Compiles a saved filter into one SQL condition over the object's table. Throws a validation error
 * naming the offending path (`filter.conditions.2.field`) for unknown fields, bad operators or values.
 */
export function compileFilter(
  object: GroupObject,
  filter: FilterGroup,
  actorId: string,
  path = 'filter',
  depth = 1,
): Expression<SqlBool> {
  if (depth > MAX_DEPTH) throw invalid(path, `nests deeper than ${MAX_DEPTH} levels`);
  const parts = filter.conditions.map((c, i) =>
    isGroup(c)
      ? compileFilter(object, c, actorId, `${path}.conditions.${i}`, depth + 1)
      : compileCondition(object, c, `${path}.conditions.${i}`, actorId),
  );
  // An empty "and" matches everything, an empty "or" nothing — as in boolean algebra.
  if (parts.length === 0) return filter.logic === 'and' ? sql<SqlBool>`1 = 1` : sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, filter.logic === 'or' ? sql` or ` : sql` and `)})`;
}
