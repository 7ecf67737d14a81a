import { getOperator } from '../db/operators';
import { notFound } from '../errors';
import type { Operator } from '../schemas/operators';

/** One operator by id. */
export async function readOperator(id: number): Promise<Operator> {
  const operator = await getOperator(id);
  if (!operator) throw notFound('Operator', id);
  return operator;
}
