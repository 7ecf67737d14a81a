import { quotaPeriod, type Quota } from '../availability/quota';
import type { WorkingHours } from '../availability/schedule';
import { chooseOperator, turnWindow, type RoutingPolicy } from '../routing/modes';
import { FRESH_ROTATION, nextTurn, type Rotation } from '../routing/smooth';
import type { Candidate, Random } from '../routing/weighted';
import type { Placement } from './measure';

/** An operator as a simulation sees them: the proposed weight, capacity, hours and quotas. */
export interface SimulatedOperator {
  operatorId: number;
  weight: number;
  maxLoad: number;
  isActive: boolean;
  workingHours: WorkingHours | null;
  quota: Quota | null;
  sourceQuota: Quota | null;
}

/** A contact arriving (epoch milliseconds), how long it keeps its operator busy, and its lead (for stickiness). */
export interface Arrival {
  at: number;
  /** Infinite for a contact that stays open. */
  handleMs: number;
  lead?: number | undefined;
}

export interface SimulationRun {
  policy: RoutingPolicy;
  operators: readonly SimulatedOperator[];
  arrivals: readonly Arrival[];
  random: Random;
  /** Contacts still waiting this long after the last arrival count as unassigned. */
  horizonMs: number;
}

/** How often waiting contacts are tried again, as the backlog's drain does. */
const DRAIN_EVERY_MS = 60_000;

type Event = { at: number; order: number } & (
  | { kind: 'release'; operatorId: number }
  | { kind: 'arrival'; index: number }
  | { kind: 'drain' }
);

/** A binary heap of events by time; at the same time releases go first (they free capacity), then arrivals in order, then drains. */
class Timeline {
  private events: Event[] = [];
  private readonly before = (a: Event, b: Event) => a.at - b.at || a.order - b.order;

  push(event: Event) {
    const events = this.events;
    events.push(event);
    for (let i = events.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.before(events[i]!, events[parent]!) >= 0) break;
      [events[i], events[parent]] = [events[parent]!, events[i]!];
      i = parent;
    }
  }

  pop(): Event | undefined {
    const events = this.events;
    const top = events[0];
    const last = events.pop();
    if (events.length > 0 && last) {
      events[0] = last;
      for (let i = 0; ; ) {
        const [left, right] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (left < events.length && this.before(events[left]!, events[least]!) < 0) least = left;
        if (right < events.length && this.before(events[right]!, events[least]!) < 0) least = right;
        if (least === i) break;
        [events[i], events[least]] = [events[least]!, events[i]!];
        i = least;
      }
    }
    return top;
  }
}

/**
 * Routes the arrivals through the proposed operators with the same choice the live system makes
 * (`chooseOperator`, the same eligibility, quotas counted per calendar period, smooth weighted's
 * rotation turned as `takeTurn` turns it, round robin's counts from zero), in time order: a contact
 * nobody can take waits in FIFO order until a release or the minutely drain finds someone. Nothing
 * is read or written: the run is a function of its input and its random source.
 */
export function simulateRouting({ policy, operators, arrivals, random, horizonMs }: SimulationRun): Placement[] {
  const placements: Placement[] = arrivals.map((arrival) => ({
    operatorId: null,
    arrivedAt: arrival.at,
    assignedAt: null,
    releasedAt: null,
  }));
  const candidates: Candidate[] = operators.map((operator) => ({
    ...operator,
    currentLoad: 0,
    assigned: 0,
    quotaCounts: {},
    sourceQuotaCounts: {},
  }));
  const lastOperatorOfLead = new Map<number, number>();
  const timeline = new Timeline();
  for (const [index, arrival] of arrivals.entries()) timeline.push({ kind: 'arrival', index, at: arrival.at, order: 1 });
  const waiting: number[] = [];
  let rotation: Rotation = FRESH_ROTATION;
  let drainPending = false;
  const end = (arrivals.at(-1)?.at ?? 0) + horizonMs;

  const count = (counts: Record<string, number> | undefined, quota: Quota | null | undefined, at: Date) => {
    if (!quota || !counts) return;
    const period = quotaPeriod(quota, at);
    counts[period] = (counts[period] ?? 0) + 1;
  };
  const place = (index: number, at: number): boolean => {
    const now = new Date(at);
    const lead = arrivals[index]!.lead;
    const previous = policy.sticky && lead !== undefined ? lastOperatorOfLead.get(lead) : undefined;
    const window = turnWindow(policy, candidates, now, previous);
    if (window !== undefined) rotation = nextTurn(rotation, window);
    const turn = window === undefined ? undefined : rotation;
    const { chosen } = chooseOperator(policy, candidates, random, now, previous, turn);
    if (!chosen) return false;
    chosen.currentLoad++;
    chosen.assigned++;
    count(chosen.quotaCounts as Record<string, number>, chosen.quota, now);
    count(chosen.sourceQuotaCounts as Record<string, number>, chosen.sourceQuota, now);
    if (lead !== undefined) lastOperatorOfLead.set(lead, chosen.operatorId);
    const releasedAt = at + arrivals[index]!.handleMs;
    Object.assign(placements[index]!, {
      operatorId: chosen.operatorId,
      assignedAt: at,
      releasedAt: Number.isFinite(releasedAt) ? releasedAt : null,
    });
    if (Number.isFinite(releasedAt)) timeline.push({ kind: 'release', operatorId: chosen.operatorId, at: releasedAt, order: 0 });
    return true;
  };
  const drain = (at: number) => {
    while (waiting.length > 0 && place(waiting[0]!, at)) waiting.shift();
    if (waiting.length > 0 && !drainPending && at + DRAIN_EVERY_MS <= end) {
      drainPending = true;
      timeline.push({ kind: 'drain', at: at + DRAIN_EVERY_MS, order: 2 });
    }
  };

  for (let event = timeline.pop(); event && event.at <= end; event = timeline.pop()) {
    if (event.kind === 'arrival') {
      // Someone waiting goes first: a newcomer never overtakes the backlog.
      if (waiting.length > 0 || !place(event.index, event.at)) waiting.push(event.index);
      drain(event.at);
    } else if (event.kind === 'release') {
      candidates.find((candidate) => candidate.operatorId === event.operatorId)!.currentLoad--;
      drain(event.at);
    } else {
      drainPending = false;
      drain(event.at);
    }
  }
  return placements;
}
