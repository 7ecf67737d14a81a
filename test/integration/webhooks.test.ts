import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { registerContact } from '../../lib/contacts/register';
import type { Database } from '../../lib/db/client';
import { contactRequestScope } from '../../lib/db/keys';
import { createSource } from '../../lib/db/sources';
import { InvalidError, NotFoundError, UnauthorizedError } from '../../lib/errors';
import { receiveTelegram, receiveVk, receiveWhatsApp } from '../../lib/webhooks/receive';
import { allItems, useFreshTable } from '../support/database';
import { sourceWithOperators } from '../support/fixtures';

const raw = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'webhooks', `${name}.json`));
const count = async (db: Database, sk: string) => (await allItems(db)).filter((item) => item.SK === sk).length;

let db: Database;
beforeEach(async () => {
  db = await useFreshTable();
  await sourceWithOperators([10], 100);
});

describe('Telegram deliveries', () => {
  const secret = { 'x-telegram-bot-api-secret-token': 'tg-secret_1' };
  beforeEach(async () => {
    const { replaceSource } = await import('../../lib/db/sources');
    await replaceSource(1, {
      name: 'Telegram Bot',
      routing: { mode: 'weighted_random', sticky: false },
      channel: { type: 'telegram', secret_token: 'tg-secret_1' },
    });
  });

  it('make one contact from 50 concurrent deliveries of the same update, and answer each the same', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, () => receiveTelegram(1, secret, raw('telegram-message'))));
    // Each concurrent delivery took an id before the race, so the winner's may be any of them.
    expect(new Set(replies.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(replies[0]).toMatchObject({ json: { ok: true, contacts: [expect.any(Number)] } });
    expect(await count(db, 'CONTACT')).toBe(1);
    expect(await count(db, 'LEAD')).toBe(1);
  });

  it('refuse a missing or wrong secret token and write nothing', async () => {
    const before = await allItems(db);
    await expect(receiveTelegram(1, {}, raw('telegram-message'))).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(receiveTelegram(1, { 'x-telegram-bot-api-secret-token': 'nope' }, raw('telegram-message'))).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(receiveTelegram(1, {}, raw('telegram-my-chat-member'))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await allItems(db)).toEqual(before);
  });

  it('check the source and the secret before saying anything about a malformed body', async () => {
    const garbage = Buffer.from('{"update_id": ');
    await expect(receiveTelegram(1, {}, garbage)).rejects.toThrow(UnauthorizedError);
    await expect(receiveTelegram(99, secret, garbage)).rejects.toThrow(NotFoundError);
    await expect(receiveTelegram(1, secret, garbage)).rejects.toThrow(InvalidError);
  });

  it('acknowledge updates that carry no contact without writing anything', async () => {
    const before = await allItems(db);
    expect(await receiveTelegram(1, secret, raw('telegram-my-chat-member'))).toEqual({ json: { ok: true, contacts: [] } });
    expect(await allItems(db)).toEqual(before);
  });

  it('answer 404 for an unknown source or one without a Telegram channel', async () => {
    await expect(receiveTelegram(9, secret, raw('telegram-message'))).rejects.toThrow(new NotFoundError('Source 9 not found'));
    await createSource({ name: 'Web form' });
    await expect(receiveTelegram(2, secret, raw('telegram-message'))).rejects.toThrow(
      new NotFoundError('Source 2 has no telegram channel'),
    );
  });
});

describe('WhatsApp deliveries', () => {
  const sign = (body: Buffer) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', 'wa-app-secret').update(body).digest('hex')}` });
  beforeEach(async () => {
    const { replaceSource } = await import('../../lib/db/sources');
    await replaceSource(1, {
      name: 'WhatsApp',
      routing: { mode: 'weighted_random', sticky: false },
      channel: { type: 'whatsapp', verify_token: 'wa-verify', app_secret: 'wa-app-secret' },
    });
  });

  it('make a contact of each of three messages, and none again on redelivery', async () => {
    const body = raw('whatsapp-three-messages');
    const first = await receiveWhatsApp(1, sign(body), body);
    expect(first).toEqual({ json: { ok: true, contacts: [1, 2, 3] } });
    expect(await receiveWhatsApp(1, sign(body), body)).toEqual(first);
    expect(await count(db, 'CONTACT')).toBe(3);
    expect(await count(db, 'LEAD')).toBe(2);
  });

  it('refuse a body whose signature does not match, writing nothing', async () => {
    const body = raw('whatsapp-three-messages');
    const before = await allItems(db);
    const tampered = Buffer.from(body.toString('utf8').replace('79161112233', '79160000000'));
    await expect(receiveWhatsApp(1, sign(body), tampered)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(receiveWhatsApp(1, {}, body)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await allItems(db)).toEqual(before);
  });
});

describe('VK deliveries', () => {
  beforeEach(async () => {
    const { replaceSource } = await import('../../lib/db/sources');
    await replaceSource(1, {
      name: 'VK',
      routing: { mode: 'weighted_random', sticky: false },
      channel: { type: 'vk', secret: 'vk-callback-secret', confirmation: 'a1b2c3d4' },
    });
  });

  it('answer the confirmation with the source string and a message with ok, once', async () => {
    expect(await receiveVk(1, raw('vk-confirmation'))).toEqual({ text: 'a1b2c3d4' });
    expect(await receiveVk(1, raw('vk-message-new'))).toEqual({ text: 'ok' });
    expect(await receiveVk(1, raw('vk-message-new'))).toEqual({ text: 'ok' });
    expect(await receiveVk(1, raw('vk-message-reply'))).toEqual({ text: 'ok' });
    expect(await count(db, 'CONTACT')).toBe(1);
  });

  it('refuse an event without the right secret', async () => {
    const forged = Buffer.from(raw('vk-message-new').toString('utf8').replace('vk-callback-secret', 'guess'));
    await expect(receiveVk(1, forged)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await count(db, 'CONTACT')).toBe(0);
  });
});

describe('one lead per person', () => {
  it('joins every spelling of a phone number to one lead that keeps the first spelling', async () => {
    const spellings = ['+7 916 123-45-67', '89161234567', '8 (916) 123-45-67', '+79161234567'];
    const contacts = [];
    for (const lead_external_id of spellings) contacts.push((await registerContact({ lead_external_id, source_id: 1 })).contact);
    expect(new Set(contacts.map((c) => c.lead_id)).size).toBe(1);
    const leads = (await allItems(db)).filter((item) => item.SK === 'LEAD');
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ PK: 'LEAD#+79161234567', external_id: '+7 916 123-45-67' });
  });
});

describe('Idempotency-Key on POST /contacts/', () => {
  const scope = contactRequestScope('order-4711');

  it('returns the original contact for a repeat, concurrent or not', async () => {
    const input = { lead_external_id: '+79161234567', source_id: 1 };
    const results = await Promise.all(Array.from({ length: 10 }, () => registerContact(input, { idempotencyScope: scope })));
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await count(db, 'CONTACT')).toBe(1);
  });

  it('refuses the same key for a different request', async () => {
    await registerContact({ lead_external_id: '+79161234567', source_id: 1 }, { idempotencyScope: scope });
    await expect(registerContact({ lead_external_id: '+79990000000', source_id: 1 }, { idempotencyScope: scope })).rejects.toBeInstanceOf(
      InvalidError,
    );
    // Another spelling of the same number is the same request.
    expect((await registerContact({ lead_external_id: '89161234567', source_id: 1 }, { idempotencyScope: scope })).replayed).toBe(true);
  });

  it('forgets a key after its time to live', async () => {
    const input = { lead_external_id: '+79161234567', source_id: 1 };
    const first = await registerContact(input, { idempotencyScope: scope, now: () => new Date('2026-11-01T00:00:00Z') });
    const later = await registerContact(input, { idempotencyScope: scope, now: () => new Date('2026-11-05T00:00:00Z') });
    expect(later.replayed).toBe(false);
    expect(later.contact.id).not.toBe(first.contact.id);
  });
});
