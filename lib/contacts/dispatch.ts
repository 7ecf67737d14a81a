import { sourceIdsOfOperator } from '../db/assignments';
import { commitContactChange, getContact, lastOperatorOfLead, listBacklog, type StoredContact } from '../db/contacts';
import { getSourceRouting, listSources } from '../db/sources';
import { isEligible, type Candidate, type Random } from '../routing/weighted';
import { candidatesOf, newWorkClaim, routeContact, rotationOf, type RotationHolder } from './placement';
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
  let assigned = 0;
  for (const sourceId of new Set(sourceIds)) {
    if (assigned >= budget) break;
    assigned += await dispatchSource(sourceId, budget - assigned, random, now);
  }
  return assigned;
}

async function dispatchSource(sourceId: number, budget: number, random: Random, now: () => Date): Promise<number> {
  const routing = await getSourceRouting(sourceId);
  if (!routing) return 0;
  const candidates = await candidatesOf(routing);
  const rotation = rotationOf(routing);
  const anyoneEligible = () => candidates.some(isEligible(now()));
  let assigned = 0;
  let cursor: string | undefined;
  do {
    if (!anyoneEligible()) break;
    const page = await listBacklog(sourceId, { limit: Math.min(budget - assigned, 100), cursor });
    for (const listed of page.items) {
      if (assigned >= budget || !anyoneEligible()) return assigned;
      if (await assignWaiting(listed, routing.source.routing, candidates, rotation, random, now)) assigned++;
    }
    cursor = page.nextCursor;
  } while (cursor && assigned < budget);
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
  // A lead who wrote while everyone was busy still goes back to their operator once they have room.
  const previousOperatorId = policy.sticky ? await lastOperatorOfLead(listed.lead_id) : undefined;
  // The index copy may be stale; the change is conditional on the version actually stored.
  let contact: StoredContact | undefined = listed;
  while (isWaiting(contact)) {
    const current: StoredContact = contact;
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
    if (outcome !== 'contact_changed') return false;
    contact = await getContact(current.id);
  }
  return false;
}

/** After an operator gained room: assign the waiting contacts of every source they serve. */
export async function dispatchForOperator(
  operatorId: number,
  options: DispatchOptions = { budget: DISPATCH_BUDGET_PER_REQUEST },
): Promise<number> {
  return dispatchBacklog(await sourceIdsOfOperator(operatorId), options);
}

/** The scheduled drain: every source's backlog, as far as capacity allows. */
export async function drainAllBacklogs(options: DispatchOptions = { budget: 1_000 }): Promise<number> {
  const sourceIds: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSources({ limit: 500, cursor });
    sourceIds.push(...page.items.map((source) => source.id));
    cursor = page.nextCursor;
  } while (cursor);
  return dispatchBacklog(sourceIds, options);
}
