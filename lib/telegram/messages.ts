import type { StoredContact } from '../db/contacts';
import { endedOffers, newOffer, type ContactEvent } from '../events/derive';
import type { Offer, OfferOutcome } from '../schemas/contacts';

/** What the operators' bot is to do for one change: send an offer with buttons, say a contact is theirs, or edit an offer's message with its outcome. */
export type TelegramMessage =
  | { kind: 'offer'; chat_id: number; contact_id: number; offered_at: string; expires_at: string; lead: string; source: string }
  | { kind: 'assigned'; chat_id: number; contact_id: number; lead: string; source: string }
  | { kind: 'offer_ended'; contact_id: number; offered_at: string; outcome: Exclude<OfferOutcome, 'pending'> };

export interface MessageContext {
  chatOf: (operatorId: number) => number | undefined;
  leadOf: (contact: StoredContact) => string;
  sourceOf: (contact: StoredContact) => string;
}

/**
 * The bot's messages a committed change of a contact implies: each offer that ended edits its own
 * message (whatever the outcome: the operator must not press a button that no longer works), a new
 * offer to a linked operator is sent with Accept and Decline, and a contact assigned without an
 * offer (offers off, or a manager's reassignment) is announced. Acceptance edits, it does not announce.
 */
export function telegramMessagesOf(
  before: StoredContact | undefined,
  after: StoredContact,
  events: readonly ContactEvent[],
  context: MessageContext,
): TelegramMessage[] {
  const messages: TelegramMessage[] = endedOffers(before, after).map((offer: Offer) => ({
    kind: 'offer_ended',
    contact_id: after.id,
    offered_at: offer.offered_at,
    outcome: offer.outcome as Exclude<OfferOutcome, 'pending'>,
  }));
  const lead = context.leadOf(after);
  const source = context.sourceOf(after);
  const offer = newOffer(before, after);
  const offeredChat = offer && context.chatOf(offer.operator_id);
  if (offer && offeredChat !== undefined && after.offer_expires_at) {
    messages.push({
      kind: 'offer',
      chat_id: offeredChat,
      contact_id: after.id,
      offered_at: offer.offered_at,
      expires_at: after.offer_expires_at,
      lead,
      source,
    });
  }
  const accepted = messages.some((message) => message.kind === 'offer_ended' && message.outcome === 'accepted');
  const assignedChat = after.operator_id === null ? undefined : context.chatOf(after.operator_id);
  if (!accepted && assignedChat !== undefined && events.some((event) => event.type === 'contact.assigned')) {
    messages.push({ kind: 'assigned', chat_id: assignedChat, contact_id: after.id, lead, source });
  }
  return messages;
}

const OUTCOME_TEXT: Record<Exclude<OfferOutcome, 'pending'>, string> = {
  accepted: '✅ Accepted: the contact is yours.',
  declined: '↩️ Declined: it went on to someone else.',
  expired: '⌛ Expired: nobody answered in time, it went on.',
  moved_on_away: '↪️ Moved on: you went away.',
  withdrawn: '🚫 Taken by someone else (or closed by a manager).',
};

const time = (iso: string) => `${iso.slice(11, 19)} UTC`;

export const offerText = (message: Extract<TelegramMessage, { kind: 'offer' }>) =>
  `New contact #${message.contact_id} from ${message.source}\nLead: ${message.lead}\nAnswer by ${time(message.expires_at)}.`;
export const assignedText = (message: Extract<TelegramMessage, { kind: 'assigned' }>) =>
  `Contact #${message.contact_id} from ${message.source} is yours.\nLead: ${message.lead}`;
export const endedText = (message: Extract<TelegramMessage, { kind: 'offer_ended' }>) =>
  `Contact #${message.contact_id}\n${OUTCOME_TEXT[message.outcome]}`;

/** A button's data (at most 64 bytes): what to do, the contact, and which offer of it (its time, in ms). */
export const buttonData = (action: 'accept' | 'decline', contactId: number, offeredAt: string) =>
  `${action === 'accept' ? 'a' : 'd'}:${contactId}:${Date.parse(offeredAt)}`;

export function parseButtonData(
  data: string | undefined,
): { action: 'accept' | 'decline'; contactId: number; offeredAt: string } | undefined {
  const match = /^([ad]):(\d{1,15}):(\d{1,15})$/.exec(data ?? '');
  if (!match) return undefined;
  return {
    action: match[1] === 'a' ? 'accept' : 'decline',
    contactId: Number(match[2]),
    offeredAt: new Date(Number(match[3])).toISOString(),
  };
}

export const offerKeyboard = (contactId: number, offeredAt: string) => ({
  inline_keyboard: [
    [
      { text: 'Accept', callback_data: buttonData('accept', contactId, offeredAt) },
      { text: 'Decline', callback_data: buttonData('decline', contactId, offeredAt) },
    ],
  ],
});
