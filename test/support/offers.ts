import { getSourceRouting, replaceSource } from '../../lib/db/sources';
import type { RoutingPolicy } from '../../lib/routing/modes';

/** Gives a source another routing policy, keeping its name and channel. */
export async function updateSourceRouting(sourceId: number, routing: RoutingPolicy): Promise<void> {
  const current = await getSourceRouting(sourceId);
  await replaceSource(sourceId, { name: current!.source.name, routing });
}
