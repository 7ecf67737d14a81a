import { registerContact } from '../../lib/contacts/register';
import { createDynamoDbClient } from '../../lib/db/client';
import { createAssignment } from '../../lib/db/assignments';
import { createOperator } from '../../lib/db/operators';
import { createSource } from '../../lib/db/sources';
import { deliverDue } from '../../lib/events/deliver';
import { publishChanges } from '../../lib/events/publish';
import { subscribe } from '../../lib/events/subscriptions';
import { SubscriptionInput } from '../../lib/schemas/events';
import { Receiver } from '../../test/support/receiver';
import { freePort } from '../processes';
import { startStack } from '../stack';
import { ensureTable } from '../table';
import { benchEngine, call, quantile, recordStream, round } from './common';
import { measure, PRICES, recordedDatabase } from './cost';

/**
 * The shapes: a trickle (one registration after another, a pause between them: about 5 a second, as
 * a team trying its bot makes them) and a burst (4 at a time, no pause: what the machine can take).
 * BENCH_EVENTS shrinks both for a quick run.
 */
const REGISTRATIONS = Number(process.env.BENCH_EVENTS ?? 100);
export const SHAPES = {
  trickle: { registrations: REGISTRATIONS, concurrency: 1, pauseMs: 200 },
  burst: { registrations: REGISTRATIONS, concurrency: 4, pauseMs: 0 },
};
/** The aim: an event reaches its receiver within 2 s of its change, at the 95th percentile, on `npm start`, at a trickle. */
export const AIM_P95_MS = 2_000;
/**
 * The delivery timer runs all the time (a minute each minute, 256 MB): a fixed cost per month,
 * whatever the traffic, priced at the arm64 rate. It is what buys sub-second delivery.
 */
const TIMER_GB_SECONDS_PER_MONTH = 0.25 * 60 * 60 * 24 * 30;

/**
 * What events cost per registration with one subscription to everything: the requests and units of
 * publishing a registration's stream records (two events, one queue) and of delivering them, measured
 * on DynamoDB Local as `npm run bench -- cost` measures a registration.
 */
async function eventCost() {
  const dynamodb = await benchEngine();
  const tableName = `bench-events-${Date.now()}`;
  const receiver = await new Receiver().start();
  try {
    const admin = createDynamoDbClient({ endpoint: dynamodb.endpoint });
    await ensureTable(admin, tableName);
    admin.destroy();
    const { calls, scan } = recordedDatabase(dynamodb.endpoint, tableName);
    process.env.EVENTS_ALLOW_LOCAL_HTTP = '1';
    receiver.secret = (await subscribe(SubscriptionInput.parse({ url: receiver.url, events: ['*'] }))).secret;
    const source = await createSource({ name: 'Web form' });
    for (const weight of [10, 20, 30]) {
      const operator = await createOperator({ name: `Operator ${weight}`, is_active: true, max_load: 1000 });
      await createAssignment({ operator_id: operator.id, source_id: source.id, weight });
    }
    const records = await recordStream(dynamodb.endpoint, tableName, () =>
      registerContact({ lead_external_id: '+79161234567', source_id: source.id }),
    );
    // What the deployed mapping hands the publisher: the contact's and the operator's records (the filter drops the rest).
    const mapped = records.filter((record) => ['CONTACT', 'OPERATOR'].includes(String(record.dynamodb?.Keys?.SK?.S)));
    const publish = await measure(scan, calls, () => publishChanges(mapped));
    const deliver = await measure(scan, calls, () => deliverDue());
    if (receiver.received.length !== 2) throw new Error(`expected 2 events delivered, got ${receiver.received.length}`);
    const perMillion = (row: { rcu: number; wcu: number }) =>
      row.wcu * PRICES.dynamodbPerMillionWrite + row.rcu * PRICES.dynamodbPerMillionRead;
    // Each record is its own invocation at low traffic (the contact and the operator sit in different shards); 1 GB-s per 1,000 ms.
    const publishInvocations = mapped.length;
    const publishLambda =
      publishInvocations * (PRICES.lambdaPerMillionRequests + 0.25 * (publish.ms / 1000) * PRICES.lambdaArmPerGbSecond * 1e6);
    const rows = [
      {
        step: 'publish (stream batch)',
        ...publish,
        lambda_invocations: publishInvocations,
        usd_per_million: round(perMillion(publish) + publishLambda, 2),
      },
      { step: 'deliver (timer)', ...deliver, lambda_invocations: 0, usd_per_million: round(perMillion(deliver), 2) },
    ].map(({ ms: _ms, ...row }) => row);
    return {
      steps: rows,
      stream_records_per_registration: records.length,
      stream_records_to_publisher: mapped.length,
      usd_per_million_registrations: round(
        rows.reduce((sum, row) => sum + row.usd_per_million, 0),
        2,
      ),
      delivery_timer_usd_per_month: round(TIMER_GB_SECONDS_PER_MONTH * PRICES.lambdaArmPerGbSecond + 43_200 * 0.0000002, 2),
      note: 'Lambda reads of DynamoDB Streams are free; one subscription to every event; prices as `cost` assumes',
    };
  } finally {
    await receiver.stop();
    await dynamodb.stop();
  }
}

/**
 * How long events take from the change to a receiver on this machine through `npm start`'s stack,
 * for registrations in one of `SHAPES`, each making `contact.created` and `contact.assigned`; latency is
 * the receipt time minus the event's `created_at` (when its change was written). Every event must
 * arrive, verified, exactly once.
 */
async function deliveryLatency(shape: keyof typeof SHAPES) {
  const { registrations, concurrency, pauseMs } = SHAPES[shape];
  const dynamodb = await benchEngine();
  const receiver = await new Receiver().start();
  const stack = await startStack({
    httpPort: await freePort(),
    dynamodbEndpoint: dynamodb.endpoint,
    tableName: `bench-events-${Date.now()}`,
  });
  try {
    const api = stack.apiUrl;
    receiver.secret = (await call('POST', `${api}/subscriptions/`, { url: receiver.url, events: ['*'] })).secret;
    await call('POST', `${api}/sources/`, { name: 'Web form' });
    for (let i = 1; i <= 3; i++) {
      await call('POST', `${api}/operators/`, { name: `Operator ${i}`, max_load: registrations });
      await call('POST', `${api}/assignments/`, { operator_id: i, source_id: 1, weight: 10 });
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < registrations) {
          const i = next++;
          await call('POST', `${api}/contacts/`, { lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: 1 });
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        }
      }),
    );
    const expected = registrations * 2;
    const deadline = Date.now() + 60_000;
    while (receiver.received.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const latencies = receiver.received.map((event) => event.at - Date.parse(event.created_at));
    // Where the time goes: from the change to its delivery record (the stream and the publisher), and from there to the receiver (the timer).
    const deliveries: { event_id: string; created_at: string; delivered_at: string | null }[] = await call(
      'GET',
      `${api}/subscriptions/1/deliveries?limit=500`,
    );
    const changedAt = new Map(receiver.received.map((event) => [event.id, Date.parse(event.created_at)]));
    const published = deliveries.map((d) => Date.parse(d.created_at) - (changedAt.get(d.event_id) ?? Number.NaN)).filter(Number.isFinite);
    const sent = deliveries.flatMap((d) => (d.delivered_at ? [Date.parse(d.delivered_at) - Date.parse(d.created_at)] : []));
    return {
      shape,
      registrations,
      concurrency,
      events_expected: expected,
      events_received: receiver.received.length,
      duplicates: receiver.received.length - new Set(receiver.received.map((event) => event.id)).size,
      rejected_signatures: receiver.rejected,
      latency_ms_p50: round(quantile(latencies, 0.5), 0),
      latency_ms_p95: round(quantile(latencies, 0.95), 0),
      latency_ms_max: round(Math.max(...latencies), 0),
      to_publish_ms_p95: round(quantile(published, 0.95), 0),
      to_send_ms_p95: round(quantile(sent, 0.95), 0),
      aim_p95_ms: AIM_P95_MS,
    };
  } finally {
    await stack.stop();
    await receiver.stop();
    await dynamodb.stop();
  }
}

export async function events() {
  return { latency: [await deliveryLatency('trickle'), await deliveryLatency('burst')], cost: await eventCost() };
}
