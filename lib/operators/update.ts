import { dispatchForOperator } from '../contacts/dispatch';
import { replaceOperator } from '../db/operators';
import type { Operator, OperatorInput } from '../schemas/operators';

/**
 * Changes an operator's name, activity or capacity (all of them for PUT, those given for PATCH). If that gave them room for new work (switched
 * on, or `max_load` raised), waiting contacts of their sources are assigned at once. Switching an
 * operator off keeps their open contacts with them; it only stops new ones.
 */
export async function updateOperator(id: number, input: Partial<OperatorInput>): Promise<Operator> {
  const { before, after } = await replaceOperator(id, input);
  const gainedRoom = after.is_active && (!before.is_active || after.max_load > before.max_load);
  if (gainedRoom && after.current_load < after.max_load) await dispatchForOperator(id);
  return after;
}
