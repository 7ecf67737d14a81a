import { commitContactChange, getContact, type ContactChange, type StoredContact } from '../db/contacts';
import { getOperator } from '../db/operators';
import { backoffDelay, pause } from '../db/retry';
import { getSourceRouting } from '../db/sources';
import { ConflictError, notFound, UnavailableError } from '../errors';
import { logWarning } from '../log';
import type { Random } from '../routing/weighted';
import type { Contact } from '../schemas/contacts';
import { dispatchBacklog, dispatchForOperator } from './dispatch';
import { explainRouting, type RoutingExplanation } from '../routing/explanation';
import { DEFAULT_POLICY } from '../routing/modes';
import { candidatesOf, MAX_CONFLICT_RETRIES, routeContact } from './placement';
import { publicContact } from './register';

export interface LifecycleOptions {
  now?: () => Date;
  random?: Random;
}

/**
 * Applies `decide` to the contact as stored until its change commits: a contact changed by someone
 * else meanwhile is read again and decided again. `decide` returns the contact itself when there is
 * nothing to change.
 */
async function changeContact(
  id: number,
  decide: (current: StoredContact) => Promise<StoredContact | 'unchanged'>,
  random: Random,
): Promise<{ before: StoredContact; after: StoredContact; changed: boolean }> {
  for (let attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
    const before = await getContact(id);
    if (!before) throw notFound('Contact', id);
    const after = await decide(before);
    if (after === 'unchanged') return { before, after: before, changed: false };
    if (after !== before) return { before, after, changed: true };
    await pause(backoffDelay(attempt, random));
  }
  throw new UnavailableError('The contact keeps changing, retry shortly');
}

/**
 * Commits a change that releases `release`'s capacity. If that operator's load is already zero (a
 * drift the invariant check reports), the contact still changes and the load stays at zero.
 */
async function commitRelease(
  next: StoredContact,
  release: number | undefined,
  claim?: ContactChange['claim'],
  explanation?: RoutingExplanation,
) {
  let outcome = await commitContactChange({ contact: next, release, claim, explanation });
  if (outcome === 'release_failed') {
    logWarning('operator load already zero on release', { operatorId: release, contactId: next.id });
    outcome = await commitContactChange({ contact: next, claim, explanation });
  }
  return outcome;
}

/**
 * Closes a contact and gives its operator's capacity back; then assigns waiting contacts to the room
 * it made. Closing a closed contact returns it unchanged and frees nothing.
 */
export async function closeContact(id: number, { now = () => new Date(), random = Math.random }: LifecycleOptions = {}): Promise<Contact> {
  const { after, changed } = await changeContact(
    id,
    async (current) => {
      if (current.status === 'closed') return 'unchanged';
      const next: StoredContact = { ...current, status: 'closed', closed_at: now().toISOString(), version: current.version + 1 };
      const outcome = await commitRelease(next, current.operator_id ?? undefined);
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && after.operator_id !== null) await dispatchForOperator(after.operator_id);
  return publicContact(after);
}

/**
 * Reopens a closed contact: back to its operator if they still have room (409 if not), or back to
 * its source's backlog if it never had one.
 */
export async function reopenContact(id: number, { random = Math.random }: LifecycleOptions = {}): Promise<Contact> {
  const { after, changed } = await changeContact(
    id,
    async (current) => {
      if (current.status === 'open') return 'unchanged';
      const next: StoredContact = { ...current, status: 'open', closed_at: null, version: current.version + 1 };
      const claim = current.operator_id === null ? undefined : { operatorId: current.operator_id, newWork: false };
      const outcome = await commitContactChange({ contact: next, claim });
      if (outcome === 'operator_unavailable') throw new ConflictError(`Operator ${current.operator_id} has no room to take contact ${id} back`);
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && after.operator_id === null) await dispatchBacklog([after.source_id], { budget: 1, random });
  return publicContact(after);
}

/**
 * Moves an open contact to another operator, its load along with it, in one transaction: to the
 * operator given, who must be active with room, or, without one, to the choice of the source's policy
 * among its other eligible operators. The capacity freed goes to waiting contacts.
 */
export async function reassignContact(
  id: number,
  operatorId: number | undefined,
  { random = Math.random, now = () => new Date() }: LifecycleOptions = {},
): Promise<Contact> {
  const { before, after, changed } = await changeContact(
    id,
    async (current) => {
      if (current.status === 'closed') throw new ConflictError(`Contact ${id} is closed; reopen it first`);
      if (operatorId !== undefined && operatorId === current.operator_id) return 'unchanged';
      const routing = await getSourceRouting(current.source_id);
      const policy = routing?.source.routing ?? DEFAULT_POLICY;
      const others = (routing ? await candidatesOf(routing) : []).filter((c) => c.operatorId !== current.operator_id);
      let next: StoredContact = current;
      const move = (target: number, explanation: RoutingExplanation, viaSource?: number) => {
        next = { ...current, operator_id: target, version: current.version + 1 };
        return commitRelease(next, current.operator_id ?? undefined, { operatorId: target, newWork: true, viaSource }, explanation);
      };

      if (operatorId !== undefined) {
        if (!(await getOperator(operatorId))) throw notFound('Operator', operatorId);
        const named = others.find((c) => c.operatorId === operatorId);
        const explanation = explainRouting({
          trigger: 'reassign', policy, previousOperatorId: current.operator_id ?? undefined, candidates: others,
          lostRace: [], chosen: named, decidedBy: 'manual', attempts: 1, at: now(),
        });
        explanation.winner = operatorId;
        const outcome = await move(operatorId, explanation, named && current.source_id);
        if (outcome === 'operator_unavailable') throw new ConflictError(`Operator ${operatorId} is inactive or has no room`);
        return outcome === 'committed' ? next : current;
      }

      const { outcome } = await routeContact({
        trigger: 'reassign',
        policy: { ...policy, sticky: false },
        candidates: others,
        random,
        now,
        requireOperator: true,
        commit: (chosen, explanation) => move(chosen!.operatorId, explanation, current.source_id),
      });
      if (outcome === 'no_operator') throw new ConflictError(`No other operator of source ${current.source_id} is available`);
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && before.operator_id !== null) await dispatchForOperator(before.operator_id);
  return publicContact(after);
}
