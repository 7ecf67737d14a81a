import { describe, expect, it } from 'vitest';
import {
  assignmentKeys,
  contactKeys,
  counterKey,
  leadKeys,
  listedRange,
  listRanges,
  operatorKeys,
  padId,
  sourceKeys,
} from '../../../lib/db/keys';

const contact = {
  id: 7,
  source_id: 3,
  lead_id: 9,
  operator_id: 12,
  status: 'open',
  priority: 0,
  needs_manager: false,
  offer_expires_at: null,
} as const;

describe('key formats', () => {
  it('gives each entity its own partition and a list entry in id order', () => {
    expect(operatorKeys(12)).toEqual({ PK: 'OPERATOR#12', SK: 'OPERATOR', GSI1PK: 'OPERATORS', GSI1SK: '000000000012' });
    expect(sourceKeys(3)).toEqual({ PK: 'SOURCE#3', SK: 'SOURCE', GSI1PK: 'SOURCES', GSI1SK: '000000000003' });
  });

  it('gives each assignment an item of its own, found by its id and listed in id order', () => {
    expect(assignmentKeys(5)).toEqual({ PK: 'ASSIGNMENT#5', SK: 'ASSIGNMENT', GSI1PK: 'ASSIGNMENTS', GSI1SK: '000000000005' });
  });

  it('files an assigned contact in its list shard, among its operator’s open ones, under its source and its lead', () => {
    expect(contactKeys(contact)).toEqual({
      PK: 'CONTACT#7',
      SK: 'CONTACT',
      GSI1PK: 'CONTACTS#7',
      GSI1SK: '000000000007',
      GSI2PK: 'OPERATOR#12',
      GSI2SK: 'OPEN#000000000007',
      GSI3PK: 'SOURCE#3',
      GSI3SK: '000000000007',
      GSI4PK: 'LEAD#9',
      GSI4SK: '000000000007',
    });
  });

  it("puts a waiting contact in its source's backlog and the list of everyone's waiting ones, and a closed unassigned one in neither", () => {
    expect(contactKeys({ ...contact, operator_id: null })).toMatchObject({
      GSI2PK: 'BACKLOG#3',
      GSI2SK: '9000000000007',
      GSI5PK: 'WAITING#3',
      GSI5SK: '000000000007',
    });
    expect(contactKeys({ ...contact, operator_id: null, status: 'closed' })).not.toHaveProperty('GSI2PK');
    expect(contactKeys({ ...contact, operator_id: null, status: 'closed' })).not.toHaveProperty('GSI5PK');
    expect(contactKeys({ ...contact, status: 'closed' })).toMatchObject({ GSI2PK: 'OPERATOR#12', GSI2SK: 'CLOSED#000000000007' });
  });

  it('spreads the lists written with every registration over 16 partitions by id, and keeps the others in one', () => {
    expect(listRanges('CONTACT').map((range) => range.partition)).toEqual(Array.from({ length: 16 }, (_, i) => `CONTACTS#${i}`));
    expect(listRanges('OPERATOR')).toEqual([{ index: 'GSI1', partition: 'OPERATORS' }]);
    expect(listedRange('LEAD', 33)).toEqual({ index: 'GSI1', partition: 'LEADS#1', between: ['000000000033', '000000000033'] });
  });

  it('orders a backlog by priority, then age, with contacts waiting for a manager after all of them', () => {
    const waiting = (id: number, priority: number, needs_manager = false) =>
      contactKeys({ ...contact, id, operator_id: null, priority, needs_manager }).GSI2SK!;
    const keys = [waiting(1, 0), waiting(2, 9), waiting(3, 5), waiting(4, 9), waiting(5, 0, true), waiting(6, 9)];
    expect([...keys].sort()).toEqual([waiting(2, 9), waiting(4, 9), waiting(6, 9), waiting(3, 5), waiting(1, 0), waiting(5, 0, true)]);
    expect(waiting(5, 0, true) > waiting(999_999, 0)).toBe(true);
  });

  it('lists a pending offer in the timer index by when it lapses, and nothing else there', () => {
    const offered = { ...contact, status: 'offered', offer_expires_at: '2026-12-01T10:00:30.000Z' } as const;
    expect(contactKeys(offered)).toMatchObject({
      GSI2PK: 'OPERATOR#12',
      GSI5PK: 'OFFERS_DUE#3',
      GSI5SK: '2026-12-01T10:00:30.000Z#000000000007',
    });
    expect(contactKeys(contact)).not.toHaveProperty('GSI5PK');
    expect(contactKeys({ ...offered, status: 'open', offer_expires_at: null })).not.toHaveProperty('GSI5PK');
  });

  it('finds a lead by its normalized external id', () => {
    expect(leadKeys(9, '+79161234567')).toEqual({ PK: 'LEAD#+79161234567', SK: 'LEAD', GSI1PK: 'LEADS#9', GSI1SK: '000000000009' });
  });

  it('keeps every id counter in one item', () => {
    expect(counterKey()).toEqual({ PK: 'COUNTER', SK: 'COUNTER' });
  });

  it('pads ids so that string order is numeric order', () => {
    const ids = [1, 9, 10, 99, 100, 123456789];
    expect(ids.map(padId).sort()).toEqual(ids.map(padId));
  });
});
