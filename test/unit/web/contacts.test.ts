import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../web/src/api/types';
import { contactQuery, filterContacts, waitingContacts } from '../../../web/src/model/contacts';

const contact = (id: number, fields: Partial<Contact> = {}): Contact => ({
  id,
  lead_id: 1,
  source_id: 1,
  operator_id: 1,
  created_at: '2026-11-25T07:00:00Z',
  ...fields,
});

describe('contact filters', () => {
  it('asks the API for the newest first, with only the filters set', () => {
    expect(contactQuery({})).toEqual({
      order: 'desc',
      source_id: undefined,
      operator_id: undefined,
      unassigned: undefined,
      status: undefined,
    });
    expect(contactQuery({ sourceId: 2, operatorId: null, status: 'open' })).toMatchObject({
      source_id: 2,
      unassigned: true,
      status: 'open',
      operator_id: undefined,
    });
    expect(contactQuery({ operatorId: 3 })).toMatchObject({ operator_id: 3, unassigned: undefined });
  });

  it('filters and sorts in the page the same way for an API that cannot', () => {
    const contacts = [
      contact(1),
      contact(2, { source_id: 2 }),
      contact(3, { operator_id: null }),
      contact(4, { status: 'closed' }),
      contact(5),
    ];
    expect(filterContacts(contacts, {}).map((c) => c.id)).toEqual([5, 4, 3, 2, 1]);
    expect(filterContacts(contacts, { sourceId: 1, operatorId: 1 }).map((c) => c.id)).toEqual([5, 4, 1]);
    expect(filterContacts(contacts, { operatorId: null }).map((c) => c.id)).toEqual([3]);
    expect(filterContacts(contacts, { status: 'open' }).map((c) => c.id)).toEqual([5, 3, 2, 1]);
  });

  it('counts as waiting the open contacts nobody has taken, oldest first', () => {
    const contacts = [
      contact(3, { operator_id: null }),
      contact(1, { operator_id: null }),
      contact(2, { operator_id: null, status: 'closed' }),
      contact(4),
    ];
    expect(waitingContacts(contacts).map((c) => c.id)).toEqual([1, 3]);
  });
});
