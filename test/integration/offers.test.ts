import { beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../lib/contacts/invariants';
import { closeContact, reassignContact } from '../../lib/contacts/lifecycle';
import { acceptOffer, declineOffer, expireDueOffers, expireOffer } from '../../lib/contacts/offers';
import { getContactWithRouting, listContacts } from '../../lib/db/contacts';
import type { Database } from '../../lib/db/client';
import { getOperator } from '../../lib/db/operators';
import { updateSourceRouting } from '../support/offers';
import { ConflictError } from '../../lib/errors';
import { readOperator, replaceWorkingHours } from '../../lib/operators/read';
import { recordHeartbeat, updateOperator } from '../../lib/operators/update';
import { seededRandom } from '../../lib/routing/random';
import { sourceStats } from '../../lib/sources/read';
import { allItems, useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const T0 = new Date('2026-12-07T09:00:00.000Z');
const after = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const register = (lead: string, seconds = 0) =>
  registerContact({ lead_external_id: lead, source_id: 1 }, { now: after(seconds), random: seededRandom(7) });
const loadOf = async (id: number) => (await getOperator(id))!.current_load;
const withOffers = (
  offer: { timeout_s: number; max_offers?: number; on_away?: 'reoffer' | 'keep' },
  mode: 'weighted_round_robin' | 'weighted_random' = 'weighted_round_robin',
) => updateSourceRouting(1, { mode, sticky: false, offer: { max_offers: 3, on_away: 'reoffer', ...offer } });
const outcomes = async (id: number) => (await getContactWithRouting(id))!.offers.map((offer) => [offer.operator_id, offer.outcome]);

describe('presence and working hours', () => {
  it('route only to available operators within their hours, and say why the others are not eligible', async () => {
    await sourceWithOperators([10, 10, 10, 10], 5);
    await updateOperator(1, { presence: 'away' });
    await updateOperator(2, { presence_timeout_s: 30 });
    await replaceWorkingHours(3, { time_zone: 'Europe/Moscow', weekly: [{ day: 'mon', from: '14:00', to: '18:00' }], exceptions: [] });
    const contact = await register('+79160000001');
    expect(contact.operator_id).toBe(4);
    const { routing } = (await getContactWithRouting(contact.id))!;
    expect(routing!.candidates.map((c) => [c.operator_id, c.reason])).toEqual([
      [1, 'away'],
      [2, 'presence_timed_out'],
      [3, 'out_of_hours'],
      [4, 'eligible'],
    ]);
    expect(await readOperator(2, T0)).toMatchObject({ eligible_now: false, not_eligible_because: 'presence_timed_out' });
    expect(await readOperator(4, T0)).toMatchObject({ eligible_now: true, not_eligible_because: null });
  });

  it('take a waiting contact at once when an operator comes back or sends a heartbeat after silence', async () => {
    await sourceWithOperators([10], 5);
    await updateOperator(1, { presence: 'offline' });
    const waiting = await register('+79160000001');
    expect(waiting.operator_id).toBeNull();
    await updateOperator(1, { presence: 'available', presence_timeout_s: 60 });
    expect((await listContacts({ limit: 10 })).items[0]!.operator_id).toBeNull();
    await recordHeartbeat(1);
    expect((await listContacts({ limit: 10 })).items[0]!.operator_id).toBe(1);
    expect(await readOperator(1)).toMatchObject({ presence: 'available', eligible_now: true });
  });
});

describe('offers', () => {
  it('hold one unit of capacity until accepted, and an accepted contact is open with no expiry', async () => {
    await sourceWithOperators([10], 1);
    await withOffers({ timeout_s: 30 });
    const offered = await register('+79160000001');
    expect(offered).toMatchObject({ status: 'offered', operator_id: 1, offer_expires_at: '2026-12-07T09:00:30.000Z' });
    expect(await loadOf(1)).toBe(1);
    expect((await register('+79160000002')).operator_id).toBeNull(); // the offer holds the only place
    expect(await acceptOffer(offered.id, { now: after(29) })).toMatchObject({ status: 'open', operator_id: 1, offer_expires_at: null });
    expect(await loadOf(1)).toBe(1);
    expect(await outcomes(offered.id)).toEqual([[1, 'accepted']]);
    await expect(acceptOffer(offered.id, { now: after(29) })).rejects.toThrow(ConflictError);
  });

  it('refuse a late accept with a 409 and change nothing', async () => {
    await sourceWithOperators([10], 1);
    await withOffers({ timeout_s: 30 });
    const offered = await register('+79160000001');
    const before = await allItems(db);
    await expect(acceptOffer(offered.id, { now: after(30) })).rejects.toThrow(
      new ConflictError(`The offer of contact ${offered.id} expired at 2026-12-07T09:00:30.000Z`),
    );
    expect(await allItems(db)).toEqual(before);
  });

  it('move on when declined, never back to whoever declined or let it expire, then wait in the backlog', async () => {
    await sourceWithOperators([10, 10, 10], 5);
    await withOffers({ timeout_s: 30, max_offers: 5 });
    const offered = await register('+79160000001');
    expect(offered.operator_id).toBe(1);
    const second = await declineOffer(offered.id, { now: after(5) });
    expect(second).toMatchObject({ status: 'offered', operator_id: 2, offer_expires_at: '2026-12-07T09:00:35.000Z' });
    expect(await loadOf(1)).toBe(0);
    expect(await expireOffer(offered.id, { now: after(35) })).toBe(true);
    const third = (await getContactWithRouting(offered.id))!;
    expect(third).toMatchObject({ operator_id: 3, status: 'offered' });
    expect(third.routing!.candidates.map((c) => [c.operator_id, c.reason])).toEqual([
      [1, 'declined'],
      [2, 'expired'],
      [3, 'eligible'],
    ]);
    await declineOffer(offered.id, { now: after(40) });
    expect((await getContactWithRouting(offered.id))!).toMatchObject({ status: 'open', operator_id: null, needs_manager: false });
    expect(await outcomes(offered.id)).toEqual([
      [1, 'declined'],
      [2, 'expired'],
      [3, 'declined'],
    ]);
    expect([await loadOf(1), await loadOf(2), await loadOf(3)]).toEqual([0, 0, 0]);
    // A new operator who becomes eligible gets it from the backlog; those who had it do not.
    const { createOperator } = await import('../../lib/db/operators');
    const { assignOperator } = await import('../../lib/assignments/assign');
    await createOperator({ name: 'Четвёртый', is_active: true, max_load: 5 });
    await assignOperator({ operator_id: 4, source_id: 1, weight: 10 });
    expect((await getContactWithRouting(offered.id))!).toMatchObject({ status: 'offered', operator_id: 4 });
  });

  it('stop after max_offers and wait for a manager, whose reassignment starts a fresh round', async () => {
    await sourceWithOperators([10, 10, 10], 5);
    await withOffers({ timeout_s: 30, max_offers: 2 });
    const offered = await register('+79160000001');
    await declineOffer(offered.id, { now: after(1) });
    const exhausted = await declineOffer(offered.id, { now: after(2) });
    expect(exhausted).toMatchObject({ status: 'open', operator_id: null, needs_manager: true });
    const { dispatchBacklog } = await import('../../lib/contacts/dispatch');
    expect(await dispatchBacklog([1])).toBe(0); // not offered again automatically, though operator 3 is free
    const reassigned = await reassignContact(offered.id, 1, { now: after(3) });
    expect(reassigned).toMatchObject({ status: 'offered', operator_id: 1, needs_manager: false });
    // The fresh round counts from zero: one more decline moves it on instead of stopping.
    expect(await declineOffer(offered.id, { now: after(4) })).toMatchObject({ status: 'offered' });
  });

  it('move on at once when the offered operator goes away, if the source says reoffer', async () => {
    await sourceWithOperators([10, 10], 5);
    await withOffers({ timeout_s: 30, on_away: 'reoffer' });
    const offered = await register('+79160000001');
    expect(offered.operator_id).toBe(1);
    await updateOperator(1, { presence: 'away' });
    expect((await getContactWithRouting(offered.id))!).toMatchObject({ status: 'offered', operator_id: 2 });
    expect(await outcomes(offered.id)).toEqual([
      [1, 'moved_on_away'],
      [2, 'pending'],
    ]);
    await withOffers({ timeout_s: 30, on_away: 'keep' });
    await updateOperator(2, { presence: 'offline' });
    expect((await getContactWithRouting(offered.id))!).toMatchObject({ status: 'offered', operator_id: 2 });
  });

  it('are moved on once by a timer that fires twice, late (before the next offer lapses), or too early', async () => {
    await sourceWithOperators([10, 10], 5);
    await withOffers({ timeout_s: 30 });
    const offered = await register('+79160000001');
    expect(await expireDueOffers({ now: after(29) })).toBe(0);
    expect(await expireOffer(offered.id, { now: after(29) })).toBe(false);
    const ticks = await Promise.all([
      expireDueOffers({ now: after(31) }),
      expireDueOffers({ now: after(31) }),
      expireDueOffers({ now: after(45) }),
    ]);
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await outcomes(offered.id)).toEqual([
      [1, 'expired'],
      [2, 'pending'],
    ]);
    expect([await loadOf(1), await loadOf(2)]).toEqual([0, 1]);
  });

  it('withdraw a pending offer when the contact is closed, giving the place back', async () => {
    await sourceWithOperators([10], 1);
    await withOffers({ timeout_s: 30 });
    const offered = await register('+79160000001');
    expect(await closeContact(offered.id)).toMatchObject({ status: 'closed', operator_id: null, offer_expires_at: null });
    expect(await loadOf(1)).toBe(0);
    expect(await outcomes(offered.id)).toEqual([[1, 'withdrawn']]);
  });

  it('are counted in the stats: outcomes and the time to accept per operator, the time to assign per source', async () => {
    await sourceWithOperators([10, 10], 5);
    await withOffers({ timeout_s: 30 });
    const a = await register('a');
    await acceptOffer(a.id, { now: after(4) });
    const b = await register('b', 10);
    await declineOffer(b.id, { now: after(12) });
    await acceptOffer(b.id, { now: after(20) });
    const stats = await sourceStats(1, T0);
    expect(stats.median_seconds_to_assign).toBe(7); // 4 s and 10 s
    // Round robin: a to operator 1 (accepted after 4 s); b to operator 2, who declined, then to operator 1 (accepted after 8 s).
    expect(
      stats.operators.map((o) => [o.operator_id, o.offers_accepted, o.offers_declined, o.offers_expired, o.median_seconds_to_accept]),
    ).toEqual([
      [1, 2, 0, 0, 6],
      [2, 0, 1, 0, null],
    ]);
  });
});

describe('priority', () => {
  it('dispatches waiting contacts highest priority first, oldest first within a priority', async () => {
    await sourceWithOperators([10], 0);
    const ids: number[] = [];
    for (const priority of [0, 5, 9, 5, 0])
      ids.push((await registerContact({ lead_external_id: `lead-${ids.length}`, source_id: 1, priority })).id);
    // Lists stay in id order, whatever the dispatch order.
    expect((await listContacts({ limit: 10, source_id: 1, unassigned: true, status: 'open' })).items.map((c) => c.id)).toEqual(ids);
    await updateOperator(1, { max_load: 5 });
    const { routing } = (await getContactWithRouting(ids[2]!))!;
    expect(routing!.trigger).toBe('dispatch');
    const { items } = await listContacts({ limit: 10 });
    const routedAt = await Promise.all(items.map(async (c) => [(await getContactWithRouting(c.id))!.routing!.routed_at, c.id] as const));
    expect(routedAt.sort(([x], [y]) => x.localeCompare(y)).map(([, id]) => id)).toEqual([ids[2], ids[1], ids[3], ids[0], ids[4]]);
  });
});

describe('a storm of offers at concurrency 32', () => {
  it('leaves nobody over max_load, every load equal to open plus offered contacts, and every contact in exactly one state', async () => {
    await sourceWithOperators([10, 20, 30, 10, 20], 6);
    await withOffers({ timeout_s: 5, max_offers: 3 }, 'weighted_random');
    const random = seededRandom(42);
    const registered = await inParallel(
      200,
      32,
      async (i) => (await registerContact({ lead_external_id: `+7916${String(i % 80).padStart(7, '0')}`, source_id: 1 })).id,
    );
    expect(new Set(registered).size).toBe(200);
    // Random accepts, declines and expiries, concurrently, some of them racing each other.
    await inParallel(400, 32, async (i) => {
      const id = registered[Math.floor(random() * registered.length)]!;
      const roll = random();
      const attempt =
        roll < 0.4
          ? acceptOffer(id)
          : roll < 0.7
            ? declineOffer(id)
            : roll < 0.85
              ? closeContact(id)
              : expireOffer(id, { now: () => new Date(Date.now() + 6_000) });
      await attempt.catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
      return i;
    });
    const report = await checkInvariants();
    expect(report).toMatchObject({ ok: true, drift: [], overloaded: [], orphan_contacts: [] });
    const contacts = (await listContacts({ limit: 500 })).items;
    expect(contacts.map((c) => c.id).sort((a, b) => a - b)).toEqual([...registered].sort((a, b) => a - b));
    for (const contact of contacts) {
      const state =
        contact.status === 'closed'
          ? 'closed'
          : contact.status === 'offered'
            ? 'offered'
            : contact.operator_id === null
              ? 'waiting'
              : 'open';
      expect(['closed', 'offered', 'waiting', 'open']).toContain(state);
      if (state === 'offered') expect(contact.offer_expires_at).not.toBeNull();
      if (state !== 'offered') expect(contact.offer_expires_at).toBeNull();
    }
    const operators = await Promise.all([1, 2, 3, 4, 5].map((id) => getOperator(id)));
    for (const operator of operators) {
      const held = contacts.filter((c) => c.operator_id === operator!.id && (c.status === 'open' || c.status === 'offered')).length;
      expect({ id: operator!.id, load: operator!.current_load }).toEqual({ id: operator!.id, load: held });
      expect(operator!.current_load).toBeLessThanOrEqual(operator!.max_load);
    }
  });
});
