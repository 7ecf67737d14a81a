import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, TooManyRequestsError } from '../errors';

/**
 * What a key may do: `admin` everything; `manager` operators, sources, assignments, routing,
 * contacts and stats, not keys, subscriptions or the operators' bot; `integration` registers contacts
 * and reads those it registered; `operator` (bound to one operator) their own presence, schedule,
 * offers and contacts; `viewer` reads.
 */
export const ROLES = ['admin', 'manager', 'integration', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the authorizer found the key; the local stack without keys calls as `admin`. */
export interface Caller {
  role: Role;
  keyId: string | null;
  keyName: string | null;
  /** The operator an `operator` key is bound to. */
  operatorId: number | null;
}

export const KEYLESS_CALLER: Caller = { role: 'admin', keyId: null, keyName: null, operatorId: null };

/** The authorizer's context as it reaches a function (`requestContext.authorizer.lambda`). */
export interface CallerContext {
  role: Role;
  key_id: string;
  key_name: string;
  operator_id?: number;
  /** Set when the key is past its request budget: the function answers 429 without doing anything. */
  retry_after?: number;
}

/** The caller of a request: from the authorizer's context, or keyless where no authorizer ran (`npm start`). */
export function callerOf(event: APIGatewayProxyEventV2): Caller {
  const context = (event.requestContext as { authorizer?: { lambda?: Partial<CallerContext> } } | undefined)?.authorizer?.lambda;
  if (!context?.role) return KEYLESS_CALLER;
  if (!(ROLES as readonly string[]).includes(context.role) || !context.key_id) throw new ForbiddenError('This key has an unknown role');
  if (context.retry_after !== undefined) {
    throw new TooManyRequestsError(
      `Key ${context.key_id} is past its budget of requests; retry after ${context.retry_after} s`,
      Number(context.retry_after),
    );
  }
  return {
    role: context.role,
    keyId: context.key_id ?? null,
    keyName: context.key_name ?? null,
    operatorId: context.operator_id === undefined ? null : Number(context.operator_id),
  };
}

/**
 * Who may call a route: the roles allowed outright, and for keys scoped to their own things whether
 * the route is theirs to call: `operator` for an operator key on its own operator (`{operator_id}` in
 * the path), `contact` for an operator or integration key reading its own contact, `assigned` for an
 * operator key acting on its own operator's contact (both checked where the contact is read, on the
 * version the change is conditioned on: `assertOwnContact`).
 */
export interface Access {
  roles: readonly Role[];
  own?: 'operator' | 'contact' | 'assigned';
}

export const ADMIN: Access = { roles: ['admin'] };
export const MANAGE: Access = { roles: ['admin', 'manager'] };
export const READ: Access = { roles: ['admin', 'manager', 'viewer'] };
export const EVERY_KEY: Access = { roles: ROLES };
export const withOwn = (access: Access, own: Access['own']): Access => ({ ...access, own });

/** The roles a route's `own` rule lets in, for what is theirs. */
export const OWN_ROLES: Record<NonNullable<Access['own']>, readonly Role[]> = {
  operator: ['operator'],
  contact: ['operator', 'integration'],
  assigned: ['operator'],
};

const needed = (access: Access | undefined) => {
  const roles = [...(access?.roles ?? []), ...(access?.own ? OWN_ROLES[access.own].map((role) => `${role} (its own)`) : [])];
  return roles.length === 0 ? 'no key may call this route' : `this needs a key of role ${roles.join(' or ')}`;
};

/**
 * Refuses (403) a call its key's role does not allow on this route (`access`, from its entry in
 * lib/routes.ts; none: no key may call it); an operator key only on its own operator. Keyless
 * callers (public routes, `npm start` without keys) pass. Contacts a scoped key owns are checked
 * where they are read.
 */
export function authorizeRoute(
  caller: Caller,
  access: Access | undefined,
  routeKey: string | undefined,
  pathParameters: Record<string, string | undefined> = {},
): void {
  if (caller.keyId === null) return;
  if (access?.roles.includes(caller.role)) return;
  if (access?.own && OWN_ROLES[access.own].includes(caller.role)) {
    if (access.own !== 'operator') return;
    if (caller.operatorId !== null && pathParameters.operator_id === String(caller.operatorId)) return;
    throw new ForbiddenError(`An operator key acts only on its own operator (${caller.operatorId})`);
  }
  throw new ForbiddenError(`A key of role ${caller.role} may not call ${routeKey ?? 'this route'}: ${needed(access)}`);
}

/** What a key is, as its caller: `GET /api-keys/me` (keyless on the local stack: an admin with no key). */
export const whoAmI = (caller: Caller) => ({
  key_id: caller.keyId,
  name: caller.keyName,
  role: caller.role,
  operator_id: caller.operatorId,
});

/** Refuses (403) a scoped key a contact that is not its own: an operator key's are its operator's, an integration key's those it registered. */
export function assertOwnContact(caller: Caller, contact: { operator_id: number | null; registered_by?: string | null }): void {
  if (caller.role === 'operator' && contact.operator_id !== null && contact.operator_id === caller.operatorId) return;
  if (caller.role === 'integration' && contact.registered_by != null && contact.registered_by === caller.keyId) return;
  if (caller.role === 'operator' || caller.role === 'integration') {
    throw new ForbiddenError(`A key of role ${caller.role} acts only on its own contacts`);
  }
}

/** An operator key may change its own presence and nothing else of itself. */
export function assertOperatorChange(caller: Caller, fields: Record<string, unknown>): void {
  if (caller.role !== 'operator') return;
  const others = Object.keys(fields).filter((field) => field !== 'presence' && fields[field] !== undefined);
  if (others.length > 0) throw new ForbiddenError(`An operator key may change only its presence, not ${others.join(', ')}`);
}

/** The contact filter an operator key lists under: its own operator's, whatever else it asks. */
export function scopedContactFilter<F extends { operator_id?: number | undefined }>(caller: Caller, filter: F): F {
  if (caller.role !== 'operator') return filter;
  if (filter.operator_id !== undefined && filter.operator_id !== caller.operatorId) {
    throw new ForbiddenError(`An operator key lists only its own operator's contacts (${caller.operatorId})`);
  }
  return { ...filter, operator_id: caller.operatorId ?? -1 };
}
