import { Webhook } from 'standardwebhooks';

/** A receiver that has not answered within this long has failed the attempt. */
export const RECEIVER_TIMEOUT_MS = 10_000;

/** How one attempt went: `ok` for a 2xx; `status` is null when the receiver could not be reached or timed out. */
export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** Trying again cannot help (a Telegram chat that blocked the bot): the delivery fails now. */
  permanent?: boolean;
}

const describeFailure = (error: unknown): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${RECEIVER_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return (cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))).slice(0, 200);
};

/**
 * Sends one event as the Standard Webhooks specification says (standardwebhooks.com): headers
 * `webhook-id` (the event's id, the same on every attempt, for receivers to deduplicate),
 * `webhook-timestamp` (this attempt's time) and `webhook-signature`, computed over the exact body by
 * the `standardwebhooks` package with the subscription's `whsec_` secret. Redirects are not followed.
 */
export async function sendSignedEvent(url: string, secret: string, eventId: string, payload: string, now: Date): Promise<AttemptResult> {
  const signature = new Webhook(secret).sign(eventId, now, payload);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(RECEIVER_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'lead-distribution-crm-webhooks/1',
        'webhook-id': eventId,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: payload,
    });
    // The body is not read beyond what frees the connection: receivers' answers carry nothing for us.
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error) };
  }
}
