import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { checkInvariants } from '../../lib/contacts/invariants';
import { createDatabase, useDatabase } from '../../lib/db/client';
import { freePort } from '../processes';
import { startStack } from '../stack';
import { benchEngine, quantile, round, saveResults } from './common';

/** The storm's shape; BENCH_STORM_REGISTRATIONS and BENCH_STORM_LEADS shrink it for a quick run. */
export const STORM = {
  operators: 10,
  maxLoad: 20,
  registrations: Number(process.env.BENCH_STORM_REGISTRATIONS ?? 2000),
  leads: Number(process.env.BENCH_STORM_LEADS ?? 600),
  concurrency: (process.env.BENCH_STORM_CONCURRENCY ?? '1,16,64').split(',').map(Number),
};

async function post(url: string, body: unknown): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A registration answers 201 with a contact; anything else is counted by what it was. */
const describeStatus = (status: number, body: string): string =>
  status === 201 && !/"lead_id"/.test(body) ? '201 without a contact' : String(status);

/** One level: a fresh table behind a fresh local API, the routing table set up over HTTP, then the storm. */
async function level(dynamodbEndpoint: string, concurrency: number) {
  const tableName = `bench-storm-c${concurrency}-${Date.now()}`;
  const stack = await startStack({ httpPort: await freePort(), dynamodbEndpoint, tableName });
  try {
    const api = stack.apiUrl;
    const source = await post(`${api}/sources/`, { name: 'Storm' });
    for (let i = 0; i < STORM.operators; i++) {
      const operator = await post(`${api}/operators/`, { name: `Operator ${i + 1}`, is_active: true, max_load: STORM.maxLoad });
      await post(`${api}/assignments/`, { operator_id: operator.id, source_id: source.id, weight: 10 });
    }
    // Warm the registration path at the storm's concurrency, outside the measurement: one registration
    // per worker at once, on a source nobody serves, so that they take no capacity from the storm.
    const warmUp = await post(`${api}/sources/`, { name: 'Warm-up' });
    await Promise.all(
      Array.from({ length: concurrency }, (_, i) =>
        post(`${api}/contacts/`, { lead_external_id: `+7999${String(1_000_000 + i).slice(1)}`, source_id: warmUp.id }),
      ),
    );

    const latencies: number[] = [];
    const errors: Record<string, number> = {};
    // The first answer of each kind that was not a contact, to see what went wrong.
    const errorSamples: Record<string, string> = {};
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < STORM.registrations) {
          const i = next++;
          const lead = `+7916${String(1_000_000 + (i % STORM.leads)).slice(1)}`;
          const t = performance.now();
          let status: string;
          let body = '';
          try {
            const response = await fetch(`${api}/contacts/`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ lead_external_id: lead, source_id: source.id }),
            });
            body = await response.text();
            status = describeStatus(response.status, body);
          } catch (error) {
            status = `network: ${(error as Error).message}`;
          }
          latencies.push(performance.now() - t);
          if (status !== '201') {
            errors[status] = (errors[status] ?? 0) + 1;
            errorSamples[status] ??= body.slice(0, 300);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    // Afterwards, on the quiet table: the invariants, counted from the items themselves.
    const db = createDatabase({ tableName, endpoint: dynamodbEndpoint });
    useDatabase(db);
    const items: Record<string, any>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const operators = items.filter((item) => item.SK === 'OPERATOR');
    const contacts = items.filter((item) => item.SK === 'CONTACT' && item.source_id === source.id);
    const leads = items.filter((item) => item.SK === 'LEAD');
    const report = await checkInvariants();
    const capacity = STORM.operators * STORM.maxLoad;
    const assigned = contacts.filter((contact) => contact.operator_id !== null && contact.operator_id !== undefined).length;
    db.client.destroy();
    return {
      concurrency,
      registrations: STORM.registrations,
      seconds: round(seconds),
      per_second: round(STORM.registrations / seconds),
      p50_ms: round(quantile(latencies, 0.5)),
      p95_ms: round(quantile(latencies, 0.95)),
      p99_ms: round(quantile(latencies, 0.99)),
      errors,
      error_samples: errorSamples,
      overbooked_operators: operators.filter((operator) => operator.current_load > operator.max_load).length,
      load_drift: report.drift.length,
      orphan_contacts: report.orphan_contacts.length,
      // The warm-up leads included; a person counted twice would be two lead items with one number.
      leads: leads.length,
      duplicate_leads: leads.length - new Set(leads.map((lead) => lead.external_id)).size,
      expected_leads: Math.min(STORM.leads, STORM.registrations) + concurrency,
      contacts: contacts.length,
      assigned,
      expected_assigned: Math.min(contacts.length, capacity),
    };
  } finally {
    await stack.stop();
  }
}

/** 10 operators of max_load 20 on one source; 2,000 registrations from 600 leads at each concurrency, over HTTP. */
export async function storm() {
  const dynamodb = await benchEngine();
  try {
    const levels = [];
    for (const concurrency of STORM.concurrency) {
      levels.push(await level(dynamodb.endpoint, concurrency));
      // Each level kept as soon as it is measured, so that an interrupted run still has them.
      saveResults('storm', { shape: STORM, levels });
    }
    return { shape: STORM, levels };
  } finally {
    await dynamodb.stop();
  }
}
