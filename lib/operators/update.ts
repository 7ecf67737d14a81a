import { moveOffersOnAway } from '../contacts/offers';
import { dispatchForOperator } from '../contacts/dispatch';
import {
  createOperator as storeOperator,
  listOperators as readOperators,
  updateOperatorFields,
  type OperatorChange,
} from '../db/operators';
import type { Page, PageRequest } from '../db/pagination';
import type { Operator, OperatorInput } from '../schemas/operators';
import { canTakeWork, operatorView } from './view';

/** Creates an operator. */
export const createOperator = async (input: OperatorInput, now = new Date()): Promise<Operator> =>
  operatorView(await storeOperator(input), now);

/** Operators in id order, a page at a time, as they stand now. */
export async function listOperators(page: PageRequest, now = new Date()): Promise<Page<Operator>> {
  const { items, nextCursor } = await readOperators(page);
  return { items: items.map((operator) => operatorView(operator, now)), ...(nextCursor ? { nextCursor } : {}) };
}

/**
 * What follows a change of an operator: if they can now take work they could not take before (switched
 * on, back from away, a heartbeat after silence, more room), waiting contacts of their sources go to
 * them at once; if they went away or offline, their pending offers on sources that say `reoffer` move
 * on. Either way they keep the contacts they have.
 */
export async function afterOperatorChange({ before, after }: OperatorChange, now: Date): Promise<Operator> {
  const gainedRoom = canTakeWork(after, now) && (!canTakeWork(before, now) || after.max_load > before.max_load);
  if (gainedRoom) await dispatchForOperator(after.id);
  if (before.presence === 'available' && after.presence !== 'available') await moveOffersOnAway(after.id, { now: () => now });
  return operatorView(after, now);
}

/** Changes an operator's fields (all of them for PUT, those given for PATCH); their load is kept. */
export const updateOperator = async (id: number, input: Partial<OperatorInput>, now = new Date()): Promise<Operator> =>
  afterOperatorChange(await updateOperatorFields(id, input, 'updated'), now);

/** The operator's client says they are there: keeps a liveness-checked operator available. */
export const recordHeartbeat = async (id: number, now = new Date()): Promise<Operator> =>
  afterOperatorChange(await updateOperatorFields(id, { last_heartbeat_at: now.toISOString() }), now);
