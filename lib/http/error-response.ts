import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isDatabaseUnavailable } from '../db/failures';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  TooManyRequestsError,
} from '../errors';
import { logError } from '../log';
import { json } from './responses';
import { RequestValidationError } from './validation';

/** The request body is larger than the API accepts (HTTP 413). */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/**
 * The one place where errors become HTTP responses, in FastAPI's shape. Messages of client errors are
 * shown; anything unexpected becomes a generic 500 and its details go to the log only.
 */
export function errorResponse(error: unknown, requestId?: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof RequestValidationError) return json(422, { detail: error.detail });
  if (error instanceof InvalidError) return json(422, { detail: [{ loc: error.loc, msg: error.message, type: error.type }] });
  if (error instanceof UnauthorizedError) return json(401, { detail: error.message });
  if (error instanceof ForbiddenError) return json(403, { detail: error.message });
  if (error instanceof NotFoundError) return json(404, { detail: error.message });
  if (error instanceof ConflictError) return json(409, { detail: error.message });
  if (error instanceof PayloadTooLargeError) return json(413, { detail: error.message });
  if (error instanceof TooManyRequestsError)
    return json(429, { detail: error.message }, { 'retry-after': String(error.retryAfterSeconds) });
  if (error instanceof UnavailableError || isDatabaseUnavailable(error)) {
    logError('database unavailable', error, requestId);
    const retryAfter = error instanceof UnavailableError ? error.retryAfterSeconds : 1;
    const message = error instanceof UnavailableError ? error.message : 'Database temporarily unavailable, retry shortly';
    return json(503, { detail: message }, { 'retry-after': String(retryAfter) });
  }
  logError('unhandled error', error, requestId);
  return json(500, { detail: 'Internal Server Error' });
}
