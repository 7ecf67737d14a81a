import { beforeEach, describe, expect, it } from 'vitest';
import { closeContact } from '../../lib/contacts/lifecycle';
import { readContact } from '../../lib/contacts/read';
import { replaceSource } from '../../lib/db/sources';
import { updateOperator } from '../../lib/operators/update';
import { ROUTING_MODES } from '../../lib/routing/modes';
import { replayDecision } from '../../lib/routing/replay';
import { useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

beforeEach(async () => {
  await useFreshTable();
});

describe('stored routing decisions', () => {
  it.each(ROUTING_MODES)('replay to the same winners from their explanations alone (%s)', async (mode) => {
    // Small capacities and an absence, so that decisions are made among changing eligible sets, and
    // closes that send waiting contacts out through the backlog's dispatch.
    await sourceWithOperators([1, 2, 3, 5], 6);
    await replaceSource(1, { name: 'Telegram Bot', routing: { mode, sticky: false } });
    await updateOperator(4, { presence: 'away' });
    const first = await inParallel(12, 6, (i) => registerContact({ lead_external_id: `+7916000${1000 + i}`, source_id: 1 }));
    await updateOperator(4, { presence: 'available' });
    const second = await inParallel(20, 8, (i) => registerContact({ lead_external_id: `+7916000${2000 + i}`, source_id: 1 }));
    for (const contact of first.slice(0, 6)) if (contact.operator_id !== null) await closeContact(contact.id);

    const decisions = await Promise.all([...first, ...second].map(async (contact) => (await readContact(contact.id)).routing!));
    expect(new Set(decisions.map((decision) => decision.trigger))).toEqual(new Set(['registration', 'dispatch']));
    for (const decision of decisions) expect(replayDecision(decision)).toBe(decision.winner);
    // Decisions among several eligible operators, with several winners: a replay that ignored the facts would not match.
    expect(decisions.filter((decision) => decision.candidates.filter((c) => c.eligible).length > 1).length).toBeGreaterThan(10);
    expect(new Set(decisions.map((decision) => decision.winner)).size).toBeGreaterThan(2);
  });
});
