import { CORRELATION_PROPERTY_NAME, CORRELATION_PROPERTY_SET } from '../port.ts';

/**
 * The correlation property (DESIGN §3) in Graph's terms: a single-value extended property named
 * `String {GUID} Name TandemId` (`resources/singlevaluelegacyextendedproperty.md`; protocols.md §3.4). It is written
 * in the POST body, read only through `$expand` (Graph never returns extended properties otherwise) and searched with
 * a `singleValueExtendedProperties/Any(…)` lambda.
 */

/** The Graph id of the correlation property. */
export const CORRELATION_PROPERTY_ID = `String {${CORRELATION_PROPERTY_SET}} Name ${CORRELATION_PROPERTY_NAME}`;

/** A string literal for an OData `$filter`: single quotes are doubled (OData ABNF, `SQUOTE-in-string`). */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `$expand` value that returns the correlation property and nothing else. */
export const CORRELATION_EXPAND = `singleValueExtendedProperties($filter=id eq ${odataString(CORRELATION_PROPERTY_ID)})`;

/** `$filter` value matching the items stamped with this CRM id. */
export function correlationFilter(correlationId: string): string {
  return (
    `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(CORRELATION_PROPERTY_ID)}` +
    ` and ep/value eq ${odataString(correlationId)})`
  );
}

/** The body entry that stamps an item with a CRM id on create. */
export function correlationStamp(correlationId: string): { id: string; value: string } {
  return { id: CORRELATION_PROPERTY_ID, value: correlationId };
}

/**
 * The CRM id an item carries, from its expanded properties, or null. Graph may spell the id with the GUID in
 * another case than we sent it, so the comparison ignores case.
 */
export function readCorrelation(
  props: readonly { id: string; value: string | null }[] | null | undefined,
): string | null {
  const wanted = CORRELATION_PROPERTY_ID.toLowerCase();
  const found = props?.find((p) => p.id.toLowerCase() === wanted);
  return found?.value ? found.value : null;
}
