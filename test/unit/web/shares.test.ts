import { describe, expect, it } from 'vitest';
import type { Assignment, Contact, Operator } from '../../../web/src/api/types';
import { loadLevel } from '../../../web/src/model/load';
import { countShares } from '../../../web/src/model/shares';

const operator = (id: number, fields: Partial<Operator> = {}): Operator => ({
  id,
  name: `op${id}`,
  is_active: true,
  max_load: 10,
  current_load: 0,
  ...fields,
});
const assignment = (operator_id: number, weight: number, source_id = 1): Assignment => ({
  id: operator_id * 10 + source_id,
  operator_id,
  source_id,
  weight,
});
const contact = (id: number, operator_id: number | null, source_id = 1): Contact => ({
  id,
  lead_id: id,
  source_id,
  operator_id,
  created_at: '2026-11-25T07:00:00Z',
});

describe('shares counted in the page', () => {
  it('expects weight over the weights of operators who can take a contact now, and counts what each got', () => {
    const operators = [operator(1), operator(2), operator(3, { is_active: false }), operator(4, { current_load: 10 })];
    const assignments = [assignment(1, 30), assignment(2, 10), assignment(3, 50), assignment(4, 50), assignment(1, 99, 2)];
    const contacts = [contact(1, 1), contact(2, 1), contact(3, 2), contact(4, 3), contact(5, null), contact(6, 1, 2)];
    const shares = countShares(1, 'weighted_random', operators, assignments, contacts);
    expect(
      shares.operators.map(({ operator_id, expected_share, assigned, actual_share }) => ({
        operator_id,
        expected_share,
        assigned,
        actual_share,
      })),
    ).toEqual([
      { operator_id: 1, expected_share: 0.75, assigned: 2, actual_share: 0.5 },
      { operator_id: 2, expected_share: 0.25, assigned: 1, actual_share: 0.25 },
      { operator_id: 3, expected_share: 0, assigned: 1, actual_share: 0.25 },
      { operator_id: 4, expected_share: 0, assigned: 0, actual_share: 0 },
    ]);
  });

  it('has no shares to show before anything was assigned', () => {
    const shares = countShares(1, 'weighted_random', [operator(1, { is_active: false })], [assignment(1, 5)], []);
    expect(shares.operators).toMatchObject([{ expected_share: 0, actual_share: 0, assigned: 0 }]);
  });
});

describe('load levels', () => {
  it.each([
    [{ is_active: false, current_load: 0, max_load: 5 }, 'off'],
    [{ is_active: true, current_load: 0, max_load: 5 }, 'idle'],
    [{ is_active: true, current_load: 2, max_load: 5 }, 'light'],
    [{ is_active: true, current_load: 4, max_load: 5 }, 'busy'],
    [{ is_active: true, current_load: 5, max_load: 5 }, 'full'],
    [{ is_active: true, current_load: 0, max_load: 0 }, 'full'],
  ] as const)('%o is %s', (load, level) => {
    expect(loadLevel(load)).toBe(level);
  });
});
