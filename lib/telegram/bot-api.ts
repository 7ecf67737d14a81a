/** Where the Bot API is: Telegram's unless TELEGRAM_API_BASE_URL says otherwise (the tests' fake Bot API on 127.0.0.1). */
const baseUrl = () => (process.env.TELEGRAM_API_BASE_URL || 'https://api.telegram.org').replace(/\/$/, '');

/** A Bot API call that Telegram refused: its `error_code` (HTTP status) and `description`. */
export class TelegramApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(`Telegram answered ${status}: ${description}`);
  }

  /** Trying again cannot help: the chat blocked the bot, does not exist, or the request is wrong (not 429). */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

/** Calls one Bot API method with JSON parameters and answers its `result`; never logs the token, which is in the URL. */
export async function callBotApi<T = unknown>(token: string, method: string, params: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${baseUrl()}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { ok?: boolean; result?: T; error_code?: number; description?: string };
  if (!response.ok || !body.ok) throw new TelegramApiError(body.error_code ?? response.status, body.description ?? 'no description');
  return body.result as T;
}
