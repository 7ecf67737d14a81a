import { countActiveContacts } from '../db/contacts';
import { getOperator } from '../db/operators';
import { notFound } from '../errors';
import type { OperatorLoad } from '../schemas/operators';

/** An operator's load as stored and as counted from their open and offered contacts. */
export async function operatorLoad(id: number): Promise<OperatorLoad> {
  const [operator, active] = await Promise.all([getOperator(id), countActiveContacts(id)]);
  if (!operator) throw notFound('Operator', id);
  return {
    operator_id: id,
    is_active: operator.is_active,
    current_load: operator.current_load,
    max_load: operator.max_load,
    free_capacity: Math.max(0, operator.max_load - operator.current_load),
    open_contacts: active.open,
    offered_contacts: active.offered,
  };
}
