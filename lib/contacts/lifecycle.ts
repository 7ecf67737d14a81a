import { auditStamp } from '../audit/actor';
import { assertOwnContact, type Caller } from '../auth/roles';
import { availabilityOf } from '../operators/view';
import { commitContactChange, type StoredContact } from '../db/contacts';
import { getOperator } from '../db/operators';
import { getSourceRouting } from '../db/sources';
import { ConflictError, notFound } from '../errors';
import { explainRouting, type RoutingExplanation } from '../routing/explanation';
import { DEFAULT_POLICY } from '../routing/modes';
import type { Random } from '../routing/weighted';
import type { Contact } from '../schemas/contacts';
import { changeContact, commitRelease } from './change';
import { dispatchBacklog, dispatchForOperator } from './dispatch';
import { candidatesOf, leadMovesTo, leadOf, newWorkClaim, routeContact } from './placement';
import { endOffer, placeContact, publicContact } from './placement-state';

export interface LifecycleOptions {
  now?: () => Date;
  random?: Random;
  /** Who asks: a scoped key may close only its own contacts. */
  caller?: Caller | undefined;
}

/**
 * Closes a contact and gives its operator's capacity back (an offer pending on it is withdrawn and
 * nobody had it); then assigns waiting contacts to the room it made. Closing a closed contact returns
 * it unchanged and frees nothing.
 */
export async function closeContact(
  id: number,
  { now = () => new Date(), random = Math.random, caller }: LifecycleOptions = {},
): Promise<Contact> {
  const { before, changed, after } = await changeContact(
    id,
    async (current) => {
      // Checked on the version the change is conditioned on: a contact reassigned meanwhile is read again.
      if (caller) assertOwnContact(caller, current);
      // An operator turns an offer down by declining it: closing it would end the lead's contact unanswered.
      if (caller?.role === 'operator' && current.status === 'offered')
        throw new ConflictError(`Contact ${id} is offered to you: accept or decline it`);
      if (current.status === 'closed') return 'unchanged';
      const at = now();
      const closed = endOffer(
        { ...current, status: 'closed', closed_at: at.toISOString(), offer_expires_at: null, version: current.version + 1 },
        'withdrawn',
        at,
      );
      const next: StoredContact = current.status === 'offered' ? { ...closed, operator_id: null } : closed;
      const outcome = await commitRelease({ contact: next, release: current.operator_id ?? undefined, audit: auditStamp('closed', at) });
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && before.operator_id !== null) await dispatchForOperator(before.operator_id);
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
      if (current.status !== 'closed') return 'unchanged';
      const next: StoredContact = { ...current, status: 'open', closed_at: null, version: current.version + 1 };
      const claim = current.operator_id === null ? undefined : { operatorId: current.operator_id, newWork: false };
      const outcome = await commitContactChange({ contact: next, claim, audit: auditStamp('reopened') });
      if (outcome === 'operator_unavailable')
        throw new ConflictError(`Operator ${current.operator_id} has no room to take contact ${id} back`);
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && after.operator_id === null) await dispatchBacklog([after.source_id], { budget: 1, random });
  return publicContact(after);
}

/**
 * Moves an open or offered contact to another operator, its load along with it, in one transaction:
 * to the operator given, who must be active with room, or, without one, to the choice of the source's
 * policy among its other eligible operators. On a source that makes offers the new operator is
 * offered it, in a fresh round of `max_offers`; an offer pending meanwhile is withdrawn. The capacity
 * freed goes to waiting contacts.
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
      const at = now();
      const routing = await getSourceRouting(current.source_id);
      const policy = routing?.source.routing ?? DEFAULT_POLICY;
      const [all, lead] = await Promise.all([routing ? candidatesOf(routing) : [], leadOf(current.lead_id)]);
      const others = all.filter((c) => c.operatorId !== current.operator_id);
      const fresh: StoredContact = { ...endOffer(current, 'withdrawn', at), offer_round: 0, version: current.version + 1 };
      let next: StoredContact = current;
      const move = (target: Parameters<typeof newWorkClaim>[0], explanation: RoutingExplanation, viaSource?: number) => {
        next = placeContact(fresh, target, policy, at);
        return commitRelease({
          contact: next,
          release: current.operator_id ?? undefined,
          claim: newWorkClaim(target, at, viaSource),
          leadOperator: leadMovesTo(lead, target.operatorId),
          explanation,
          audit: auditStamp('reassigned', at),
        });
      };

      if (operatorId !== undefined) {
        const operator = await getOperator(operatorId);
        if (!operator) throw notFound('Operator', operatorId);
        const named = others.find((c) => c.operatorId === operatorId);
        const explanation = explainRouting({
          trigger: 'reassign',
          policy,
          previousOperatorId: current.operator_id ?? undefined,
          candidates: others,
          lostRace: [],
          chosen: named,
          decidedBy: 'manual',
          attempts: 1,
          at,
        });
        explanation.winner = operatorId;
        const outcome = await move(named ?? { operatorId, ...availabilityOf(operator) }, explanation, named && current.source_id);
        if (outcome === 'operator_unavailable')
          throw new ConflictError(`Operator ${operatorId} is inactive, away, has no room or is at their quota`);
        return outcome === 'committed' ? next : current;
      }

      const { outcome } = await routeContact({
        trigger: 'reassign',
        policy: { ...policy, sticky: false },
        candidates: others,
        random,
        now: () => at,
        requireOperator: true,
        commit: (chosen, explanation) => move(chosen!, explanation, current.source_id),
      });
      if (outcome === 'no_operator') throw new ConflictError(`No other operator of source ${current.source_id} is available`);
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && before.operator_id !== null && before.operator_id !== after.operator_id) await dispatchForOperator(before.operator_id);
  return publicContact(after);
}
