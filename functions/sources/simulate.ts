import { endpoint } from '../../lib/http/endpoint';
import { ok } from '../../lib/http/responses';
import { SimulationInput } from '../../lib/schemas/simulation';
import { SourcePath } from '../../lib/schemas/sources';
import { simulateSource } from '../../lib/simulation/simulate';

/** POST /sources/{source_id}/simulate */
export const handler = endpoint({ path: SourcePath, body: SimulationInput }, async ({ path, body }) =>
  ok(await simulateSource(path.source_id, body)),
);
