/**
 * Domain errors. Library code throws these; `lib/http/error-response.ts` is the one place that turns
 * them into HTTP responses.
 */
export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (HTTP 404). */
export class NotFoundError extends DomainError {}

/** The request contradicts what is stored, e.g. a pair assigned twice (HTTP 409). */
export class ConflictError extends DomainError {}

/** The request is not from who it claims to be: a missing or wrong webhook secret or signature (HTTP 401). */
export class UnauthorizedError extends DomainError {}

/** The caller is known but not allowed this (HTTP 403), e.g. a wrong webhook verify token. */
export class ForbiddenError extends DomainError {}

/** A field is valid on its own but not acceptable here (HTTP 422), e.g. a cursor that was tampered with. */
export class InvalidError extends DomainError {
  constructor(
    message: string,
    readonly loc: (string | number)[],
    readonly type = 'value_error',
  ) {
    super(message);
  }
}

/** The database is throttling, unreachable or too contended right now; the client should retry (HTTP 503). */
export class UnavailableError extends DomainError {
  constructor(
    message = 'Service temporarily unavailable, retry shortly',
    readonly retryAfterSeconds = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The key made more requests than its role's budget allows (HTTP 429, with `Retry-After`). */
export class TooManyRequestsError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Shorthand for the 404s of the seed: `Operator 7 not found`. */
export const notFound = (entity: string, id: number | string) => new NotFoundError(`${entity} ${id} not found`);
