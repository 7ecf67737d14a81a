import { quotaUsed } from '../availability/quota';
import type { Assignment, StoredAssignment } from '../schemas/assignments';

/** An assignment as the API shows it at `now`: with the count of its quota's current period. */
export const assignmentView = (assignment: StoredAssignment, now: Date = new Date()): Assignment => ({
  ...assignment,
  quota_used: assignment.quota ? quotaUsed(assignment.quota, assignment.quota_used, now) : null,
});
