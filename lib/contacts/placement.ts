import { quotaCharge } from '../availability/quota';
import type { ChangeOutcome, Claim, ContactChange } from '../db/contacts';
import type { Key } from '../db/keys';
import { findLeadById } from '../db/leads';
import { getOperators } from '../db/operators';
import { backoffDelay, pause } from '../db/retry';
import { getRotation, takeTurn, type SourceRouting } from '../db/sources';
import { UnavailableError } from '../errors';
import { explainRouting, type RoutingExplanation } from '../routing/explanation';
import { chooseOperator, turnWindow, type RoutingPolicy } from '../routing/modes';
import type { Rotation } from '../routing/smooth';
import type { Candidate, Random } from '../routing/weighted';
import { availabilityOf } from '../operators/view';
import type { StoredOperator } from '../schemas/operators';

/** Transaction conflicts tolerated before a request gives up with a 503. */
export const MAX_CONFLICT_RETRIES = 8;
/** Times a request may find a smooth weighted source's window changed under it before it gives up with a 503. */
const MAX_WINDOW_CHANGES = 20;

/**
 * Takes this contact's turn in the source's rotation, in `window`. Only a window that changed
 * between the read and the update (someone filled up or came back meanwhile) makes it read again.
 * A turn whose contact is then not committed (its operator filled up that moment, or the request
 * died) is skipped: that operator is one short in that window.
 */
async function takeTurnIn(rotation: RotationHolder, window: string): Promise<Rotation> {
  for (let changes = 0; changes <= MAX_WINDOW_CHANGES; changes++) {
    const taken = await takeTurn(rotation.sourceId, window, rotation.state);
    if (taken) {
      rotation.state = taken;
      return taken;
    }
    rotation.state = await getRotation(rotation.sourceId);
  }
  throw new UnavailableError('The operators of this source keep changing, retry shortly');
}

/** The operators assigned to a source, with their weights there, as read now. */
export const candidatesOf = async (routing: SourceRouting): Promise<Candidate[]> =>
  candidatesFrom(routing, await getOperators(routing.assignments.map((assignment) => assignment.operator_id)));

/** A source's candidates from its operators as read: their weights, their counts there and their live loads. */
export function candidatesFrom(routing: SourceRouting, operators: readonly StoredOperator[]): Candidate[] {
  const byId = new Map(operators.map((operator) => [operator.id, operator]));
  return routing.assignments.flatMap(({ operator_id, weight }) => {
    const operator = byId.get(operator_id);
    if (!operator) return [];
    const counts = operator.via[String(routing.source.id)];
    return [
      {
        ...availabilityOf(operator),
        operatorId: operator_id,
        name: operator.name,
        weight,
        assigned: counts?.assigned ?? 0,
        sourceQuota: counts?.quota ?? null,
        sourceQuotaCounts: counts?.quota_used,
      },
    ];
  });
}

/** A contact's lead as routing needs them: their item's key, and whom sticky routing returns them to. */
export interface LeadRef {
  key: Key;
  operatorId: number | null;
}

/** The lead of that id (through the list index, which may lag their creation by a moment: then none). */
export async function leadOf(leadId: number): Promise<LeadRef | undefined> {
  const found = await findLeadById(leadId);
  return found && { key: found.key, operatorId: found.lead.operator_id };
}

/** The change to the lead's item that giving one of their contacts to `operatorId` implies: none when it names them already. */
export const leadMovesTo = (lead: LeadRef | undefined, operatorId: number | undefined): ContactChange['leadOperator'] =>
  lead && operatorId !== undefined && operatorId !== lead.operatorId ? { key: lead.key, operatorId } : undefined;

/**
 * The claim that gives `target` a new contact at `at`: a unit of their capacity, counted on their
 * assignment to `viaSource` when routing chose them there, and against the quotas they had when read.
 */
export const newWorkClaim = (
  target: Pick<Candidate, 'operatorId' | 'quota' | 'quotaCounts' | 'sourceQuota' | 'sourceQuotaCounts'>,
  at: Date,
  viaSource?: number,
): Claim => ({
  operatorId: target.operatorId,
  newWork: true,
  viaSource,
  quota: quotaCharge(target.quota, target.quotaCounts, at),
  sourceQuota: viaSource === undefined ? undefined : quotaCharge(target.sourceQuota, target.sourceQuotaCounts, at),
});

export interface RouteRequest {
  trigger: RoutingExplanation['trigger'];
  policy: RoutingPolicy;
  candidates: readonly Candidate[];
  /** The lead's previous operator, for sticky sources. */
  previousOperatorId?: number | undefined;
  random: Random;
  now: () => Date;
  /** End in `no_operator` rather than committing a contact without an operator. */
  requireOperator?: boolean;
  /**
   * A `smooth_weighted` source's rotation as read, for routing that takes turns in it (registrations
   * and the backlog's dispatch); kept current here, so that a run of dispatches shares one.
   */
  rotation?: RotationHolder | undefined;
  /** Writes the change that gives the contact to `chosen` (or to nobody), with its explanation. */
  commit: (chosen: Candidate | undefined, explanation: RoutingExplanation) => Promise<ChangeOutcome>;
}

/** A source's rotation, as far as this request knows it. */
export interface RotationHolder {
  sourceId: number;
  state: Rotation;
}

export const rotationOf = (routing: SourceRouting): RotationHolder => ({ sourceId: routing.source.id, state: routing.rotation });

export type RouteOutcome = Exclude<ChangeOutcome, 'operator_unavailable' | 'conflict'> | 'no_operator';

export interface Route {
  outcome: RouteOutcome;
  chosen: Candidate | undefined;
  /** Operators whose claim failed: full or inactive by now. */
  lostRace: Candidate[];
}

/**
 * Chooses an operator under the source's policy and commits the change that gives them the contact.
 * An operator who filled up meanwhile is dropped and the choice made again among the rest (for
 * weighted random this is sampling without replacement, so each remaining eligible operator keeps
 * weight / sum); colliding transactions are retried with jittered backoff. Other outcomes are the
 * caller's to handle.
 */
export async function routeContact(request: RouteRequest): Promise<Route> {
  const { policy, candidates, random } = request;
  const lostRace: Candidate[] = [];
  let choice: ReturnType<typeof chooseOperator> | undefined;
  for (let attempts = 1, conflicts = 0; ; attempts++) {
    // A collision keeps the choice: drawing again would shift contacts away from the busiest
    // operators, whose items collide most. Only an operator who turned out full is replaced.
    const at = request.now();
    if (!choice) {
      const available = candidates.filter((candidate) => !lostRace.includes(candidate));
      const window = request.rotation && turnWindow(policy, available, at, request.previousOperatorId);
      const turn = window === undefined ? undefined : await takeTurnIn(request.rotation!, window);
      choice = chooseOperator(policy, available, random, at, request.previousOperatorId, turn);
    }
    const { chosen, decidedBy, draw, turn } = choice;
    if (!chosen && request.requireOperator) return { outcome: 'no_operator', chosen, lostRace };
    const explanation = explainRouting({
      trigger: request.trigger,
      policy,
      previousOperatorId: request.previousOperatorId,
      candidates,
      lostRace,
      chosen,
      decidedBy,
      draw,
      turn,
      attempts,
      at,
    });
    const outcome = await request.commit(chosen, explanation);
    if (outcome === 'operator_unavailable') {
      lostRace.push(chosen!);
      choice = undefined;
    } else if (outcome === 'conflict') {
      if (++conflicts > MAX_CONFLICT_RETRIES) throw new UnavailableError('Too many concurrent changes, retry shortly');
      await pause(backoffDelay(conflicts, random));
    } else {
      return { outcome, chosen, lostRace };
    }
  }
}
