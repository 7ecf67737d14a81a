import type { ApiClient } from './client';

export type Role = 'admin' | 'manager' | 'viewer' | 'integration' | 'operator';

/** What the page's key may do: its role, and the operator an `operator` key acts for. */
export interface KeyAccess {
  role: Role;
  operatorId: number | null;
}

/** Asks the API what the key is (`GET /api-keys/me`); on the local stack without keys, an admin. */
export async function readAccess(api: ApiClient): Promise<KeyAccess> {
  const me = await api.request<{ role: Role; operator_id: number | null }>('GET', '/api-keys/me');
  return { role: me.role, operatorId: me.operator_id };
}

/** Which view a key gets: the board for those who run it, their own page for an operator, none for an integration's key. */
export type View = 'board' | 'operator' | 'none';
export const viewOf = ({ role }: KeyAccess): View => (role === 'operator' ? 'operator' : role === 'integration' ? 'none' : 'board');
