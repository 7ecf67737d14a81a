import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../lib/auth/roles';
import { registerContact } from '../../lib/contacts/register';
import { ROUTES, type Route } from '../../lib/routes';
import { useFreshTable } from '../support/database';
import { DEPLOYED_ROUTES, type DeployedRoute } from '../support/deployed-routes';
import { sourceWithOperators } from '../support/fixtures';

/**
 * Every route that takes a key, called in process with a key of every role (as the authorizer hands
 * it on), against a spec of the roles written apart from the table the functions enforce: each call
 * is refused with a 403 exactly when the role may not make it.
 */
const ROOT = join(__dirname, '..', '..');
const keyed = DEPLOYED_ROUTES.filter((route) => route.keyed);

const OWN_OPERATOR = 1;
const OPERATOR_ROUTES = ['', '/load', '/heartbeat', '/schedule', '/telegram-link'];
const ADMIN_ONLY = /^\/(subscriptions|telegram\/bot|api-keys)/;

/** The roles as the issue and README describe them, for a call on operator `operatorId`'s things or contact `contactId`. */
function mayCall(role: Role, method: string, path: string, target: { operatorId: number; contactId: number }): boolean {
  if (role === 'admin' || (method === 'GET' && path === '/api-keys/me')) return true;
  if (role === 'manager') return !ADMIN_ONLY.test(path);
  // A viewer reads everything but secrets, exports of personal data and the audit trail (managers').
  if (role === 'viewer') {
    const reads = method === 'GET' || path === '/sources/{source_id}/simulate';
    return reads && !ADMIN_ONLY.test(path) && !path.endsWith('/export') && path !== '/audit';
  }
  // Contact 1 was registered by the integration key and went to operator 1; contact 2 neither.
  const own = target.contactId === 1;
  if (role === 'integration')
    return (method === 'POST' && path === '/contacts') || (method === 'GET' && path === '/contacts/{contact_id}' && own);
  const operatorRoute = OPERATOR_ROUTES.some((suffix) => path === `/operators/{operator_id}${suffix}`);
  // Of itself an operator key reads and changes (presence only) its operator, never replaces or deletes it.
  const itself = path === '/operators/{operator_id}' && !['GET', 'PATCH'].includes(method);
  if (operatorRoute) return !itself && target.operatorId === OWN_OPERATOR;
  if (path === '/contacts') return method === 'GET';
  if (
    ['/contacts/{contact_id}', '/contacts/{contact_id}/close', '/contacts/{contact_id}/accept', '/contacts/{contact_id}/decline'].includes(
      path,
    )
  ) {
    return own;
  }
  return false;
}

function eventOf(route: DeployedRoute, role: Role, ids: { operatorId: number; contactId: number }): APIGatewayProxyEventV2 {
  const path: Record<string, string> = {};
  for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
    path[name!] =
      name === 'operator_id'
        ? String(ids.operatorId)
        : name === 'contact_id'
          ? String(ids.contactId)
          : name === 'key_id'
            ? '0123456789ab'
            : '1';
  }
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: route.path,
    headers: {},
    pathParameters: path,
    isBase64Encoded: false,
    requestContext: {
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'roles' },
      requestId: 'roles',
      routeKey,
      stage: '$default',
      authorizer: {
        lambda: { role, key_id: `key-${role}`, key_name: role, ...(role === 'operator' ? { operator_id: OWN_OPERATOR } : {}) },
      },
    },
  } as unknown as APIGatewayProxyEventV2;
}

const context = { awsRequestId: 'roles', functionName: 'roles' } as Context;

describe('key roles on every route', () => {
  it('puts the key authorizer in front of exactly the routes that say who may call them', () => {
    const withAccess = Object.values(ROUTES as Record<string, Route>).filter((route) => route.access !== undefined);
    expect(withAccess.map((route) => `${route.method.toUpperCase()} ${route.path}`).sort()).toEqual(
      keyed.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });

  describe.each(ROLES)('a key of role %s', (role) => {
    beforeAll(async () => {
      await useFreshTable();
      await sourceWithOperators([10, 10], 5);
      // Contact 1 registered by the integration key, to operator 1; contact 2 by nobody, to operator 2.
      await registerContact({ lead_external_id: '+79161234567', source_id: 1 }, { registeredBy: 'key-integration', random: () => 0 });
      await registerContact({ lead_external_id: '+79161234568', source_id: 1 }, { random: () => 0.99 });
    });

    const calls = keyed.flatMap((route) => {
      const targets = route.path.includes('{operator_id}')
        ? [
            { operatorId: 1, contactId: 1 },
            { operatorId: 2, contactId: 1 },
          ]
        : route.path.includes('{contact_id}')
          ? [
              { operatorId: 1, contactId: 1 },
              { operatorId: 1, contactId: 2 },
            ]
          : [{ operatorId: 1, contactId: 1 }];
      return targets.map((target) => [`${route.method} ${route.path} ${JSON.stringify(target)}`, route, target] as const);
    });

    it.each(calls)('%s', async (_, route, target) => {
      const module = (await import(join(ROOT, route.module))) as {
        handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<{ statusCode: number; body?: string }>;
      };
      const response = await module.handler(eventOf(route, role, target), context);
      const allowed = mayCall(role, route.method, route.path, target);
      if (allowed) expect(response.statusCode, response.body).not.toBe(403);
      else {
        expect(response.statusCode, response.body).toBe(403);
        expect(JSON.parse(response.body!).detail).toMatch(/key/);
      }
    });
  });
});
