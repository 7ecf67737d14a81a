import { logError } from '../log';
import { commitContactChange, getContact, listBacklog, type StoredContact } from '../db/contacts';
import { getOperator } from '../db/operators';
import { getSourceRouting, listSources } from '../db/sources';
import { isEligible, type Candidate, type Random } from '../routing/weighted';
import { candidatesOf, leadMovesTo, leadOf, newWorkClaim, routeContact, rotationOf, type RotationHolder } from './placement';
import type { RoutingPolicy } from '../routing/modes';
import { markHadOffer, placeContact } from './placement-state';

/** How many waiting contacts one request that frees capacity may assign before it answers. */
export const DISPATCH_BUDGET_PER_REQUEST = 10;

export interface DispatchOptions {
  /** The most contacts to assign in this call, over all sources. */
  budget?: number;
  random?: Random;
  now?: () => Date;
}

const isWaiting = (contact: StoredContact | undefined): contact is StoredContact =>
  contact !== undefined && contact.status === 'open' && contact.operator_id === null && !contact.needs_manager;

/**
 * Assigns the oldest waiting contacts of each source, with the same weighted pick and conditional
 * claim as registration, until the source's capacity, its backlog or the budget runs out. Safe to
 * run concurrently with itself and with registrations: a waiting contact is taken only if it is
 * still unchanged (its version), so each is assigned exactly once. Returns how many were assigned.
 */
export async function dispatchBacklog(
  sourceIds: readonly number[],
  { budget = Infinity, random = Math.random, now = () => new Date() }: DispatchOptions = {},
): Promise<number> {
  const left = { budget };
  let assigned = 0;
  for (const sourceId of new Set(sourceIds)) {
    if (left.budget <= 0) break;
    assigned += await dispatchSource(sourceId, left, random, now);
  }
  return assigned;
}

/** How many more contacts a run may assign, shared by the sources it works on. */
interface Budget {
  budget: number;
}

async function dispatchSource(sourceId: number, left: Budget, random: Random, now: () => Date): Promise<number> {
  const routing = await getSourceRouting(sourceId);
  if (!routing) return 0;
  const candidates = await candidatesOf(routing);
  const rotation = rotationOf(routing);
  const anyoneEligible = () => candidates.some(isEligible(now()));
  let assigned = 0;
  let cursor: string | undefined;
  do {
    if (!anyoneEligible()) break;
    const page = await listBacklog(sourceId, { limit: Math.min(left.budget, 100), cursor });
    for (const listed of page.items) {
      if (left.budget <= 0 || !anyoneEligible()) return assigned;
      // Taken before the claim, so that sources worked on at once never go over the budget together.
      left.budget--;
      if (await assignWaiting(listed, routing.source.routing, candidates, rotation, random, now)) assigned++;
      else left.budget++;
    }
    cursor = page.nextCursor;
  } while (cursor && left.budget > 0);
  return assigned;
}

/**
 * Gives one waiting contact to an operator under the source's policy; false if it was taken or
 * closed meanwhile, or nobody had room. Keeps the candidates' loads and counts current, for the
 * next choice of the same run.
 */
async function assignWaiting(
  listed: StoredContact,
  policy: RoutingPolicy,
  candidates: Candidate[],
  rotation: RotationHolder,
  random: Random,
  now: () => Date,
): Promise<boolean> {
  // The index copy may be stale; the change is conditional on the version actually stored.
  let contact: StoredContact | undefined = listed;
  while (isWaiting(contact)) {
    const current: StoredContact = contact;
    // A lead who wrote while everyone was busy still goes back to their operator once they have room.
    const lead = await leadOf(current.lead_id);
    const previousOperatorId = policy.sticky ? (lead?.operatorId ?? undefined) : undefined;
    const at = now();
    // Marked copies, so that one contact's decliners stay eligible for the next contact.
    const forThisContact = markHadOffer(candidates, current);
    const { outcome, chosen, lostRace } = await routeContact({
      trigger: 'dispatch',
      policy,
      previousOperatorId,
      candidates: forThisContact,
      random,
      now: () => at,
      requireOperator: true,
      rotation,
      commit: (operator, explanation) =>
        commitContactChange({
          contact: placeContact({ ...current, version: current.version + 1 }, operator, policy, at),
          claim: newWorkClaim(operator!, at, current.source_id),
          leadOperator: leadMovesTo(lead, operator?.operatorId),
          explanation,
        }),
    });
    const original = (copy: Candidate) => candidates.find((candidate) => candidate.operatorId === copy.operatorId)!;
    for (const full of lostRace) original(full).currentLoad = full.maxLoad;
    if (outcome === 'committed') {
      original(chosen!).currentLoad++;
      original(chosen!).assigned++;
      return true;
    }
    // Nobody eligible for this one (everyone left declined it): the next contact may still go.
    if (outcome !== 'contact_changed' && outcome !== 'lead_gone') return false;
    contact = await getContact(current.id);
  }
  return false;
}

/** After an operator gained room: assign the waiting contacts of every source they serve. */
export async function dispatchForOperator(
  operatorId: number,
  options: DispatchOptions = { budget: DISPATCH_BUDGET_PER_REQUEST },
): Promise<number> {
  const operator = await getOperator(operatorId);
  return dispatchBacklog(Object.keys(operator?.via ?? {}).map(Number), options);
}

/** How many sources the scheduled drain works on at once. */
export const DRAIN_PARALLELISM = 4;

/**
 * The scheduled drain: every source's backlog, as far as capacity and the budget allow, a few
 * sources at a time. A source that fails (its routing unreadable, the database refusing) is logged
 * and left for the next run; the others go on.
 */
export async function drainAllBacklogs({
  budget = 1_000,
  random = Math.random,
  now = () => new Date(),
}: DispatchOptions = {}): Promise<{ assigned: number; failedSources: number[] }> {
  const sourceIds: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSources({ limit: 500, cursor });
    sourceIds.push(...page.items.map((source) => source.id));
    cursor = page.nextCursor;
  } while (cursor);
  const left = { budget };
  const failedSources: number[] = [];
  let assigned = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(DRAIN_PARALLELISM, sourceIds.length) }, async () => {
      while (next < sourceIds.length && left.budget > 0) {
        const sourceId = sourceIds[next++]!;
        try {
          // Added once it is known: `assigned += await ...` would add to a count read before the wait.
          const made = await dispatchSource(sourceId, left, random, now);
          assigned += made;
        } catch (error) {
          failedSources.push(sourceId);
          logError('backlog drain failed for a source', error, `source ${sourceId}`);
        }
      }
    }),
  );
  return { assigned, failedSources: failedSources.sort((a, b) => a - b) };
}
