import type { Operator } from '../api/types';
import { loadLevel, loadRatio } from '../model/load';
import { usePage } from './context';

/** `current_load / max_load` as a bar coloured by how full the operator is. */
export function LoadBar({ operator }: { operator: Operator }) {
  const { t } = usePage();
  const level = loadLevel(operator);
  const label = `${t.operators.load(operator.current_load, operator.max_load)} · ${t.operators.level[level]}`;
  return (
    <div class="load">
      <div
        class={`load-bar level-${level}`}
        role="meter"
        aria-label={t.operators.loadOf(operator.name)}
        aria-valuemin={0}
        aria-valuemax={operator.max_load}
        aria-valuenow={operator.current_load}
        aria-valuetext={label}
      >
        <div class="load-fill" style={{ width: `${Math.round(loadRatio(operator) * 100)}%` }} />
      </div>
      <span class="load-text">{label}</span>
    </div>
  );
}
