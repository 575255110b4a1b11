import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORRELATION_PROPERTY_SET } from '../port.ts';
import {
  CORRELATION_EXPAND,
  CORRELATION_PROPERTY_ID,
  correlationFilter,
  odataString,
  readCorrelation,
} from './correlation-property.ts';

describe('Graph correlation property (DESIGN §3)', () => {
  it('names the property as Graph expects: String {GUID} Name TandemId', () => {
    assert.equal(CORRELATION_PROPERTY_ID, `String {${CORRELATION_PROPERTY_SET}} Name TandemId`);
    assert.equal(CORRELATION_EXPAND, `singleValueExtendedProperties($filter=id eq '${CORRELATION_PROPERTY_ID}')`);
  });

  it('doubles single quotes in OData string literals', () => {
    assert.equal(odataString("O'Brien"), "'O''Brien'");
    assert.equal(odataString("''"), "''''''");
    assert.equal(
      correlationFilter("c'1"),
      `singleValueExtendedProperties/Any(ep: ep/id eq '${CORRELATION_PROPERTY_ID}' and ep/value eq 'c''1')`,
    );
  });

  it('reads the stamped value, ignoring other properties and the case of the GUID', () => {
    assert.equal(readCorrelation(undefined), null);
    assert.equal(readCorrelation([]), null);
    assert.equal(readCorrelation([{ id: 'String {00000000-0000-0000-0000-000000000000} Name X', value: 'no' }]), null);
    assert.equal(readCorrelation([{ id: CORRELATION_PROPERTY_ID.toUpperCase(), value: 'crm-1' }]), 'crm-1');
    assert.equal(readCorrelation([{ id: CORRELATION_PROPERTY_ID, value: '' }]), null);
  });
});
