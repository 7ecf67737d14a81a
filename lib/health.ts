import { getItem } from './db/items';
import { counterKey } from './db/keys';

/** Up when the table answers a read; an unreachable database surfaces as the usual 503. */
export async function checkHealth(): Promise<{ status: 'ok' }> {
  await getItem(counterKey());
  return { status: 'ok' };
}
