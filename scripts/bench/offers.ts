import { freePort } from '../processes';
import { startStack } from '../stack';
import { benchEngine, call, quantile, round } from './common';

/** The shape; BENCH_OFFERS shrinks it for a quick run. */
export const OFFERS = { contacts: Number(process.env.BENCH_OFFERS ?? 100), timeoutS: 5, operators: 4 };
/** The aim: a lapsed offer moves on within 5 s of `offer_expires_at`, at the 99th percentile. */
export const AIM_P99_MS = 5_000;

/**
 * How late lapsed offers move on through `npm start`'s stack (the local API and its schedules,
 * DynamoDB Local): contacts offered with a 5 s timeout are left unanswered, spread over a few seconds;
 * each one's lateness is the time its expired offer was decided minus when it lapsed, as the contact
 * itself records them. Every offer must move on exactly once.
 */
export async function offerExpiry() {
  const dynamodb = await benchEngine();
  const stack = await startStack({
    httpPort: await freePort(),
    dynamodbEndpoint: dynamodb.endpoint,
    tableName: `bench-offers-${Date.now()}`,
  });
  try {
    const api = stack.apiUrl;
    await call('POST', `${api}/sources/`, {
      name: 'Offers',
      routing: { mode: 'weighted_random', offer: { timeout_s: OFFERS.timeoutS, max_offers: 1 } },
    });
    for (let i = 0; i < OFFERS.operators; i++) {
      await call('POST', `${api}/operators/`, { name: `Operator ${i + 1}`, max_load: OFFERS.contacts });
      await call('POST', `${api}/assignments/`, { operator_id: i + 1, source_id: 1, weight: 10 });
    }
    const ids: number[] = [];
    for (let i = 0; i < OFFERS.contacts; i++) {
      ids.push((await call('POST', `${api}/contacts/`, { lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: 1 })).id);
    }
    // max_offers 1: each lapsed offer leaves its contact waiting for a manager, so it moves exactly once.
    const deadline = Date.now() + OFFERS.timeoutS * 1000 + 90_000;
    let contacts: any[] = [];
    do {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      contacts = [];
      // A few at a time, so that the reads do not crowd out the timer they measure.
      for (let i = 0; i < ids.length; i += 8)
        contacts.push(...(await Promise.all(ids.slice(i, i + 8).map((id) => call('GET', `${api}/contacts/${id}`)))));
    } while (contacts.some((contact) => contact.status === 'offered') && Date.now() < deadline);
    const lateness = contacts.flatMap((contact) =>
      contact.offers
        .filter((offer: any) => offer.outcome === 'expired')
        .map((offer: any) => Date.parse(offer.decided_at) - (Date.parse(offer.offered_at) + OFFERS.timeoutS * 1000)),
    );
    return {
      contacts: ids.length,
      timeout_s: OFFERS.timeoutS,
      moved_on: lateness.length,
      still_pending: contacts.filter((contact) => contact.status === 'offered').length,
      moved_twice: contacts.filter((contact) => contact.offers.length !== 1).length,
      late_ms_p50: round(quantile(lateness, 0.5), 0),
      late_ms_p95: round(quantile(lateness, 0.95), 0),
      late_ms_p99: round(quantile(lateness, 0.99), 0),
      late_ms_max: round(Math.max(...lateness), 0),
      aim_p99_ms: AIM_P99_MS,
    };
  } finally {
    await stack.stop();
    await dynamodb.stop();
  }
}
