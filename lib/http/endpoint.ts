import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { actingAs } from '../audit/actor';
import { type Access, authorizeRoute, callerOf, type Caller } from '../auth/roles';
import { UnavailableError } from '../errors';
import { errorResponse, PayloadTooLargeError } from './error-response';
import { withSecurityHeaders } from './security-headers';
import { parseJson, parsePart } from './validation';

/**
 * How long before its function's timeout a request gives up and answers 503 itself: a timed-out
 * function reaches API Gateway's client as a bare 500, not in FastAPI's shape, and says nothing of
 * whether the change was made.
 */
export const ANSWER_MARGIN_MS = 1_000;

/** Rejects with a 503 once `ms` have passed; `cancel` stops the clock. */
function deadline(ms: number): { expired: Promise<never>; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new UnavailableError(
            'The request ran out of time; it may have been applied: look before retrying (a registration: retry with the same Idempotency-Key)',
          ),
        ),
      Math.max(0, ms),
    );
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

/** Larger bodies are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

/** What a handler takes and who may call it: its entry in lib/routes.ts (pages that are not API routes pass `{}`). */
export interface RequestSchemas {
  body?: z.ZodType;
  pathParams?: z.ZodType;
  query?: z.ZodType;
  /** Over the headers, whose names API Gateway gives in lower case. */
  headers?: z.ZodType;
  /** Who may call with a key; a keyed call to a route without it is refused. */
  access?: Access;
  /** Reached without a key (no authorizer runs in front of it). */
  public?: true;
}

type Part = 'body' | 'pathParams' | 'query' | 'headers';
type Parsed<S extends RequestSchemas, K extends Part> = S[K] extends z.ZodType ? z.output<S[K]> : undefined;

/** A request after validation: typed body, path and query, and the raw event for what schemas do not cover. */
export interface ParsedRequest<S extends RequestSchemas> {
  body: Parsed<S, 'body'>;
  path: Parsed<S, 'pathParams'>;
  query: Parsed<S, 'query'>;
  headers: Parsed<S, 'headers'>;
  /** Who calls, with the role of their key; already allowed this route. */
  caller: Caller;
  event: APIGatewayProxyEventV2;
}

export type Response = APIGatewayProxyStructuredResultV2;
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<Response>;

/** The body's bytes exactly as sent (what webhook signatures are computed over); 413 past the limit. */
export function rawBody(event: APIGatewayProxyEventV2): Buffer {
  const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (raw.byteLength > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`Request body too large: ${raw.byteLength} bytes, at most ${MAX_BODY_BYTES} accepted`);
  }
  return raw;
}

const readJsonBody = (event: APIGatewayProxyEventV2): unknown => (event.body ? parseJson(rawBody(event).toString('utf8')) : undefined);

function parseRequest<S extends RequestSchemas>(event: APIGatewayProxyEventV2, schemas: S, caller: Caller): ParsedRequest<S> {
  const part = (name: Part, read: () => unknown) => {
    const schema = schemas[name];
    return schema ? parsePart(name === 'pathParams' ? 'path' : name, schema, read()) : undefined;
  };
  return {
    path: part('pathParams', () => event.pathParameters ?? {}),
    query: part('query', () => event.queryStringParameters ?? {}),
    headers: part('headers', () => event.headers ?? {}),
    body: part('body', () => readJsonBody(event)),
    caller,
    event,
  } as ParsedRequest<S>;
}

/**
 * An HTTP API Lambda handler: refuses (403) a key whose role may not call the route, before anything
 * else is read, validates the request against its route's schemas, runs `action`, turns any
 * error into a FastAPI-shaped response in one place, and adds the security headers to every answer.
 */
export function endpoint<S extends RequestSchemas>(schemas: S, action: (request: ParsedRequest<S>) => Promise<Response>): Handler {
  return middy<APIGatewayProxyEventV2, Response>()
    .use({
      after: async (request) => {
        request.response = withSecurityHeaders(request.response);
      },
      onError: async (request) => {
        request.response = withSecurityHeaders(errorResponse(request.error, request.context.awsRequestId));
      },
    })
    .handler(async (event, context) => {
      const caller = callerOf(event);
      authorizeRoute(caller, schemas.access, event.routeKey, event.pathParameters);
      const work = actingAs(caller, () => action(parseRequest(event, schemas, caller)));
      const remaining = context.getRemainingTimeInMillis?.();
      if (remaining === undefined) return work;
      // The work goes on unanswered (each of its transactions commits whole or not at all): the client
      // learns only that it may have been applied.
      const clock = deadline(remaining - ANSWER_MARGIN_MS);
      try {
        return await Promise.race([work, clock.expired]);
      } finally {
        clock.cancel();
      }
    });
}
