import { countOpenContacts } from '../db/contacts';
import { getOperator } from '../db/operators';
import { notFound } from '../errors';
import type { OperatorLoad } from '../schemas/operators';

/** An operator's load as stored and as counted from their open contacts. */
export async function operatorLoad(id: number): Promise<OperatorLoad> {
  const [operator, openContacts] = await Promise.all([getOperator(id), countOpenContacts(id)]);
  if (!operator) throw notFound('Operator', id);
  return {
    operator_id: id,
    is_active: operator.is_active,
    current_load: operator.current_load,
    max_load: operator.max_load,
    free_capacity: Math.max(0, operator.max_load - operator.current_load),
    open_contacts: openContacts,
  };
}
