import { commitContactChange, dueOfferIds, listOffersTo, type StoredContact } from '../db/contacts';
import { getSourceRouting } from '../db/sources';
import { ConflictError } from '../errors';
import { logError } from '../log';
import type { RoutingExplanation } from '../routing/explanation';
import { DEFAULT_POLICY } from '../routing/modes';
import type { Random } from '../routing/weighted';
import type { Contact, OfferOutcome } from '../schemas/contacts';
import { changeContact, commitRelease } from './change';
import { auditStamp } from '../audit/actor';
import { assertOwnContact, type Caller } from '../auth/roles';
import { dispatchForOperator } from './dispatch';
import { candidatesOf, leadMovesTo, leadOf, newWorkClaim, routeContact } from './placement';
import { endOffer, markHadOffer, placeContact, publicContact } from './placement-state';

export interface OfferOptions {
  now?: () => Date;
  random?: Random;
  /** The offer the caller means (a button under one Telegram message): refused with a 409 if the pending offer is another. */
  offer?: { operatorId: number; offeredAt: string } | undefined;
  /** Who asks: an operator key may accept or decline only offers to its own operator. */
  caller?: Caller | undefined;
}

const isPending = (contact: StoredContact) => contact.status === 'offered' && contact.offer_expires_at !== null;
const lapsed = (contact: StoredContact, at: Date) => Date.parse(contact.offer_expires_at!) <= at.getTime();

/** Refuses (409) unless the contact has a pending offer, and it is the one `meant`, if one is named. */
function assertPending(contact: StoredContact, meant: OfferOptions['offer']): void {
  if (!isPending(contact)) throw new ConflictError(`Contact ${contact.id} has no pending offer`);
  const pending = contact.offers.at(-1);
  if (meant && (pending?.operator_id !== meant.operatorId || pending.offered_at !== meant.offeredAt)) {
    throw new ConflictError(`That offer of contact ${contact.id} is no longer open`);
  }
}

/**
 * The operator offered a contact takes it: it is theirs (`open`), the capacity the offer held stays
 * held. Refused with a 409, changing nothing, when no offer is pending or it has lapsed; a condition
 * on the item refuses it too if the offer lapses between the read and the write.
 */
export async function acceptOffer(
  id: number,
  { now = () => new Date(), random = Math.random, offer, caller }: OfferOptions = {},
): Promise<Contact> {
  const { after } = await changeContact(
    id,
    async (current) => {
      if (caller) assertOwnContact(caller, current);
      const at = now();
      assertPending(current, offer);
      if (lapsed(current, at)) throw new ConflictError(`The offer of contact ${id} expired at ${current.offer_expires_at}`);
      const accepted = endOffer({ ...current, status: 'open', offer_expires_at: null, version: current.version + 1 }, 'accepted', at);
      const next: StoredContact = { ...accepted, assigned_at: current.assigned_at ?? at.toISOString() };
      const outcome = await commitContactChange({ contact: next, offerLiveAt: at.toISOString(), audit: auditStamp('accepted', at) });
      return outcome === 'committed' ? next : current;
    },
    random,
  );
  return publicContact(after);
}

/** The operator offered a contact turns it down: it moves on at once, never back to them in this round. 409 when no offer is pending. */
export async function declineOffer(id: number, options: OfferOptions = {}): Promise<Contact> {
  return moveOfferOn(id, 'declined', options, (current) => {
    assertPending(current, options.offer);
    return true;
  });
}

/**
 * Moves a lapsed offer on, if it is still pending and has lapsed; anything else (accepted, declined,
 * moved on already, not yet due) is left as it is. So a timer that fires twice or late moves a
 * contact at most once. Answers whether this call moved it.
 */
export async function expireOffer(id: number, options: OfferOptions = {}): Promise<boolean> {
  let moved = false;
  const now = options.now ?? (() => new Date());
  await moveOfferOn(id, 'expired', options, (current) => (moved = isPending(current) && lapsed(current, now())));
  return moved;
}

/**
 * Ends the pending offer of contact `id` as `outcome`, gives the operator's capacity back and offers
 * the contact to the next operator under the source's policy, all in one transaction. Those who
 * declined it or let it expire in this round are passed over; with nobody left it waits in the
 * backlog, and after `max_offers` offers it waits for a manager. `applies` says whether to act on the
 * contact as read (or throws to refuse).
 */
async function moveOfferOn(
  id: number,
  outcome: Extract<OfferOutcome, 'declined' | 'expired' | 'moved_on_away'>,
  { now = () => new Date(), random = Math.random, caller }: OfferOptions,
  applies: (current: StoredContact) => boolean,
): Promise<Contact> {
  const trigger: RoutingExplanation['trigger'] = outcome === 'declined' ? 'decline' : outcome === 'expired' ? 'expiry' : 'away';
  const { before, after, changed } = await changeContact(
    id,
    async (current) => {
      if (caller) assertOwnContact(caller, current);
      if (!applies(current)) return 'unchanged';
      const at = now();
      const routing = await getSourceRouting(current.source_id);
      const policy = routing?.source.routing ?? DEFAULT_POLICY;
      const ended = endOffer({ ...current, version: current.version + 1 }, outcome, at);
      const release = current.operator_id ?? undefined;
      // Only a decline is someone's doing; an expiry or a move on away is the system's.
      const audit = outcome === 'declined' ? auditStamp('declined', at) : undefined;
      if (policy.offer && ended.offer_round >= policy.offer.max_offers) {
        const waiting: StoredContact = { ...placeContact(ended, undefined, policy, at), needs_manager: true };
        return (await commitRelease({ contact: waiting, release, audit })) === 'committed' ? waiting : current;
      }
      let next: StoredContact = current;
      // Whoever had the offer now counts as declined or expired (or is away): never chosen again here.
      const [candidates, lead] = await Promise.all([
        routing ? candidatesOf(routing).then((all) => markHadOffer(all, ended)) : [],
        leadOf(current.lead_id),
      ]);
      const routed = await routeContact({
        trigger,
        policy,
        candidates,
        random,
        now: () => at,
        commit: (chosen, explanation) => {
          next = placeContact(ended, chosen, policy, at);
          return commitRelease({
            contact: next,
            release,
            claim: chosen && newWorkClaim(chosen, at, current.source_id),
            leadOperator: leadMovesTo(lead, chosen?.operatorId),
            explanation,
            audit,
          });
        },
      });
      return routed.outcome === 'committed' ? next : current;
    },
    random,
  );
  if (changed && before.operator_id !== null) await dispatchForOperator(before.operator_id);
  return publicContact(after);
}

/** An operator went away or offline: their pending offers on sources that say `on_away: "reoffer"` move on now. */
export async function moveOffersOnAway(operatorId: number, options: OfferOptions = {}): Promise<number> {
  let moved = 0;
  for (const offered of await listOffersTo(operatorId)) {
    const routing = await getSourceRouting(offered.source_id);
    if (routing?.source.routing.offer?.on_away !== 'reoffer') continue;
    await moveOfferOn(offered.id, 'moved_on_away', options, (current) => {
      const applies = isPending(current) && current.operator_id === operatorId;
      if (applies) moved++;
      return applies;
    });
  }
  return moved;
}

/**
 * One tick of the offer timer: moves on every offer that has lapsed by `now`, as the offers index
 * lists them. Each move is conditional on the contact as stored, so ticks may overlap, repeat or
 * come late. One contact's failure is logged and left for the next tick. Answers how many moved.
 */
export async function expireDueOffers({ now = () => new Date(), random = Math.random }: OfferOptions = {}): Promise<number> {
  const ids = await dueOfferIds(now().toISOString());
  const results = await Promise.all(
    ids.map((id) =>
      expireOffer(id, { now, random }).catch((error: unknown) => {
        logError('offer expiry failed', error, `contact ${id}`);
        return false;
      }),
    ),
  );
  return results.filter(Boolean).length;
}
