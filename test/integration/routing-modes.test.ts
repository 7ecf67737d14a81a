import { beforeEach, describe, expect, it } from 'vitest';
import { changeWeight, removeAssignment } from '../../lib/assignments/weight';
import { dispatchBacklog } from '../../lib/contacts/dispatch';
import { closeContact } from '../../lib/contacts/lifecycle';
import { readContact } from '../../lib/contacts/read';

import { findAssignment } from '../../lib/db/assignments';
import { listBacklog } from '../../lib/db/contacts';
import { getOperator } from '../../lib/db/operators';
import { replaceSource } from '../../lib/db/sources';
import { NotFoundError } from '../../lib/errors';
import type { RoutingMode } from '../../lib/routing/modes';
import { readSource, sourceStats } from '../../lib/sources/read';
import type { Database } from '../../lib/db/client';
import { useFreshTable } from '../support/database';
import { inParallel, registerContact, sourceWithOperators } from '../support/fixtures';

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
});

const register = (lead: string) => registerContact({ lead_external_id: lead, source_id: 1 });
const setPolicy = (mode: RoutingMode, sticky = false) => replaceSource(1, { name: 'Telegram Bot', routing: { mode, sticky } });

describe('weighted round robin', () => {
  // Weights 10/20/30 repeat every 6 contacts: 600 are 100 full cycles, and the bound is checked after each contact.
  it('keeps every operator within one contact of their share after each of 600 sequential registrations', async () => {
    await sourceWithOperators([10, 20, 30], 10_000);
    await setPolicy('weighted_round_robin');
    const counts = [0, 0, 0];
    let worst = 0;
    for (let k = 1; k <= 600; k++) {
      const { operator_id } = await register(`lead-${k % 140}`);
      counts[operator_id! - 1]!++;
      for (const [i, count] of counts.entries()) worst = Math.max(worst, Math.abs(count - (k * (i + 1)) / 6));
    }
    expect(worst).toBeLessThan(1);
    expect(counts).toEqual([100, 200, 300]);
    const stats = await sourceStats(1);
    expect(stats.operators.map((o) => [o.assigned, o.actual_share])).toEqual([
      [100, 100 / 600],
      [200, 200 / 600],
      [300, 300 / 600],
    ]);
  }, 600_000);
});

describe('least loaded', () => {
  it('gives each contact to the operator with the lowest load ratio', async () => {
    await sourceWithOperators([1, 1, 1], 4);
    await setPolicy('least_loaded');
    const loads = [];
    for (let i = 0; i < 6; i++) loads.push((await register(`lead-${i}`)).operator_id);
    expect(loads).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('sticky routing', () => {
  it('returns a lead to their last operator, even under 20 concurrent contacts', async () => {
    await sourceWithOperators([10, 10, 10], 100);
    await setPolicy('weighted_random', true);
    const first = await register('+79161234567');
    const again = await Promise.all(Array.from({ length: 20 }, () => register('+79161234567')));
    expect(new Set(again.map((c) => c.operator_id))).toEqual(new Set([first.operator_id]));
    expect((await readContact(again[0]!.id)).routing).toMatchObject({ decided_by: 'sticky', previous_operator_id: first.operator_id });
  });

  it('lets the mode decide when the last operator is full', async () => {
    await sourceWithOperators([10, 10], 1);
    await setPolicy('weighted_random', true);
    const first = await register('+1');
    const second = await register('+1');
    expect(second.operator_id).not.toBe(first.operator_id);
    expect((await readContact(second.id)).routing).toMatchObject({ decided_by: 'mode', previous_operator_id: first.operator_id });
  });

  it("gives a waiting contact back to the lead's last operator once they have room", async () => {
    // By weight, operator 2 would take a contact 1,000 times in 1,001.
    await sourceWithOperators([1, 1_000], 1);
    await setPolicy('weighted_random', true);
    await registerContact({ lead_external_id: '+2', source_id: 1 }, { random: () => 0.999 });
    const first = await register('+1');
    expect(first.operator_id).toBe(1);
    await closeContact(first.id);
    await register('+3');
    const waiting = await register('+1');
    expect(waiting.operator_id).toBeNull();
    // Room for both, without the in-request dispatch; the draw alone would pick operator 2.
    const { updateOperatorFields } = await import('../../lib/db/operators');
    for (const id of [1, 2]) await updateOperatorFields(id, { name: `Operator ${id}`, is_active: true, max_load: 2 });
    expect(await dispatchBacklog([1], { random: () => 0.999 })).toBe(1);
    const dispatched = await readContact(waiting.id);
    expect(dispatched.operator_id).toBe(1);
    expect(dispatched.routing).toMatchObject({ trigger: 'dispatch', decided_by: 'sticky', previous_operator_id: 1 });
  });
});

describe('routing explanations', () => {
  it('name the operator that was full when a contact lost the race for them', async () => {
    await sourceWithOperators([1_000, 1], 1);
    const { updateOperatorFields } = await import('../../lib/db/operators');
    await updateOperatorFields(2, { name: 'Operator 2', is_active: true, max_load: 100 });
    // Hold the first 20 transactions until all 20 registrations have read, so that they truly race.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = 0;
    db.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand' && held < 20) {
          if (++held === 20) open();
          await gate;
        }
        return next(args);
      },
      { step: 'initialize', name: 'raceGate' },
    );
    // random 0: every registration tries operator 1 first while it looks eligible.
    const contacts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => registerContact({ lead_external_id: `lead-${i}`, source_id: 1 }, { random: () => 0 })),
    );
    expect(contacts.filter((c) => c.operator_id === 1)).toHaveLength(1);
    const explanations = await Promise.all(contacts.filter((c) => c.operator_id === 2).map((c) => readContact(c.id)));
    const lost = explanations.filter((c) => c.routing?.candidates.some((k) => k.operator_id === 1 && k.reason === 'lost_race'));
    expect(lost).toHaveLength(19);
    for (const { routing } of lost) expect(routing).toMatchObject({ winner: 2, decided_by: 'mode', trigger: 'registration' });
    expect(lost[0]!.routing!.attempts).toBeGreaterThan(1);
  });

  it('say why nobody could take a waiting contact, and are replaced when it is dispatched', async () => {
    await sourceWithOperators([10], 0);
    const waiting = await register('a');
    expect((await readContact(waiting.id)).routing).toMatchObject({
      winner: null,
      decided_by: 'none',
      candidates: [{ operator_id: 1, reason: 'full', eligible: false, current_load: 0, max_load: 0 }],
    });
    const { updateOperator } = await import('../../lib/operators/update');
    await updateOperator(1, { name: 'Operator 1', is_active: true, max_load: 1 });
    expect((await readContact(waiting.id)).routing).toMatchObject({ trigger: 'dispatch', winner: 1 });
  });
});

describe('assignments and sources', () => {
  it('show a source with its weighted operators and its policy', async () => {
    await sourceWithOperators([10, 20], 5);
    await setPolicy('least_loaded', true);
    expect(await readSource(1)).toMatchObject({
      id: 1,
      routing: { mode: 'least_loaded', sticky: true },
      assignments: [
        { operator_id: 1, weight: 10 },
        { operator_id: 2, weight: 20 },
      ],
    });
    await expect(readSource(9)).rejects.toThrow(new NotFoundError('Source 9 not found'));
  });

  it('change weight, and a raised weight takes waiting contacts at once', async () => {
    await sourceWithOperators([10], 5);
    const { createOperator } = await import('../../lib/db/operators');
    const { createAssignment } = await import('../../lib/db/assignments');
    const { updateOperatorFields } = await import('../../lib/db/operators');
    await updateOperatorFields(1, { name: 'Operator 1', is_active: true, max_load: 0 });
    await createOperator({ name: 'Maria', is_active: true, max_load: 5 });
    await createAssignment({ operator_id: 2, source_id: 1, weight: 1 });
    await changeWeight(2, { weight: 1 });
    const waiting = await register('a'); // Maria has weight 1 and room: she takes it
    expect(waiting.operator_id).toBe(2);
    expect(await changeWeight(1, { weight: 50 })).toMatchObject({ id: 1, weight: 50 });
    expect((await findAssignment(1)).weight).toBe(50);
    await expect(changeWeight(7, { weight: 5 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('removed, stop new contacts but keep the ones the operator has', async () => {
    await sourceWithOperators([10, 10], 5);
    await setPolicy('weighted_round_robin');
    const first = await register('a');
    await removeAssignment(first.operator_id!);
    const next = await Promise.all([register('b'), register('c')]);
    expect(next.every((c) => c.operator_id !== first.operator_id)).toBe(true);
    expect((await getOperator(first.operator_id!))!.current_load).toBe(1);
    await expect(removeAssignment(first.operator_id!)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listBacklog(1, { limit: 5 })).items).toEqual([]);
  });

  it('count what each operator got in the stats, against what they should get now', async () => {
    await sourceWithOperators([10, 30], 1_000);
    await inParallel(40, 4, (i) => register(`lead-${i}`));
    const stats = await sourceStats(1);
    expect(stats.total_assigned).toBe(40);
    expect(stats.operators.map((o) => o.expected_share)).toEqual([0.25, 0.75]);
    expect(stats.operators.reduce((sum, o) => sum + o.assigned, 0)).toBe(40);
    expect(stats.operators.map((o) => o.current_load)).toEqual(stats.operators.map((o) => o.assigned));
  });
});
