import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../../../lib/db/contacts';
import { contactEvents, operatorChanges } from '../../../lib/events/derive';
import type { Offer } from '../../../lib/schemas/contacts';
import type { StoredOperator } from '../../../lib/schemas/operators';
import { telegramMessagesOf } from '../../../lib/telegram/messages';

const base: StoredContact = {
  id: 7,
  lead_id: 1,
  source_id: 1,
  operator_id: 1,
  status: 'open',
  created_at: '2026-12-07T09:00:00.000Z',
  closed_at: null,
  offer_expires_at: null,
  priority: 0,
  needs_manager: false,
  version: 1,
  offers: [],
  offer_round: 0,
  assigned_at: '2026-12-07T09:00:00.000Z',
  registered_by: null,
  request_scope: null,
  routing: null,
};
const contact = (fields: Partial<StoredContact>): StoredContact => ({ ...base, ...fields });
const offer = (operator_id: number, outcome: Offer['outcome'], second = 0): Offer => ({
  operator_id,
  offered_at: `2026-12-07T09:00:0${second}.000Z`,
  outcome,
  decided_at: outcome === 'pending' ? null : '2026-12-07T09:00:09.000Z',
});
const types = (before: StoredContact | undefined, after: StoredContact) =>
  contactEvents(before, after).map((event) => [event.type, event.operatorId]);

describe('the events a contact change implies', () => {
  it('registration: created, then assigned, offered or waiting', () => {
    expect(types(undefined, base)).toEqual([
      ['contact.created', 1],
      ['contact.assigned', 1],
    ]);
    const offered = contact({
      status: 'offered',
      offer_expires_at: '2026-12-07T09:00:30.000Z',
      offers: [offer(2, 'pending')],
      assigned_at: null,
      operator_id: 2,
    });
    expect(types(undefined, offered)).toEqual([
      ['contact.created', 2],
      ['contact.offered', 2],
    ]);
    expect(types(undefined, contact({ operator_id: null, assigned_at: null }))).toEqual([
      ['contact.created', null],
      ['contact.waiting', null],
    ]);
  });

  it('offers: a decline that re-offers, an expiry that leaves it waiting for a manager, an acceptance', () => {
    const toTwo = contact({ status: 'offered', operator_id: 2, offers: [offer(2, 'pending')], offer_round: 1 });
    const toThree = contact({ status: 'offered', operator_id: 3, offers: [offer(2, 'declined'), offer(3, 'pending', 5)], offer_round: 2 });
    expect(types(toTwo, toThree)).toEqual([
      ['contact.declined', 2],
      ['contact.offered', 3],
    ]);
    const waiting = contact({ operator_id: null, needs_manager: true, offers: [offer(2, 'declined'), offer(3, 'expired', 5)] });
    expect(types(toThree, waiting)).toEqual([
      ['contact.offer_expired', 3],
      ['contact.waiting', null],
    ]);
    const accepted = contact({ operator_id: 3, offers: [offer(2, 'declined'), offer(3, 'accepted', 5)] });
    expect(types(toThree, accepted)).toEqual([
      ['contact.accepted', 3],
      ['contact.assigned', 3],
    ]);
  });

  it('lifecycle: closed, reopened to its operator, reassigned by a manager (also away from an offer)', () => {
    const closed = contact({ status: 'closed', closed_at: '2026-12-07T10:00:00.000Z' });
    expect(types(base, closed)).toEqual([['contact.closed', 1]]);
    expect(types(closed, base)).toEqual([
      ['contact.reopened', 1],
      ['contact.assigned', 1],
    ]);
    expect(types(base, contact({ operator_id: 2 }))).toEqual([
      ['contact.reassigned', 2],
      ['contact.assigned', 2],
    ]);
    const offered = contact({ status: 'offered', operator_id: 2, offers: [offer(2, 'pending')] });
    expect(types(offered, contact({ operator_id: 3, offers: [offer(2, 'withdrawn')] }))).toEqual([
      ['contact.reassigned', 3],
      ['contact.assigned', 3],
    ]);
  });

  it('a change nobody sees (a version bump, a repeated write) implies nothing', () => {
    expect(contactEvents(base, { ...base, version: 2 })).toEqual([]);
  });

  it('operators: presence, activity, capacity and name are news; load and quota counts are not', () => {
    const operator: StoredOperator = {
      id: 1,
      name: 'Иван',
      is_active: true,
      max_load: 5,
      current_load: 0,
      presence: 'available',
      presence_timeout_s: null,
      last_heartbeat_at: null,
      schedule: null,
      telegram_chat_id: null,
      quota: { max: 40, per: 'day', time_zone: 'Europe/Moscow' },
      quota_used: {},
      via: { '1': { id: 1, assigned: 0, quota: null, quota_used: {} } },
    };
    const claimed = {
      ...operator,
      current_load: 3,
      quota_used: { 'day:2026-12-07': 3 },
      via: { '1': { id: 1, assigned: 3, quota: null, quota_used: {} } },
      last_heartbeat_at: '2026-12-07T09:00:00.000Z',
    };
    expect(operatorChanges(operator, claimed)).toEqual({});
    expect(operatorChanges(operator, { ...operator, presence: 'away', max_load: 7 })).toEqual({
      presence: { from: 'available', to: 'away' },
      max_load: { from: 5, to: 7 },
    });
  });
});

describe('the operators’ bot messages a change implies', () => {
  const context = { chatOf: (id: number) => (id === 3 ? 555 : undefined), leadOf: () => '+79160000001', sourceOf: () => 'Telegram Bot' };
  const messagesOf = (before: StoredContact | undefined, after: StoredContact) =>
    telegramMessagesOf(before, after, contactEvents(before, after), context);

  it('send an offer to a linked operator, edit it with its outcome, and announce what was given without an offer', () => {
    const offered = contact({
      status: 'offered',
      operator_id: 3,
      offer_expires_at: '2026-12-07T09:00:30.000Z',
      offers: [offer(3, 'pending')],
    });
    expect(messagesOf(undefined, offered)).toMatchObject([
      { kind: 'offer', chat_id: 555, contact_id: 7, expires_at: '2026-12-07T09:00:30.000Z' },
    ]);
    expect(messagesOf(offered, contact({ operator_id: 3, offers: [offer(3, 'accepted')] }))).toEqual([
      { kind: 'offer_ended', contact_id: 7, offered_at: offer(3, 'accepted').offered_at, outcome: 'accepted' },
    ]);
    expect(messagesOf(offered, contact({ operator_id: 1, offers: [offer(3, 'withdrawn')] }))).toMatchObject([
      { kind: 'offer_ended', outcome: 'withdrawn' },
    ]);
    expect(messagesOf(undefined, contact({ operator_id: 3 }))).toMatchObject([{ kind: 'assigned', chat_id: 555 }]);
    expect(messagesOf(undefined, contact({ operator_id: 1 }))).toEqual([]);
  });
});
