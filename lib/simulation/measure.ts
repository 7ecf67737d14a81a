/** Where one contact went in a run, real or simulated, and when (epoch milliseconds). */
export interface Placement {
  operatorId: number | null;
  arrivedAt: number;
  /** When an operator got it; null if nobody did. */
  assignedAt: number | null;
  /** When it stopped counting on their load; null while it still does. */
  releasedAt: number | null;
}

export interface MeasuredOperator {
  operator_id: number;
  contacts: number;
  share: number;
  peak_load: number;
  hours_at_capacity: number;
}

export interface Outcome {
  contacts: number;
  assigned: number;
  /** Contacts that found nobody free at once and waited (or still wait). */
  waited: number;
  unassigned: number;
  median_wait_seconds: number | null;
  p95_wait_seconds: number | null;
  operators: MeasuredOperator[];
}

/** The value at or below which `p` of the sorted values lie (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const HOUR_MS = 3_600_000;

/**
 * Per operator, the contacts they got and their share, their peak load from these contacts and the
 * hours they spent at capacity (load at `max_load`) until `end`; for all, how many waited and how
 * long. Real runs and simulated ones are measured by this same function, so they compare.
 */
export function measureOutcome(
  placements: readonly Placement[],
  operators: readonly { operatorId: number; maxLoad: number }[],
  end: number,
): Outcome {
  const assigned = placements.filter((placement) => placement.assignedAt !== null);
  const waits = assigned.map((placement) => (placement.assignedAt! - placement.arrivedAt) / 1000).sort((a, b) => a - b);
  return {
    contacts: placements.length,
    assigned: assigned.length,
    waited: placements.filter((placement) => placement.assignedAt === null || placement.assignedAt > placement.arrivedAt).length,
    unassigned: placements.length - assigned.length,
    median_wait_seconds: percentile(waits, 0.5),
    p95_wait_seconds: percentile(waits, 0.95),
    operators: operators.map(({ operatorId, maxLoad }) => {
      const theirs = assigned.filter((placement) => placement.operatorId === operatorId);
      // Their load over time: +1 when a contact reaches them, -1 when it leaves.
      const steps = theirs
        .flatMap((placement) => [
          { at: placement.assignedAt!, delta: 1 },
          ...(placement.releasedAt !== null && placement.releasedAt < end ? [{ at: placement.releasedAt, delta: -1 }] : []),
        ])
        .sort((a, b) => a.at - b.at || a.delta - b.delta);
      let load = 0;
      let peak = 0;
      let atCapacityMs = 0;
      for (const [i, step] of steps.entries()) {
        load += step.delta;
        peak = Math.max(peak, load);
        const until = steps[i + 1]?.at ?? end;
        if (maxLoad > 0 && load >= maxLoad) atCapacityMs += Math.max(0, Math.min(until, end) - step.at);
      }
      return {
        operator_id: operatorId,
        contacts: theirs.length,
        share: assigned.length > 0 ? theirs.length / assigned.length : 0,
        peak_load: peak,
        hours_at_capacity: Math.round((atCapacityMs / HOUR_MS) * 100) / 100,
      };
    }),
  };
}
