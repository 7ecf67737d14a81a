import type { StoredContact } from '../db/contacts';
import type { Offer } from '../schemas/contacts';
import type { EventType } from '../schemas/events';
import type { StoredOperator } from '../schemas/operators';

/** What one committed change of a contact says happened, in the order it happened. */
export interface ContactEvent {
  type: Exclude<EventType, 'operator.updated' | 'ping'>;
  /** The operator it concerns: the one an offer was made to or ended for, else the contact's operator after the change. */
  operatorId: number | null;
  /** The offer it is about, for `contact.offered`, `.accepted`, `.declined` and `.offer_expired`. */
  offer?: Offer;
}

const sameOffer = (a: Offer, b: Offer) => a.operator_id === b.operator_id && a.offered_at === b.offered_at;
const isAssigned = (contact: StoredContact | undefined) => contact?.status === 'open' && contact.operator_id !== null;
const isWaiting = (contact: StoredContact | undefined) => contact?.status === 'open' && contact.operator_id === null;

/** Offers that were pending before the change and ended in it, with how. */
export function endedOffers(before: StoredContact | undefined, after: StoredContact): Offer[] {
  const pendingBefore = (before?.offers ?? []).filter((offer) => offer.outcome === 'pending');
  return after.offers.filter((offer) => offer.outcome !== 'pending' && pendingBefore.some((pending) => sameOffer(pending, offer)));
}

/** The offer the change made, if it made one. */
export function newOffer(before: StoredContact | undefined, after: StoredContact): Offer | undefined {
  const last = after.offers.at(-1);
  if (last?.outcome !== 'pending' || after.status !== 'offered') return undefined;
  return (before?.offers ?? []).some((offer) => sameOffer(offer, last)) ? undefined : last;
}

const OFFER_END_EVENTS = { accepted: 'contact.accepted', declined: 'contact.declined', expired: 'contact.offer_expired' } as const;

/**
 * The events a committed change of a contact implies, from its state before (none when it was just
 * created) and after. Only what changed speaks: a change that touches nothing visible implies none.
 * An offer that moved on because its operator went away, or was withdrawn by a close or a
 * reassignment, has no event of its own: what happened to the contact next says it.
 */
export function contactEvents(before: StoredContact | undefined, after: StoredContact): ContactEvent[] {
  const events: ContactEvent[] = [];
  const operatorId = after.operator_id;
  if (!before) events.push({ type: 'contact.created', operatorId });
  if (before?.status === 'closed' && after.status !== 'closed') events.push({ type: 'contact.reopened', operatorId });
  const ended = endedOffers(before, after);
  for (const offer of ended) {
    const type = OFFER_END_EVENTS[offer.outcome as keyof typeof OFFER_END_EVENTS];
    if (type) events.push({ type, operatorId: offer.operator_id, offer });
  }
  const movedByManager =
    before !== undefined &&
    after.status !== 'closed' &&
    before.status !== 'closed' &&
    ((isAssigned(before) && (after.operator_id !== before.operator_id || after.status !== 'open')) ||
      ended.some((offer) => offer.outcome === 'withdrawn'));
  if (movedByManager) events.push({ type: 'contact.reassigned', operatorId });
  const offer = newOffer(before, after);
  if (offer) events.push({ type: 'contact.offered', operatorId: offer.operator_id, offer });
  if (isAssigned(after) && !(isAssigned(before) && before?.operator_id === after.operator_id)) {
    events.push({ type: 'contact.assigned', operatorId });
  }
  if (isWaiting(after) && (!isWaiting(before) || (after.needs_manager && !before?.needs_manager))) {
    events.push({ type: 'contact.waiting', operatorId: null });
  }
  if (after.status === 'closed' && before?.status !== 'closed')
    events.push({ type: 'contact.closed', operatorId: before?.operator_id ?? operatorId });
  return events;
}

/** The settings whose change is an `operator.updated` event; load moves with every contact and is not one. */
export const OPERATOR_EVENT_FIELDS = ['name', 'is_active', 'max_load', 'presence'] as const;

/** What changed of an operator's settings, field by field; empty when nothing an event reports did. */
export function operatorChanges(before: StoredOperator, after: StoredOperator): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of OPERATOR_EVENT_FIELDS) {
    if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}
