import { describe, expect, it } from 'vitest';
import { contactQuery } from '../../../web/src/model/contacts';

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
});
