import { beforeEach, describe, expect, it } from 'vitest';
import { readContact } from '../../lib/contacts/read';
import { sourceStats } from '../../lib/sources/read';
import { replaceSource } from '../../lib/db/sources';
import { updateOperator } from '../../lib/operators/update';
import { useFreshTable } from '../support/database';
import { contactsPerOperator, inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

beforeEach(async () => {
  await useFreshTable();
});

const register = (i: number) => registerContact({ lead_external_id: `+7916${String(i).padStart(7, '0')}`, source_id: 1 });

describe('smooth weighted routing', () => {
  it('gives exact shares under 32 concurrent registrations, each in one transaction: turns, not retries', async () => {
    await sourceWithOperators([10, 20, 30], 1_000);
    await replaceSource(1, { name: 'Telegram Bot', routing: { mode: 'smooth_weighted', sticky: false } });
    const contacts = await inParallel(60, 32, register);
    // Within one of 60 * w / 60 after 60 contacts means exactly 10, 20 and 30.
    expect(contactsPerOperator(contacts.map((contact) => contact.operator_id))).toEqual({ 1: 10, 2: 20, 3: 30 });
    const attempts = await Promise.all(contacts.map(async (contact) => (await readContact(contact.id)).routing!.attempts));
    // Each took a turn from the rotation's atomic counter: nobody had to route again.
    expect(new Set(attempts)).toEqual(new Set([1]));
  });

  it('gives an operator back from leave their share of what comes next, not a catch-up: 100 of the next 300', async () => {
    await sourceWithOperators([10, 10, 10], 1_000);
    await replaceSource(1, { name: 'Telegram Bot', routing: { mode: 'smooth_weighted', sticky: false } });
    await updateOperator(3, { presence: 'away' });
    const whileAway = await inParallel(300, 4, register);
    expect(contactsPerOperator(whileAway.map((contact) => contact.operator_id))).toEqual({ 1: 150, 2: 150 });
    await updateOperator(3, { presence: 'available' });
    const afterReturn = await inParallel(300, 4, (i) => register(300 + i));
    expect(contactsPerOperator(afterReturn.map((contact) => contact.operator_id))).toEqual({ 1: 100, 2: 100, 3: 100 });
  });
});

describe('source stats for a period', () => {
  it('expect what the weights promised at each decision, count the wins, and say why an operator was passed over', async () => {
    await sourceWithOperators([10, 10], 1_000);
    await replaceSource(1, { name: 'Telegram Bot', routing: { mode: 'smooth_weighted', sticky: false } });
    await updateOperator(2, { presence: 'away' });
    for (let i = 0; i < 10; i++) await register(i);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const returned = new Date().toISOString();
    await updateOperator(2, { presence: 'available' });
    for (let i = 10; i < 20; i++) await register(i);

    const all = await sourceStats(1);
    expect(all.period).toEqual({ from: null, to: null, routing_decisions: 20 });
    expect(all.operators.map((o) => [o.routed, o.expected_share, o.expected_share_now, o.passed_over])).toEqual([
      [15, 0.75, 0.5, {}],
      [5, 0.25, 0.5, { away: 10 }],
    ]);
    const whileAway = await sourceStats(1, new Date(), { to: returned });
    expect(whileAway.period.routing_decisions).toBe(10);
    expect(whileAway.operators.map((o) => [o.routed, o.expected_share, o.passed_over])).toEqual([
      [10, 1, {}],
      [0, 0, { away: 10 }],
    ]);
    expect((await sourceStats(1, new Date(), { from: returned })).operators.map((o) => o.routed)).toEqual([5, 5]);
  });
});
