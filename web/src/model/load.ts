import type { Operator } from '../api/types';

/** How full an operator is, as a manager reads it at a glance. */
export type LoadLevel = 'off' | 'idle' | 'light' | 'busy' | 'full';

/** The share of capacity in use, 0..1 (1 for an operator with no capacity at all). */
export const loadRatio = ({ current_load, max_load }: Pick<Operator, 'current_load' | 'max_load'>): number =>
  max_load <= 0 ? 1 : Math.min(1, current_load / max_load);

/** Switched off, idle (nothing to do), light (under 60 %), busy, or full (no room for another contact). */
export function loadLevel(operator: Pick<Operator, 'is_active' | 'current_load' | 'max_load'>): LoadLevel {
  if (!operator.is_active) return 'off';
  if (operator.current_load >= operator.max_load) return 'full';
  if (operator.current_load === 0) return 'idle';
  return loadRatio(operator) < 0.6 ? 'light' : 'busy';
}
