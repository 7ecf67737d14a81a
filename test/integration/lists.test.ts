import { beforeEach, describe, expect, it } from 'vitest';
import { closeContact } from '../../lib/contacts/lifecycle';
import type { Database } from '../../lib/db/client';
import { listContacts } from '../../lib/db/contacts';
import { listLeads } from '../../lib/db/leads';
import { LIST_SHARDS } from '../../lib/db/keys';
import { operatorLoad } from '../../lib/operators/load';
import { useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';
import { recordRequests } from '../support/round-trips';

let db: Database;
let requests: ReturnType<typeof recordRequests>;
beforeEach(async () => {
  db = await useFreshTable();
  requests = recordRequests(db);
});

/** Every page of a list, and the requests each page took. */
async function everyPage<T extends { id: number }>(list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>) {
  const pages: { ids: number[]; requests: number }[] = [];
  let cursor: string | undefined;
  do {
    requests.reset();
    const page = await list(cursor);
    pages.push({ ids: page.items.map((item) => item.id), requests: requests.commands().length });
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe('lists spread over shards', () => {
  it('give every contact and lead once, in id order both ways, a page at a time', async () => {
    await sourceWithOperators([10], 1_000);
    const contacts = await inParallel(45, 8, (i) =>
      registerContact({ lead_external_id: `+7916000${String(i).padStart(4, '0')}`, source_id: 1 }),
    );
    const ids = contacts.map((contact) => contact.id).sort((a, b) => a - b);
    const ascending = await everyPage((cursor) => listContacts({ limit: 7, cursor }));
    expect(ascending.flatMap((page) => page.ids)).toEqual(ids);
    expect(ascending.slice(0, -1).every((page) => page.ids.length === 7)).toBe(true);
    const descending = await everyPage((cursor) => listContacts({ limit: 10, order: 'desc', cursor }));
    expect(descending.flatMap((page) => page.ids)).toEqual([...ids].reverse());
    // One Query per shard and one BatchGetItem for the page's items, in two round trips.
    expect(Math.max(...descending.map((page) => page.requests))).toBe(LIST_SHARDS + 1);
    expect((await everyPage((cursor) => listLeads({ limit: 20, cursor }))).flatMap((page) => page.ids)).toEqual(
      Array.from({ length: 45 }, (_, i) => i + 1),
    );
  });
});

describe('reads bounded in requests per page', () => {
  it('a filter with sparse matches gives short pages with a cursor rather than reading on through everything', async () => {
    await sourceWithOperators([10], 1_000);
    const contacts = await inParallel(120, 8, (i) => registerContact({ lead_external_id: `lead-${i}`, source_id: 1 }));
    const sorted = contacts.map((contact) => contact.id).sort((a, b) => a - b);
    const closed = [sorted[3]!, sorted[110]!];
    for (const id of closed) await closeContact(id);
    const everywhere = await everyPage((cursor) => listContacts({ status: 'closed', limit: 5, cursor }));
    expect(everywhere.flatMap((page) => page.ids)).toEqual(closed);
    // Four rounds at most, each a Query per shard and the BatchGetItems of what it found.
    for (const page of everywhere) expect(page.requests).toBeLessThanOrEqual(4 * (LIST_SHARDS + 4));
    // One source's contacts are one range: 25 keys a round, so a page examines 100 at most.
    const ofSource = await everyPage((cursor) => listContacts({ source_id: 1, status: 'closed', limit: 5, cursor }));
    expect(ofSource.flatMap((page) => page.ids)).toEqual(closed);
    expect(ofSource.map((page) => page.ids)).toEqual([[closed[0]], [closed[1]]]);
    for (const page of ofSource) expect(page.requests).toBeLessThanOrEqual(8);
  });

  it("an operator's load is counted from their open contacts alone, however many they closed", async () => {
    await sourceWithOperators([10], 1_000);
    const contacts = await inParallel(60, 8, (i) => registerContact({ lead_external_id: `lead-${i}`, source_id: 1 }));
    for (const contact of contacts.slice(2)) await closeContact(contact.id);
    requests.reset();
    expect(await operatorLoad(1)).toMatchObject({ current_load: 2, open_contacts: 2, offered_contacts: 0 });
    // The operator, the keys of their open contacts, those contacts: never the 58 closed ones.
    expect(requests.commands().sort()).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand']);
  });

  it('everyone’s waiting contacts come from their own list, not from every contact', async () => {
    await sourceWithOperators([10], 2);
    const contacts = await inParallel(40, 4, (i) => registerContact({ lead_external_id: `lead-${i}`, source_id: 1 }));
    const waiting = contacts.filter((contact) => contact.operator_id === null).map((contact) => contact.id);
    expect(waiting).toHaveLength(38);
    requests.reset();
    const page = await listContacts({ unassigned: true, status: 'open', limit: 100 });
    expect(page.items.map((contact) => contact.id)).toEqual([...waiting].sort((a, b) => a - b));
    expect(page.nextCursor).toBeUndefined();
    expect(requests.commands().filter((command) => command === 'QueryCommand')).toHaveLength(4);
  });
});
