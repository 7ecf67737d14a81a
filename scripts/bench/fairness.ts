import { readContact } from '../../lib/contacts/read';
import { registerContact } from '../../lib/contacts/register';
import { createDatabase, createDynamoDbClient, useDatabase } from '../../lib/db/client';
import { createAssignment } from '../../lib/db/assignments';
import { createOperator } from '../../lib/db/operators';
import { createSource } from '../../lib/db/sources';
import type { RoutingMode } from '../../lib/routing/modes';
import { ensureTable } from '../table';
import { benchEngine, round } from './common';

/** The shape; BENCH_FAIRNESS shrinks it for a quick run. */
export const FAIRNESS = { registrations: Number(process.env.BENCH_FAIRNESS ?? 300), concurrency: 32, weights: [10, 20, 30] };
/** The aim: smooth weighted's per-source throughput at concurrency 32 within 20 % of weighted random's. */
export const AIM_THROUGHPUT_RATIO = 0.8;

/**
 * One source, three operators (weights 10/20/30, ample room), registrations at concurrency 32 in
 * process against DynamoDB Local, for each mode: throughput, transactions per registration (turns
 * lost to other registrations of the source show here), and how far each operator ended from their
 * exact share.
 */
async function runMode(endpoint: string, mode: RoutingMode) {
  const tableName = `bench-fairness-${mode}-${Date.now()}`;
  const admin = createDynamoDbClient({ endpoint });
  await ensureTable(admin, tableName, { stream: false });
  admin.destroy();
  useDatabase(createDatabase({ tableName, endpoint }));
  const source = await createSource({ name: 'Web form', routing: { mode, sticky: false } });
  for (const weight of FAIRNESS.weights) {
    const operator = await createOperator({ name: `Operator ${weight}`, is_active: true, max_load: FAIRNESS.registrations });
    await createAssignment({ operator_id: operator.id, source_id: source.id, weight });
  }
  const ids: number[] = [];
  const operators: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FAIRNESS.concurrency }, async () => {
      while (next < FAIRNESS.registrations) {
        const i = next++;
        const { contact } = await registerContact({ lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: source.id });
        ids.push(contact.id);
        operators.push(contact.operator_id!);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const attempts = await Promise.all(ids.map(async (id) => (await readContact(id)).routing!.attempts));
  const total = FAIRNESS.weights.reduce((sum, w) => sum + w, 0);
  const deviation = Math.max(
    ...FAIRNESS.weights.map((w, i) => Math.abs(operators.filter((id) => id === i + 1).length - (FAIRNESS.registrations * w) / total)),
  );
  return {
    mode,
    registrations: FAIRNESS.registrations,
    concurrency: FAIRNESS.concurrency,
    per_second: round(FAIRNESS.registrations / seconds, 1),
    transactions_per_registration: round(attempts.reduce((sum, a) => sum + a, 0) / attempts.length, 2),
    max_transactions: Math.max(...attempts),
    max_deviation_from_share: round(deviation, 2),
  };
}

export async function fairness() {
  const dynamodb = await benchEngine();
  try {
    const rows = [await runMode(dynamodb.endpoint, 'weighted_random'), await runMode(dynamodb.endpoint, 'smooth_weighted')];
    return { rows, throughput_ratio: round(rows[1]!.per_second / rows[0]!.per_second, 2), aim_throughput_ratio: AIM_THROUGHPUT_RATIO };
  } finally {
    await dynamodb.stop();
  }
}
