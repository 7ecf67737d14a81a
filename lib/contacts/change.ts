import { commitContactChange, getContact, type ContactChange, type StoredContact } from '../db/contacts';
import { backoffDelay, pause } from '../db/retry';
import { notFound, UnavailableError } from '../errors';
import { logWarning } from '../log';
import type { Random } from '../routing/weighted';
import { MAX_CONFLICT_RETRIES } from './placement';

/**
 * Reads the contact and applies `decide` to it until a change commits. `decide` answers the new
 * state once it has committed it; the contact as read when someone else changed it meanwhile (it is
 * then read and decided again); or `unchanged` when there is nothing to do.
 */
export async function changeContact(
  id: number,
  decide: (current: StoredContact) => Promise<StoredContact | 'unchanged'>,
  random: Random,
): Promise<{ before: StoredContact; after: StoredContact; changed: boolean }> {
  for (let attempt = 1; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
    const before = await getContact(id);
    if (!before) throw notFound('Contact', id);
    const after = await decide(before);
    if (after === 'unchanged') return { before, after: before, changed: false };
    if (after !== before) return { before, after, changed: true };
    await pause(backoffDelay(attempt, random));
  }
  throw new UnavailableError('The contact keeps changing, retry shortly');
}

/**
 * Commits a change that releases `release`'s capacity. If that operator's load is already zero (a
 * drift the invariant check reports), the contact still changes and the load stays at zero.
 */
export async function commitRelease(change: ContactChange & { release: number | undefined }) {
  let outcome = await commitContactChange(change);
  if (outcome === 'release_failed') {
    logWarning('operator load already zero on release', { operatorId: change.release, contactId: change.contact.id });
    outcome = await commitContactChange({ ...change, release: undefined });
  }
  return outcome;
}
