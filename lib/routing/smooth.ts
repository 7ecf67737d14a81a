import type { Candidate, Random } from './weighted';

/**
 * Where a source's smooth weighted rotation stands: the window (who is eligible, with which weight),
 * the turn at which it began, and the last turn taken. Turns are handed out by an atomic counter,
 * so concurrent registrations each get their own turn without retrying.
 */
export interface Rotation {
  /** `id:weight` of the window's operators, sorted, comma-separated; empty before the first contact. */
  window: string;
  start: number;
  turn: number;
}

export const FRESH_ROTATION: Rotation = { window: '', start: 0, turn: 0 };

/**
 * The rotation after one more turn in `window`: the window goes on, or a new one begins at this turn.
 * What `takeTurn` (lib/db/sources.ts) does atomically on the stored rotation, for routing in memory.
 */
export const nextTurn = (rotation: Rotation, window: string): Rotation =>
  rotation.window === window ? { ...rotation, turn: rotation.turn + 1 } : { window, start: rotation.turn, turn: rotation.turn + 1 };

/** The window a set of eligible operators makes. */
export const windowOf = (eligible: readonly Candidate[]): string =>
  eligible
    .filter((candidate) => candidate.weight > 0)
    .map((candidate) => `${candidate.operatorId}:${candidate.weight}`)
    .sort()
    .join(',');

/** A small deterministic generator (mulberry32) for a window's tie-breaks, so that every request of the window sees the same order. */
function seeded(seed: string): Random {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The operator of turn `index` (0 for a window's first contact) of a window: Balinski and Young's
 * quota method from zero at the window's start. Among the operators whose next contact keeps them
 * within their upper quota (ceil((n + 1) * weight / total)), the one with the smallest
 * (count + 1) / weight gets it; ties go in an order drawn by a generator seeded with the window and
 * its start, so that windows cut short favour nobody and every request computes the same sequence.
 * After every n turns each operator has within one of n * weight / total (smooth weighted round
 * robin, as nginx balances upstreams, can stray further: weights 1, 20, 1, 1, 20 do by the 28th).
 * After `total` turns everyone has exactly their weight and the sequence starts over, so no turn
 * costs more than `total` steps.
 */
export function operatorOfTurn(
  eligible: readonly Candidate[],
  rotation: Pick<Rotation, 'window' | 'start'>,
  index: number,
): Candidate | undefined {
  const weighted = [...eligible].filter((candidate) => candidate.weight > 0).sort((a, b) => a.operatorId - b.operatorId);
  if (weighted.length === 0) return undefined;
  const weights = weighted.map((candidate) => candidate.weight);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const random = seeded(`${rotation.window}@${rotation.start}`);
  // The window's tie order: a seeded shuffle (Fisher-Yates) of the operators.
  const order = weighted.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const counts = weighted.map(() => 0);
  let chosen = 0;
  for (let given = 0; given <= index % total; given++) {
    let best = -1;
    for (const i of order) {
      // Within the upper quota, in integers so that no rounding can move the boundary.
      if (counts[i]! + 1 > Math.floor(((given + 1) * weights[i]! + total - 1) / total)) continue;
      if (best < 0 || (counts[i]! + 1) * weights[best]! < (counts[best]! + 1) * weights[i]!) best = i;
    }
    counts[best]!++;
    chosen = best;
  }
  return weighted[chosen];
}
