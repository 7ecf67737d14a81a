import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pause } from '../../lib/db/retry';
import { FakeTelegram } from '../support/fake-telegram';
import { useApiStack } from '../support/stack';

async function eventually<T>(read: () => T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined || Date.now() > until) return value as T;
    await pause(100);
  }
}

describe('offers in Telegram, through the local stack and a fake Bot API', () => {
  const telegram = new FakeTelegram();
  const env: Record<string, string> = {};
  beforeAll(async () => {
    await telegram.start();
    env.TELEGRAM_API_BASE_URL = telegram.baseUrl;
  });
  afterAll(() => telegram.stop());
  const api = useApiStack({ env });
  const CHAT = 5550001;

  it('connects the bot once, with its token write-only, and refuses a token Telegram refuses', async () => {
    expect((await api.request('PUT', '/telegram/bot', { token: 'not-a-token' })).status).toBe(422);
    const refused = await api.request('PUT', '/telegram/bot', { token: '987654321:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(refused).toMatchObject({ status: 422, body: { detail: [{ msg: expect.stringContaining('Telegram refused the token') }] } });
    expect((await api.request('POST', '/operators/', { name: 'Иван', max_load: 5 })).status).toBe(201);
    expect((await api.request('POST', '/operators/1/telegram-link')).status).toBe(409);

    const connected = await api.request('PUT', '/telegram/bot', { token: telegram.token });
    expect(connected).toMatchObject({
      status: 200,
      body: { configured: true, username: 'crm_team_bot', webhook_url: `${api.url}/webhooks/telegram-bot` },
    });
    expect(telegram.webhook).toMatchObject({
      url: `${api.url}/webhooks/telegram-bot`,
      secret_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(telegram.sent('setWebhook')[0]).toMatchObject({ allowed_updates: ['message', 'callback_query'] });
    expect(JSON.stringify((await api.request('GET', '/telegram/bot')).body)).not.toContain(telegram.token.split(':')[1]);
    expect((await telegram.write(CHAT, '/start anything')).status).toBe(200);
    expect(await telegram.deliver({ update_id: 1 }, 'wrong-secret')).toBe(401);
  });

  it('links an operator’s chat with a one-time code', async () => {
    const link = await api.request('POST', '/operators/1/telegram-link');
    expect(link).toMatchObject({ status: 201, body: { link: `https://t.me/crm_team_bot?start=${link.body.code}` } });
    expect((await telegram.write(CHAT, `/start ${link.body.code}`)).status).toBe(200);
    expect(telegram.messages.at(-1)).toMatchObject({ chat_id: CHAT, text: 'Linked to Иван: your offers will come here.' });
    expect((await api.request('GET', '/operators/1')).body).toMatchObject({ telegram_linked: true });
    await telegram.write(CHAT + 1, `/start ${link.body.code}`); // used up: a second chat cannot take it
    expect(telegram.messages.at(-1)).toMatchObject({ chat_id: CHAT + 1, text: expect.stringContaining('unknown or expired') });
  });

  it('sends each offer with Accept and Decline, and a press accepts exactly once however often it comes', async () => {
    await api.request('POST', '/sources/', { name: 'Telegram Bot', routing: { mode: 'weighted_random', offer: { timeout_s: 30 } } });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 10 });
    const contact = (await api.request('POST', '/contacts/', { lead_external_id: '+79160000001', source_id: 1 })).body;
    expect(contact).toMatchObject({ status: 'offered', operator_id: 1 });
    const offer = await eventually(() =>
      telegram.messages.find((message) => message.reply_markup && message.text.includes(`#${contact.id} `)),
    );
    expect(offer.text).toContain('+79160000001');
    expect(offer.text).toContain('Telegram Bot');
    const [accept, decline] = offer.reply_markup.inline_keyboard[0];
    expect([accept.text, decline.text]).toEqual(['Accept', 'Decline']);

    const pressed = await telegram.press(CHAT, offer.message_id, accept.callback_data);
    expect(pressed.status).toBe(200);
    expect(telegram.sent('answerCallbackQuery').at(-1)).toMatchObject({ text: 'Accepted: the contact is yours' });
    expect((await api.request('GET', `/contacts/${contact.id}`)).body).toMatchObject({ status: 'open', operator_id: 1 });
    const edit = await eventually(() => telegram.sent('editMessageText').find((e) => e.message_id === offer.message_id));
    expect(edit).toMatchObject({ chat_id: CHAT, text: expect.stringContaining('Accepted'), reply_markup: { inline_keyboard: [] } });

    // Telegram retries the same update, and the operator presses again: nothing changes.
    expect(await telegram.deliver(pressed.update)).toBe(200);
    await telegram.press(CHAT, offer.message_id, decline.callback_data);
    expect(
      telegram
        .sent('answerCallbackQuery')
        .slice(-2)
        .map((answer) => answer.text),
    ).toEqual(['This offer is no longer open', 'This offer is no longer open']);
    const after = (await api.request('GET', `/contacts/${contact.id}`)).body;
    expect(after).toMatchObject({ status: 'open', operator_id: 1 });
    expect(after.offers.map((o: { outcome: string }) => o.outcome)).toEqual(['accepted']);
    expect((await api.request('GET', '/operators/1')).body.current_load).toBe(1);
  });

  it('says when an offer was declined, and refuses a press from a chat that is not the operator’s', async () => {
    const contact = (await api.request('POST', '/contacts/', { lead_external_id: '+79160000002', source_id: 1 })).body;
    const offer = await eventually(() =>
      telegram.messages.find((message) => message.reply_markup && message.text.includes(`#${contact.id} `)),
    );
    const [, decline] = offer.reply_markup.inline_keyboard[0];
    await telegram.press(CHAT + 7, offer.message_id, decline.callback_data);
    expect(telegram.sent('answerCallbackQuery').at(-1)).toMatchObject({ text: 'This chat is not linked to an operator' });
    expect((await api.request('GET', `/contacts/${contact.id}`)).body.status).toBe('offered');
    await telegram.press(CHAT, offer.message_id, decline.callback_data);
    expect((await api.request('GET', `/contacts/${contact.id}`)).body).toMatchObject({ status: 'open', operator_id: null });
    const edit = await eventually(() => telegram.sent('editMessageText').find((e) => e.message_id === offer.message_id));
    expect(edit.text).toContain('Declined');
  });

  it('unlinks: offers stop going to the chat', async () => {
    expect((await api.request('DELETE', '/operators/1/telegram-link')).status).toBe(204);
    expect((await api.request('GET', '/operators/1')).body).toMatchObject({ telegram_linked: false });
    expect((await api.request('DELETE', '/operators/99/telegram-link')).status).toBe(404);
    expect((await api.request('DELETE', '/telegram/bot')).status).toBe(204);
    expect((await api.request('GET', '/telegram/bot')).body).toEqual({ configured: false, username: null, webhook_url: null });
  });
});
