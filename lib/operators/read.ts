import { getOperator, setWorkingHours } from '../db/operators';
import { notFound } from '../errors';
import type { Operator, StoredOperator } from '../schemas/operators';
import type { WorkingHours } from '../schemas/schedules';
import { afterOperatorChange } from './update';
import { operatorView } from './view';

async function storedOperator(id: number): Promise<StoredOperator> {
  const operator = await getOperator(id);
  if (!operator) throw notFound('Operator', id);
  return operator;
}

/** One operator by id, as they stand now. */
export const readOperator = async (id: number, now = new Date()): Promise<Operator> => operatorView(await storedOperator(id), now);

/** An operator's working hours; 404 while none are set (always within hours). */
export async function readWorkingHours(id: number): Promise<WorkingHours> {
  const { schedule } = await storedOperator(id);
  if (!schedule) throw notFound('Schedule of operator', id);
  return schedule;
}

/** Sets an operator's working hours; a shift that starts now lets them take waiting contacts at once. */
export async function replaceWorkingHours(id: number, hours: WorkingHours, now = new Date()): Promise<WorkingHours> {
  await afterOperatorChange(await setWorkingHours(id, hours), now);
  return hours;
}

/** Removes an operator's working hours: from now on they are always within hours. */
export async function removeWorkingHours(id: number, now = new Date()): Promise<void> {
  await afterOperatorChange(await setWorkingHours(id, null), now);
}
