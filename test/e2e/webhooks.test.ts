import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

const raw = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'webhooks', `${name}.json`), 'utf8');
const secrets = {
  telegram: { type: 'telegram', secret_token: 'tg-secret_1' },
  whatsapp: { type: 'whatsapp', verify_token: 'wa-verify', app_secret: 'wa-app-secret' },
  vk: { type: 'vk', secret: 'vk-callback-secret', confirmation: 'a1b2c3d4' },
};

describe('messaging webhooks over HTTP', () => {
  const api = useApiStack();

  beforeAll(async () => {
    await api.request('POST', '/operators/', { name: 'Иван', max_load: 50 });
    for (const [i, channel] of Object.values(secrets).entries()) {
      const source = await api.request('POST', '/sources/', { name: channel.type, channel });
      // Secrets are write-only: only the channel's type comes back.
      expect(source.body).toEqual({
        id: i + 1,
        name: channel.type,
        routing: { mode: 'weighted_random', sticky: false },
        channel: { type: channel.type },
      });
      await api.request('POST', '/assignments/', { operator_id: 1, source_id: i + 1, weight: 1 });
    }
    expect(JSON.stringify((await api.request('GET', '/sources/')).body)).not.toMatch(/secret|verify|a1b2c3d4/);
  });

  it('Telegram: registers an update once however often it is delivered, and refuses a wrong secret', async () => {
    const deliver = (token?: string) =>
      api.request('POST', '/webhooks/telegram/1', raw('telegram-message'), token ? { 'x-telegram-bot-api-secret-token': token } : {});
    expect(await deliver('wrong')).toMatchObject({ status: 401 });
    expect(await deliver()).toMatchObject({ status: 401 });
    const first = await deliver('tg-secret_1');
    expect(first).toMatchObject({ status: 200, body: { ok: true, contacts: [1] } });
    expect((await deliver('tg-secret_1')).body).toEqual(first.body);
    expect((await api.request('GET', '/contacts/?source_id=1')).body).toHaveLength(1);
    expect((await api.request('GET', '/leads/1')).body).toMatchObject({
      id: 1,
      external_id: 'tg:1111111',
      contacts: [{ id: 1, source_id: 1 }],
    });
  });

  it('WhatsApp: answers the subscription handshake and verifies each delivery over its raw bytes', async () => {
    const challenge = await api.request(
      'GET',
      '/webhooks/whatsapp/2?hub.mode=subscribe&hub.verify_token=wa-verify&hub.challenge=1158201444',
    );
    expect(challenge.status).toBe(200);
    expect(challenge.body).toBe(1158201444); // the text "1158201444", as Meta expects it
    expect(challenge.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await api.request('GET', '/webhooks/whatsapp/2?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1')).status).toBe(403);

    const body = raw('whatsapp-three-messages');
    const signature = `sha256=${createHmac('sha256', 'wa-app-secret').update(body).digest('hex')}`;
    expect((await api.request('POST', '/webhooks/whatsapp/2', body, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(401);
    const delivered = await api.request('POST', '/webhooks/whatsapp/2', body, { 'x-hub-signature-256': signature });
    expect(delivered).toMatchObject({ status: 200, body: { ok: true } });
    expect(delivered.body.contacts).toHaveLength(3);
    const statuses = raw('whatsapp-statuses');
    const statusSignature = `sha256=${createHmac('sha256', 'wa-app-secret').update(statuses).digest('hex')}`;
    expect(await api.request('POST', '/webhooks/whatsapp/2', statuses, { 'x-hub-signature-256': statusSignature })).toMatchObject({
      status: 200,
      body: { contacts: [] },
    });
    expect((await api.request('GET', '/contacts/?source_id=2')).body).toHaveLength(3);
  });

  it('VK: confirms the server, answers ok, and refuses a wrong secret', async () => {
    const confirmation = await api.request('POST', '/webhooks/vk/3', raw('vk-confirmation'));
    expect(confirmation).toMatchObject({ status: 200, body: 'a1b2c3d4' });
    expect(await api.request('POST', '/webhooks/vk/3', raw('vk-message-new'))).toMatchObject({ status: 200, body: 'ok' });
    expect(await api.request('POST', '/webhooks/vk/3', raw('vk-message-new'))).toMatchObject({ status: 200, body: 'ok' });
    expect((await api.request('POST', '/webhooks/vk/3', raw('vk-message-new').replace('vk-callback-secret', 'x'))).status).toBe(401);
    expect((await api.request('GET', '/contacts/?source_id=3')).body).toHaveLength(1);
  });

  it('answers 404 for an unknown source or a source without that channel', async () => {
    expect(
      (await api.request('POST', '/webhooks/telegram/99', raw('telegram-message'), { 'x-telegram-bot-api-secret-token': 'tg-secret_1' }))
        .status,
    ).toBe(404);
    expect((await api.request('POST', '/webhooks/vk/1', raw('vk-message-new'))).status).toBe(404);
  });

  it('POST /contacts/ with an Idempotency-Key returns the original contact on a repeat', async () => {
    const body = { lead_external_id: '8 (916) 123-45-67', source_id: 1 };
    const first = await api.request('POST', '/contacts/', body, { 'idempotency-key': 'crm-form-7f3a' });
    expect(first.status).toBe(201);
    const again = await api.request(
      'POST',
      '/contacts/',
      { ...body, lead_external_id: '+79161234567' },
      { 'idempotency-key': 'crm-form-7f3a' },
    );
    expect(again).toMatchObject({ status: 200, body: first.body });
    const other = await api.request(
      'POST',
      '/contacts/',
      { lead_external_id: '+79990000000', source_id: 1 },
      { 'idempotency-key': 'crm-form-7f3a' },
    );
    expect(other).toMatchObject({ status: 422, body: { detail: [{ loc: ['header', 'idempotency-key'] }] } });
    expect((await api.request('POST', '/contacts/', body, { 'idempotency-key': 'has space' })).status).toBe(422);
  });
});
