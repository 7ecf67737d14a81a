import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { takeRequest } from '../../lib/auth/rate-limit';
import { createAssignment } from '../../lib/db/assignments';
import { listContacts } from '../../lib/db/contacts';
import { createSource } from '../../lib/db/sources';
import { TooManyRequestsError } from '../../lib/errors';
import { createOperator } from '../../lib/operators/update';
import { receiveTelegram } from '../../lib/webhooks/receive';
import { useFreshTable } from '../support/database';

beforeEach(async () => {
  await useFreshTable();
  process.env.RATE_LIMITS = JSON.stringify({ integration: 2 });
});
afterEach(() => {
  delete process.env.RATE_LIMITS;
});

describe('a key’s request budget', () => {
  it('lets through its rate times the window, refuses the rest until the next window, and counts keys apart', async () => {
    // 2 a second over a 2-second window: 4 requests, then refusals until the window turns.
    const start = Date.parse('2026-12-02T10:00:00.000Z');
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await takeRequest('k1', 'integration', start + i * 100));
    expect(answers.map((answer) => answer.allowed)).toEqual([true, true, true, true, false, false]);
    expect(answers[4]!.retryAfterSeconds).toBe(2);
    expect(await takeRequest('k2', 'integration', start + 500)).toMatchObject({ allowed: true });
    expect(await takeRequest('k1', 'integration', start + 2_000)).toMatchObject({ allowed: true });
  });

  it('holds under concurrency: of 20 requests at once, exactly the budget passes', async () => {
    const at = Date.parse('2026-12-02T10:00:10.000Z');
    const answers = await Promise.all(Array.from({ length: 20 }, () => takeRequest('k3', 'integration', at)));
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(4);
  });

  it('leaves admin keys unlimited', async () => {
    const at = Date.parse('2026-12-02T10:00:20.000Z');
    for (let i = 0; i < 10; i++) expect((await takeRequest('root', 'admin', at)).allowed).toBe(true);
  });
});

describe('a source’s webhook budget', () => {
  beforeEach(() => {
    process.env.WEBHOOK_RATE_LIMIT = '1';
    // Only the clock is fixed, so that the test stays within one window however slow the machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00.500Z'));
  });
  afterEach(() => {
    delete process.env.WEBHOOK_RATE_LIMIT;
    vi.useRealTimers();
  });

  const update = (id: number) =>
    Buffer.from(
      JSON.stringify({
        update_id: id,
        message: { message_id: id, from: { id: 1000 + id }, chat: { id: 1000 + id }, text: 'Здравствуйте' },
      }),
    );
  const signed = { 'x-telegram-bot-api-secret-token': 'tg-secret_1' };

  it('counts only new, authentic contacts, refuses the rest of a window with 429 and writes nothing for them', async () => {
    const bot = await createSource({ name: 'Telegram Bot', channel: { type: 'telegram', secret_token: 'tg-secret_1' } });
    const form = await createSource({ name: 'Telegram Bot 2', channel: { type: 'telegram', secret_token: 'tg-secret_1' } });
    const operator = await createOperator({ name: 'Анна', is_active: true, max_load: 50 });
    for (const source of [bot, form]) await createAssignment({ operator_id: operator.id, source_id: source.id, weight: 1 });

    // Strangers spend nothing of it.
    for (let i = 0; i < 5; i++) await expect(receiveTelegram(bot.id, {}, update(1))).rejects.toThrow(/Secret-Token/);
    // 1 a second over a 2-second window: two new contacts, and a platform's repeats of them are free.
    expect(await receiveTelegram(bot.id, signed, update(1))).toEqual({ json: { ok: true, contacts: [1] } });
    expect(await receiveTelegram(bot.id, signed, update(1))).toEqual({ json: { ok: true, contacts: [1] } });
    expect(await receiveTelegram(bot.id, signed, update(2))).toEqual({ json: { ok: true, contacts: [2] } });
    const refused = await receiveTelegram(bot.id, signed, update(3)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBe(2);
    // Another source has its own budget.
    expect(await receiveTelegram(form.id, signed, update(4))).toMatchObject({ json: { ok: true } });
    expect((await listContacts({ source_id: bot.id, limit: 10 })).items).toHaveLength(2);

    // The next window takes the refused delivery, once, when the platform retries it.
    vi.setSystemTime(new Date('2026-12-02T10:00:02.100Z'));
    const retried = await receiveTelegram(bot.id, signed, update(3));
    expect(await receiveTelegram(bot.id, signed, update(3))).toEqual(retried);
    expect((await listContacts({ source_id: bot.id, limit: 10 })).items).toHaveLength(3);
  });
});
