import { describe, expect, it } from 'vitest';
import { explainRouting } from '../../../lib/routing/explanation';
import { chooseOperator, type RoutingPolicy } from '../../../lib/routing/modes';
import { replayDecision } from '../../../lib/routing/replay';
import { seededRandom } from '../../../lib/routing/random';
import type { Candidate } from '../../../lib/routing/weighted';

const at = new Date('2026-12-02T10:00:00Z');
const candidate = (operatorId: number, weight: number, assigned = 0, currentLoad = 0): Candidate => ({
  operatorId,
  weight,
  assigned,
  currentLoad,
  maxLoad: 10,
  isActive: true,
});
const decide = (policy: RoutingPolicy, candidates: Candidate[], random = Math.random) => {
  const turn = policy.mode === 'smooth_weighted' ? { window: '1:1,2:3,3:6', start: 7, turn: 12 } : undefined;
  const choice = chooseOperator(policy, candidates, random, at, undefined, turn);
  return explainRouting({
    trigger: 'registration',
    policy,
    previousOperatorId: undefined,
    candidates,
    lostRace: [],
    attempts: 1,
    at,
    ...choice,
  });
};

describe('replaying a routing decision', () => {
  const operators = [candidate(1, 1, 4), candidate(2, 3, 1, 5), candidate(3, 6, 2, 9)];

  it('gives the winner again for every mode, over many draws', () => {
    const random = seededRandom(7);
    for (const mode of ['weighted_random', 'weighted_round_robin', 'least_loaded', 'smooth_weighted'] as const) {
      for (let i = 0; i < 200; i++) {
        const explanation = decide({ mode, sticky: false }, operators, random);
        expect(replayDecision(explanation)).toBe(explanation.winner);
      }
    }
  });

  it('depends on what was recorded: another draw, another count, another turn picks someone else', () => {
    const random = decide({ mode: 'weighted_random', sticky: false }, operators, () => 0.05);
    expect(random.draw).toBe(0.05);
    expect(replayDecision(random)).toBe(1);
    expect(replayDecision({ ...random, draw: 0.95 })).toBe(3);

    const roundRobin = decide({ mode: 'weighted_round_robin', sticky: false }, operators);
    const counts = roundRobin.candidates.map((c) => ({ ...c, assigned: c.operator_id === roundRobin.winner ? 50 : 0 }));
    expect(replayDecision({ ...roundRobin, candidates: counts })).not.toBe(roundRobin.winner);

    const smooth = decide({ mode: 'smooth_weighted', sticky: false }, [candidate(1, 1), candidate(2, 3), candidate(3, 6)]);
    expect(smooth.turn).toEqual({ start: 7, index: 4 });
    const winners = new Set(Array.from({ length: 10 }, (_, index) => replayDecision({ ...smooth, turn: { start: 7, index } })));
    expect(winners).toEqual(new Set([1, 2, 3]));
  });

  it('cannot replay a manager’s pick, and replays a sticky one to the previous operator', () => {
    const manual = { ...decide({ mode: 'weighted_random', sticky: false }, operators), decided_by: 'manual' as const };
    expect(replayDecision(manual)).toBeUndefined();
    const sticky = explainRouting({
      trigger: 'registration',
      policy: { mode: 'weighted_random', sticky: true },
      previousOperatorId: 2,
      candidates: operators,
      lostRace: [],
      attempts: 1,
      at,
      ...chooseOperator({ mode: 'weighted_random', sticky: true }, operators, Math.random, at, 2),
    });
    expect(replayDecision(sticky)).toBe(2);
  });
});
