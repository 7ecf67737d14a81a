import { describe, expect, it } from 'vitest';
import { assignmentKeys, contactKeys, counterKey, leadKeys, operatorKeys, padId, sourceKeys } from '../../../lib/db/keys';

const contact = { id: 7, source_id: 3, lead_id: 9, operator_id: 12, status: 'open' } as const;

describe('key formats', () => {
  it('gives each entity its own partition and a list entry in id order', () => {
    expect(operatorKeys(12)).toEqual({ PK: 'OPERATOR#12', SK: 'OPERATOR', GSI1PK: 'OPERATORS', GSI1SK: '000000000012' });
    expect(sourceKeys(3)).toEqual({ PK: 'SOURCE#3', SK: 'SOURCE', GSI1PK: 'SOURCES', GSI1SK: '000000000003' });
  });

  it('keeps assignments in their source partition, one per operator, and under the operator', () => {
    expect(assignmentKeys(5, 3, 12)).toEqual({
      PK: 'SOURCE#3',
      SK: 'ASSIGNMENT#000000000012',
      GSI1PK: 'ASSIGNMENTS',
      GSI1SK: '000000000005',
      GSI2PK: 'OPERATOR#12',
      GSI2SK: 'SOURCE#000000000003',
    });
  });

  it('files an assigned contact under its operator, its source and its lead', () => {
    expect(contactKeys(contact)).toEqual({
      PK: 'CONTACT#7',
      SK: 'CONTACT',
      GSI1PK: 'CONTACTS',
      GSI1SK: '000000000007',
      GSI2PK: 'OPERATOR#12',
      GSI2SK: 'CONTACT#000000000007',
      GSI3PK: 'SOURCE#3',
      GSI3SK: '000000000007',
      GSI4PK: 'LEAD#9',
      GSI4SK: '000000000007',
    });
  });

  it("puts a waiting contact in its source's backlog, and a closed unassigned one in neither", () => {
    expect(contactKeys({ ...contact, operator_id: null })).toMatchObject({ GSI2PK: 'BACKLOG#3', GSI2SK: '000000000007' });
    expect(contactKeys({ ...contact, operator_id: null, status: 'closed' })).not.toHaveProperty('GSI2PK');
    expect(contactKeys({ ...contact, status: 'closed' })).toMatchObject({ GSI2PK: 'OPERATOR#12' });
  });

  it('finds a lead by its normalized external id', () => {
    expect(leadKeys(9, '+79161234567')).toEqual({ PK: 'LEAD#+79161234567', SK: 'LEAD', GSI1PK: 'LEADS', GSI1SK: '000000000009' });
  });

  it('keeps every id counter in one item', () => {
    expect(counterKey()).toEqual({ PK: 'COUNTER', SK: 'COUNTER' });
  });

  it('pads ids so that string order is numeric order', () => {
    const ids = [1, 9, 10, 99, 100, 123456789];
    expect(ids.map(padId).sort()).toEqual(ids.map(padId));
  });
});
