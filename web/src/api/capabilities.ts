import { ApiError, isMissingRoute, type ApiClient } from './client';

/**
 * What the API behind the page can do beyond the seed's endpoints. Features arrive one deployment at
 * a time; the page hides or disables what is not there rather than failing on it.
 */
export interface Capabilities {
  /** `GET /contacts/` filters (`status`, `operator_id`, `source_id`, `unassigned`) and `order=desc`. */
  contactFilters: boolean;
  /** Contacts have a status; `POST /contacts/{id}/close`, `/reopen`, `/reassign`. */
  contactLifecycle: boolean;
  /** `GET /contacts/{id}` with why it went where it went. */
  routingExplanation: boolean;
  /** Sources have a routing mode, settable with `PUT /sources/{id}`. */
  sourceRouting: boolean;
  /** `GET /sources/{id}/stats`: expected against actual shares. */
  sourceStats: boolean;
  /** `PUT /assignments/{id}`: changing a weight. */
  weightChange: boolean;
  /** `DELETE /assignments/{id}`: unassigning. */
  unassign: boolean;
  /** The key's role (`GET /api-keys/me`); an API without roles lets every key do everything. */
  role: Role;
}

export type Role = 'admin' | 'manager' | 'viewer' | 'integration' | 'operator';

export const SEED_CAPABILITIES: Capabilities = {
  contactFilters: false,
  contactLifecycle: false,
  routingExplanation: false,
  sourceRouting: false,
  sourceStats: false,
  weightChange: false,
  unassign: false,
  role: 'admin',
};

/** A refusal by the key's role names the role: the route is there, this key may just not call it. */
const refusedByRole = (error: unknown) => error instanceof ApiError && error.status === 403 && /^A key of role /.test(String(error.detail));

/** The key's role, or admin for an API that has no roles. */
async function roleOf(api: ApiClient): Promise<Role> {
  try {
    return (await api.request<{ role: Role }>('GET', '/api-keys/me')).role;
  } catch (error) {
    if (isMissingRoute(error)) return 'admin';
    throw error;
  }
}

/** Whether the API has a route: any answer but the catch-all's 404 means it has. */
async function hasRoute(api: ApiClient, method: string, path: string): Promise<boolean> {
  try {
    await api.request(method, path);
    return true;
  } catch (error) {
    if (isMissingRoute(error)) return false;
    if (refusedByRole(error)) return true;
    // Authentication and outages say nothing about the route: let the caller retry later.
    if (error instanceof ApiError && (error.status === 0 || error.status === 401 || error.status === 403 || error.status >= 500))
      throw error;
    return true;
  }
}

/** Whether `GET /contacts/` knows the `order` filter: only an API that has it refuses a wrong value. */
async function hasContactFilters(api: ApiClient): Promise<boolean> {
  try {
    await api.request('GET', '/contacts/', undefined, { limit: 1, order: 'sideways' });
    return false;
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) return true;
    throw error;
  }
}

/**
 * Asks the API what it has. Every probe names id 0, which no entity has (ids start at 1), so an API
 * that has the route refuses it as invalid and nothing is ever changed.
 */
export async function probeCapabilities(api: ApiClient): Promise<Capabilities> {
  const [contactFilters, contactLifecycle, routingExplanation, sourceRouting, sourceStats, weightChange, unassign, role] =
    await Promise.all([
      hasContactFilters(api),
      hasRoute(api, 'POST', '/contacts/0/close'),
      hasRoute(api, 'GET', '/contacts/0'),
      hasRoute(api, 'PUT', '/sources/0'),
      hasRoute(api, 'GET', '/sources/0/stats'),
      hasRoute(api, 'PUT', '/assignments/0'),
      hasRoute(api, 'DELETE', '/assignments/0'),
      roleOf(api),
    ]);
  return { contactFilters, contactLifecycle, routingExplanation, sourceRouting, sourceStats, weightChange, unassign, role };
}
