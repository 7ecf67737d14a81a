import { contactsOfSourceBetween, type StoredContact } from '../db/contacts';
import { getOperators } from '../db/operators';
import { getSourceRouting } from '../db/sources';
import { InvalidError, notFound } from '../errors';
import { seededRandom } from '../routing/random';
import type { Random } from '../routing/weighted';
import { MAX_SIMULATED_CONTACTS, type Simulation, type SimulationInput } from '../schemas/simulation';
import { simulateRouting, type Arrival, type SimulatedOperator } from './engine';
import { measureOutcome, percentile, type Outcome, type Placement } from './measure';

/** How long a contact keeps its operator busy when the data cannot say: the median of those that can, else 10 minutes. */
const DEFAULT_HANDLE_MS = 600_000;
/** Contacts still waiting a day after the last arrival count as never assigned. */
const HORIZON_MS = 86_400_000;

/** An exponentially distributed duration with this mean. */
const exponential = (random: Random, meanMs: number) => -Math.log(1 - random()) * meanMs;

/**
 * The period's real contacts as arrivals: when they came, and how long they kept an operator busy
 * where known (from being given to being closed). One still open stays open; one closed without ever
 * being given to anyone gets the median of the known.
 */
function realArrivals(contacts: readonly StoredContact[]): Arrival[] {
  const handled = (contact: StoredContact) =>
    contact.assigned_at && contact.closed_at ? Date.parse(contact.closed_at) - Date.parse(contact.assigned_at) : undefined;
  const known = contacts.flatMap((contact) => handled(contact) ?? []).sort((a, b) => a - b);
  const typical = percentile(known, 0.5) ?? DEFAULT_HANDLE_MS;
  return contacts.map((contact) => ({
    at: Date.parse(contact.created_at),
    handleMs: contact.closed_at === null ? Number.POSITIVE_INFINITY : (handled(contact) ?? typical),
    lead: contact.lead_id,
  }));
}

/** The period's real contacts as placements, measured like simulated ones (one still open counts to the end). */
const realPlacements = (contacts: readonly StoredContact[]): Placement[] =>
  contacts.map((contact) => ({
    operatorId: contact.assigned_at ? contact.operator_id : null,
    arrivedAt: Date.parse(contact.created_at),
    assignedAt: contact.assigned_at ? Date.parse(contact.assigned_at) : null,
    releasedAt: contact.closed_at ? Date.parse(contact.closed_at) : null,
  }));

/** Poisson arrivals at `per_hour` from `start`, each with an exponentially distributed handling time. */
function syntheticArrivals(
  { contacts, per_hour, handle_minutes }: { contacts: number; per_hour: number; handle_minutes: number },
  start: number,
  random: Random,
) {
  let at = start;
  return Array.from({ length: contacts }, (): Arrival => {
    at += exponential(random, 3_600_000 / per_hour);
    return { at: Math.round(at), handleMs: Math.max(1_000, Math.round(exponential(random, handle_minutes * 60_000))) };
  });
}

/**
 * What a source's contacts would do under a proposed setup: its real contacts of a period (with their
 * real arrival times and, where known, how long each stayed open) or synthetic Poisson arrivals,
 * routed in memory through the proposed routing, weights, capacities, hours and quotas, measured
 * beside what really happened. Reads the source, its operators and the period's contacts, and writes
 * nothing. The same input and seed give the same answer.
 *
 * What it cannot know it assumes: every proposed active operator is present (presence is not
 * foreseeable), offers are accepted at once, loads start at zero and only this source's contacts
 * are counted, on loads and quotas alike.
 */
export async function simulateSource(sourceId: number, input: SimulationInput, now = new Date()): Promise<Simulation> {
  const routing = await getSourceRouting(sourceId);
  if (!routing) throw notFound('Source', sourceId);
  const weightNow = new Map(routing.assignments.map((assignment) => [assignment.operator_id, assignment.weight]));
  // Quotas left out are kept as they are now.
  const proposed = input.assignments ?? routing.assignments.map(({ operator_id, weight }) => ({ operator_id, weight, quota: undefined }));

  let arrivals: Arrival[];
  let real: { contacts: StoredContact[]; truncated: boolean } | undefined;
  if ('from' in input.replay) {
    real = await contactsOfSourceBetween(sourceId, input.replay, MAX_SIMULATED_CONTACTS);
    arrivals = realArrivals(real.contacts);
  } else {
    // Arrivals draw from a stream of their own, so that trying another routing keeps the same traffic.
    const start = input.replay.start ? Date.parse(input.replay.start) : now.getTime();
    arrivals = syntheticArrivals(input.replay, start, seededRandom(input.seed ^ 0x5bd1e995));
  }
  const realIds = real?.contacts.flatMap((contact) => contact.operator_id ?? []) ?? [];
  const ids = [...new Set([...proposed.map((assignment) => assignment.operator_id), ...realIds])];
  const known = new Map((await getOperators(ids)).map((operator) => [operator.id, operator]));

  const operators: SimulatedOperator[] = proposed.map((assignment, i) => {
    const operator = known.get(assignment.operator_id);
    if (!operator) throw new InvalidError(`Operator ${assignment.operator_id} not found`, ['body', 'assignments', i, 'operator_id']);
    const change = input.operators.find((o) => o.operator_id === operator.id);
    return {
      operatorId: operator.id,
      weight: assignment.weight,
      maxLoad: change?.max_load ?? operator.max_load,
      isActive: operator.is_active,
      workingHours: change?.schedule === undefined ? operator.schedule : change.schedule,
      quota: change?.quota === undefined ? operator.quota : change.quota,
      sourceQuota: assignment.quota === undefined ? (operator.via[String(sourceId)]?.quota ?? null) : assignment.quota,
    };
  });
  const policy = input.routing ?? routing.source.routing;
  const placements = simulateRouting({ policy, operators, arrivals, random: seededRandom(input.seed), horizonMs: HORIZON_MS });
  const end = 'from' in input.replay ? Date.parse(input.replay.to) : (arrivals.at(-1)?.at ?? now.getTime());
  const withNames = (outcome: Outcome, weightOf: (id: number) => number): Simulation['simulated'] => ({
    ...outcome,
    operators: outcome.operators.map(({ operator_id, ...measured }) => ({
      operator_id,
      name: known.get(operator_id)?.name ?? '',
      weight: weightOf(operator_id),
      ...measured,
    })),
  });
  const proposedWeight = (id: number) => operators.find((o) => o.operatorId === id)?.weight ?? 0;

  let actual: Simulation['actual'] = null;
  if (real) {
    // Everyone who took part, really or in the proposal, at the capacity they really have.
    const measured = ids.map((id) => ({ operatorId: id, maxLoad: known.get(id)?.max_load ?? 0 }));
    actual = withNames(measureOutcome(realPlacements(real.contacts), measured, end), (id) => weightNow.get(id) ?? 0);
  }
  return {
    source_id: sourceId,
    seed: input.seed,
    mode: policy.mode,
    replay: {
      kind: real ? 'period' : 'synthetic',
      from: 'from' in input.replay ? input.replay.from : new Date(arrivals[0]!.at).toISOString(),
      to: 'from' in input.replay ? input.replay.to : new Date(arrivals.at(-1)!.at).toISOString(),
      contacts: arrivals.length,
      truncated: real?.truncated ?? false,
    },
    simulated: withNames(measureOutcome(placements, operators, end), proposedWeight),
    actual,
  };
}
