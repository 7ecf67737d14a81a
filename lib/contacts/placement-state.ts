import type { StoredContact } from '../db/contacts';
import type { RoutingPolicy } from '../routing/modes';
import type { Candidate } from '../routing/weighted';
import type { OfferOutcome } from '../schemas/contacts';

/** Offers a contact remembers, oldest dropped first: more than any one round can make (`max_offers` <= 20). */
export const MAX_OFFERS_KEPT = 40;

/**
 * The contact as routing leaves it: offered to `chosen` for the policy's timeout when the source
 * makes offers, assigned to them at once when it does not, or waiting in the backlog for nobody.
 */
export function placeContact(
  contact: StoredContact,
  chosen: Pick<Candidate, 'operatorId'> | undefined,
  policy: RoutingPolicy,
  at: Date,
): StoredContact {
  if (!chosen) return { ...contact, status: 'open', operator_id: null, offer_expires_at: null };
  if (!policy.offer) {
    return {
      ...contact,
      status: 'open',
      operator_id: chosen.operatorId,
      offer_expires_at: null,
      needs_manager: false,
      assigned_at: contact.assigned_at ?? at.toISOString(),
    };
  }
  const offer = { operator_id: chosen.operatorId, offered_at: at.toISOString(), outcome: 'pending' as const, decided_at: null };
  return {
    ...contact,
    status: 'offered',
    operator_id: chosen.operatorId,
    offer_expires_at: new Date(at.getTime() + policy.offer.timeout_s * 1000).toISOString(),
    needs_manager: false,
    offers: [...contact.offers, offer].slice(-MAX_OFFERS_KEPT),
    offer_round: contact.offer_round + 1,
  };
}

/** The contact with its pending offer ended as `outcome` at `at` (unchanged if none is pending). */
export function endOffer(contact: StoredContact, outcome: Exclude<OfferOutcome, 'pending'>, at: Date): StoredContact {
  const last = contact.offers.at(-1);
  if (last?.outcome !== 'pending') return contact;
  return { ...contact, offers: [...contact.offers.slice(0, -1), { ...last, outcome, decided_at: at.toISOString() }] };
}

/** The candidates, with those who declined this contact or let it expire in its current round marked as passed over. */
export function markHadOffer(candidates: readonly Candidate[], contact: StoredContact): Candidate[] {
  const round = contact.offer_round > 0 ? contact.offers.slice(-contact.offer_round) : [];
  const passedOver = new Map<number, 'declined' | 'expired'>();
  for (const offer of round) {
    if (offer.outcome === 'declined' || offer.outcome === 'expired') passedOver.set(offer.operator_id, offer.outcome);
  }
  return candidates.map((candidate) => ({ ...candidate, hadOffer: passedOver.get(candidate.operatorId) }));
}

/** The contact as the API shows it, without storage details. */
export const publicContact = ({
  version: _v,
  offers: _o,
  offer_round: _r,
  assigned_at: _a,
  registered_by: _k,
  request_scope: _s,
  routing: _routing,
  ...contact
}: StoredContact) => contact;
