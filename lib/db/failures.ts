const UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'TransactionInProgressException',
  // A plain write that met an ongoing transaction on the same item (e.g. PUT /operators/{id} while a
  // registration claims that operator). The SDK does not retry it; the client should, shortly.
  'TransactionConflictException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** True for failures that say "try again later" (throttling, outages, network) rather than "this is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNAVAILABLE_NAMES.has(error.name)) return true;
  const { code, $metadata } = error as Error & { code?: string; $metadata?: { httpStatusCode?: number } };
  if (code && NETWORK_CODES.has(code)) return true;
  if (error.cause && isDatabaseUnavailable(error.cause)) return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return ($metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * The per-item reason codes of a cancelled transaction, in the order of its items; undefined for other
 * errors. Recognised by name, so that code which only maps errors (every handler) need not load the SDK.
 */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => (reason.Code === 'None' ? undefined : reason.Code));
}

/** Cancellation reasons that another attempt a moment later can get past. */
const RETRYABLE_REASONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** True when every reason a transaction was cancelled for is a collision or throttling. */
export const isRetryableCancellation = (codes: (string | undefined)[]): boolean =>
  codes.every((code) => code === undefined || RETRYABLE_REASONS.has(code));
