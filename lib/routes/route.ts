import * as z from 'zod';
import type { Access } from '../auth/roles';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a function may do to the table (serverless.ts turns each into one least-privilege IAM role). */
export type TableAccess = 'none' | 'reader' | 'writer' | 'deleter';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Plain text rather than JSON. */
  text?: boolean;
  example?: unknown;
}

interface RouteBase {
  method: Method;
  path: string;
  /** The handler's file under `functions/`, without `.ts`; it exports `handler`. */
  handler: string;
  iam: TableAccess;
  /** Seconds, when the API's default (10) is too short. */
  timeout?: number;
  summary: string;
  tag: string;
  /** Validated before the handler runs. */
  body?: z.ZodType;
  /** Documented only: the handler reads the body itself, after checking the webhook's proof. */
  rawBody?: z.ZodType;
  bodyExample?: unknown;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  responses: Record<number, ResponseDoc>;
}

/**
 * One route of the API: where it is deployed, what its function may do to the table, who may call it,
 * what it takes (the schemas its handler validates with, through `endpoint`) and what it answers.
 * Either public (no API key: webhooks carry their own proof) or keyed, with who may call it.
 */
export type Route = RouteBase & ({ public: true; access?: never } | { access: Access; public?: never });

export const list = (schema: z.ZodType, example: unknown): ResponseDoc => ({
  description: 'A page of the list in ascending id order; the next page, if any, is in the `Link: <...>; rel="next"` header',
  schema: z.array(schema),
  example: [example],
});
export const one = (description: string, schema: z.ZodType, example?: unknown): ResponseDoc => ({ description, schema, example });
