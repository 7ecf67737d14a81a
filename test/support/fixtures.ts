import { registerContact as registerOnce } from '../../lib/contacts/register';
import { createAssignment } from '../../lib/db/assignments';
import { createOperator } from '../../lib/db/operators';
import { createSource } from '../../lib/db/sources';

/** A source with one operator per weight, each of capacity `maxLoad`. */
export async function sourceWithOperators(weights: number[], maxLoad: number) {
  const source = await createSource({ name: 'Telegram Bot' });
  const operators = [];
  for (const [i, weight] of weights.entries()) {
    const operator = await createOperator({ name: `Operator ${i + 1}`, is_active: true, max_load: maxLoad });
    await createAssignment({ operator_id: operator.id, source_id: source.id, weight });
    operators.push(operator);
  }
  return { source, operators };
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** Registers a contact and returns it (the tests that need `replayed` call the library directly). */
export const registerContact = async (...args: Parameters<typeof registerOnce>) => (await registerOnce(...args)).contact;

/** How many of these contacts each operator got (`null`: nobody), by operator id. */
export function contactsPerOperator(operatorIds: (number | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of operatorIds) counts[String(id)] = (counts[String(id)] ?? 0) + 1;
  return counts;
}
