import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../web/src/api/client';
import { loadSnapshot } from '../../../web/src/state/snapshot';
import { fakeFetch } from './fake-api';

const operators = [
  { id: 1, name: 'Анна', is_active: true, max_load: 5, current_load: 2 },
  { id: 2, name: 'Борис', is_active: true, max_load: 5, current_load: 1 },
];
const sources = [{ id: 1, name: 'Telegram Bot' }];
const assignments = [
  { id: 1, operator_id: 1, source_id: 1, weight: 3 },
  { id: 2, operator_id: 2, source_id: 1, weight: 1 },
];
const contact = (id: number, operator_id: number | null, status?: string) => ({
  id,
  lead_id: id,
  source_id: 1,
  operator_id,
  created_at: '2026-11-25T07:00:00Z',
  ...(status && { status }),
});
const lists = {
  'GET /operators/': { body: operators },
  'GET /sources/': { body: sources },
  'GET /assignments/': { body: assignments },
};

describe('a snapshot of the dashboard', () => {
  it("lets the API do the work: newest contacts, waiting ones, the source's stats", async () => {
    const stats = { source_id: 1, mode: 'least_loaded', operators: [] };
    const fake = fakeFetch({
      ...lists,
      'GET /contacts/?limit=50&order=desc&operator_id=2': { body: [contact(9, 2, 'open')] },
      'GET /contacts/?limit=500&unassigned=true&status=open': { body: [contact(4, null, 'open')] },
      'GET /sources/1/stats': { body: stats },
    });
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:8000/', apiKey: () => null, fetch: fake.fetch });
    const snapshot = await loadSnapshot(api, { filter: { operatorId: 2 }, sourceId: 1 });
    expect(snapshot).toMatchObject({ contacts: [{ id: 9 }], waiting: [{ id: 4 }], complete: true, shares: stats });
    expect(fake.calls.map((call) => `${call.url.pathname}${call.url.search}`)).not.toContain('/contacts/?limit=500');
  });
});
