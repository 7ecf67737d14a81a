import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../lib/contacts/invariants';
import { createDatabase, createDynamoDbClient, useDatabase } from '../../lib/db/client';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local';
import { freePort } from '../../scripts/processes';
import { ensureTable } from '../../scripts/table';
import { allItems } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

/**
 * The database process dies in the middle of a registration storm and comes back on the same data:
 * every registration is all or nothing, so no operator's load drifts from their open contacts, no
 * contact lost its lead, and every contact that was acknowledged is there.
 */
const TABLE = 'crash';
const dataDir = mkdtempSync(join(tmpdir(), 'crm-crash-'));
let dynamodb: DynamoDbLocal | undefined;

afterAll(async () => {
  await dynamodb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(port: number) {
  dynamodb = await startDynamoDbLocal({ port, dataDir });
  const db = createDatabase({ tableName: TABLE, endpoint: dynamodb.endpoint });
  useDatabase(db);
  return db;
}

describe('DynamoDB Local killed mid-storm and restarted on the same data', () => {
  it('leaves no load drift, no orphan contact, and keeps every acknowledged contact', { timeout: 240_000 }, async () => {
    const port = await freePort();
    await connect(port);
    const admin = createDynamoDbClient({ endpoint: dynamodb!.endpoint });
    await ensureTable(admin, TABLE);
    admin.destroy();
    await sourceWithOperators([10, 10, 10, 10, 10], 20);

    const acknowledged: number[] = [];
    let failures = 0;
    let stopping: Promise<void> | undefined;
    await inParallel(400, 8, async (i) => {
      // Once the database is going down, the storm stops sending: the 8 in flight meet the crash.
      if (stopping) return;
      try {
        const contact = await registerContact({ lead_external_id: `+7916${String(1_000_000 + (i % 150)).slice(1)}`, source_id: 1 });
        acknowledged.push(contact.id);
        if (acknowledged.length === 60) stopping = dynamodb!.stop();
      } catch {
        failures++;
      }
    });
    await stopping;
    // The storm was cut short.
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length + failures).toBeLessThan(400);

    const db = await connect(port);
    const report = await checkInvariants();
    expect(report.drift).toEqual([]);
    expect(report.orphan_contacts).toEqual([]);
    expect(report.overloaded).toEqual([]);
    const contacts = (await allItems(db)).filter((item) => item.SK === 'CONTACT').map((item) => item.id);
    expect(contacts).toEqual(expect.arrayContaining(acknowledged));
    expect(report.contacts).toBe(contacts.length);
  });
});
