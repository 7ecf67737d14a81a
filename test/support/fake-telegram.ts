import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotApiCall {
  method: string;
  params: Record<string, any>;
}

/**
 * A fake Telegram Bot API on 127.0.0.1: it knows one bot token, records every call, answers as
 * Telegram does (`{ok, result}` or `{ok: false, error_code, description}`), and plays updates back
 * to the webhook the bot set, with the `secret_token` it was given, as Telegram would.
 */
export class FakeTelegram {
  readonly calls: BotApiCall[] = [];
  readonly token = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
  private server: Server | undefined;
  private nextMessageId = 100;
  private nextUpdateId = 1;
  webhook: { url: string; secret_token: string } | undefined;
  /** Messages the bot sent, with the ids they got. */
  readonly messages: { message_id: number; chat_id: number; text: string; reply_markup?: any }[] = [];

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const match = /^\/bot([^/]+)\/(\w+)$/.exec(request.url ?? '');
        const reply = (status: number, body: unknown) =>
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (!match || match[1] !== this.token) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
        const method = match[2]!;
        const params = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        this.calls.push({ method, params });
        if (method === 'getMe')
          return reply(200, { ok: true, result: { id: 123456789, is_bot: true, first_name: 'CRM', username: 'crm_team_bot' } });
        if (method === 'setWebhook') this.webhook = { url: params.url, secret_token: params.secret_token };
        if (method === 'sendMessage') {
          const message = {
            message_id: this.nextMessageId++,
            chat_id: params.chat_id,
            text: params.text,
            reply_markup: params.reply_markup,
          };
          this.messages.push(message);
          return reply(200, {
            ok: true,
            result: { message_id: message.message_id, chat: { id: params.chat_id, type: 'private' }, date: 0, text: params.text },
          });
        }
        return reply(200, { ok: true, result: true });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Calls of one method, in order. */
  sent(method: string): Record<string, any>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.params);
  }

  /** Posts an update to the bot's webhook as Telegram does (again, for a retried update); answers the webhook's HTTP status. */
  async deliver(update: Record<string, unknown>, secret = this.webhook!.secret_token): Promise<number> {
    const response = await fetch(this.webhook!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    await response.body?.cancel();
    return response.status;
  }

  /** The operator writes `text` in their private chat with the bot. */
  write(chatId: number, text: string) {
    return this.newUpdate({
      message: { message_id: this.nextMessageId++, date: 0, chat: { id: chatId, type: 'private' }, from: { id: chatId }, text },
    });
  }

  /** The operator presses a button under a message the bot sent. */
  press(chatId: number, messageId: number, data: string) {
    const id = this.nextUpdateId;
    return this.newUpdate({
      callback_query: {
        id: `q${id}`,
        from: { id: chatId },
        message: { message_id: messageId, chat: { id: chatId, type: 'private' }, date: 0 },
        chat_instance: '1',
        data,
      },
    });
  }

  private async newUpdate(body: Record<string, unknown>): Promise<{ status: number; update: Record<string, unknown> }> {
    const update = { update_id: this.nextUpdateId++, ...body };
    return { status: await this.deliver(update), update };
  }
}
