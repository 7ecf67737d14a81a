import { commitContact } from '../db/contacts';
import { nextIds } from '../db/ids';
import { findLead } from '../db/leads';
import { getOperators } from '../db/operators';
import { backoffDelay, pause } from '../db/retry';
import { getSourceRouting } from '../db/sources';
import { notFound, UnavailableError } from '../errors';
import { normalizeExternalId } from '../leads/external-id';
import { pickOperator, type Candidate, type Random } from '../routing/weighted';
import type { Assignment } from '../schemas/assignments';
import type { Contact, RegisterContactInput } from '../schemas/contacts';
import type { Lead } from '../schemas/leads';
import type { Operator } from '../schemas/operators';

/** Transaction conflicts tolerated before the request gives up with a 503. */
export const MAX_CONFLICT_RETRIES = 8;

export interface RegistrationOptions {
  random?: Random;
  now?: () => Date;
}

function toCandidates(assignments: Assignment[], operators: Operator[]): Candidate[] {
  const byId = new Map(operators.map((operator) => [operator.id, operator]));
  return assignments.flatMap(({ operator_id, weight }) => {
    const operator = byId.get(operator_id);
    return operator
      ? [{ operatorId: operator_id, weight, isActive: operator.is_active, currentLoad: operator.current_load, maxLoad: operator.max_load }]
      : [];
  });
}

/**
 * Registers a contact from a lead through a source and routes it to an operator.
 *
 * Three sequential round trips on the happy path: (1) the source's routing table and the lead, in
 * parallel; (2) the assigned operators and the new ids, in parallel; (3) one transaction that claims
 * the chosen operator's capacity, puts the contact and creates the lead if new. When the claim fails
 * because the operator filled up meanwhile, the pick is made again among the others (weighted
 * sampling without replacement, so each remaining eligible operator keeps probability weight / sum).
 * When no operator is eligible the contact is stored with `operator_id: null`.
 */
export async function registerContact(
  input: RegisterContactInput,
  { random = Math.random, now = () => new Date() }: RegistrationOptions = {},
): Promise<Contact> {
  const externalId = normalizeExternalId(input.lead_external_id);
  const [routing, knownLead] = await Promise.all([getSourceRouting(input.source_id), findLead(externalId)]);
  if (!routing) throw notFound('Source', input.source_id);

  const [operators, ids] = await Promise.all([
    getOperators(routing.assignments.map((assignment) => assignment.operator_id)),
    nextIds(knownLead ? ['CONTACT'] : ['CONTACT', 'LEAD']),
  ]);
  const createdAt = now().toISOString();
  let candidates = toCandidates(routing.assignments, operators);
  let lead: Lead = knownLead ?? { id: ids.LEAD, external_id: input.lead_external_id, created_at: createdAt };
  let leadIsNew = !knownLead;

  for (let conflicts = 0; ; ) {
    const chosen = pickOperator(candidates, random);
    const contact: Contact = {
      id: ids.CONTACT,
      lead_id: lead.id,
      source_id: input.source_id,
      operator_id: chosen?.operatorId ?? null,
      created_at: createdAt,
    };
    const outcome = await commitContact({
      contact,
      newLead: leadIsNew ? { lead, normalizedExternalId: externalId } : undefined,
    });
    if (outcome === 'committed') return contact;
    if (outcome === 'operator_unavailable') {
      candidates = candidates.filter((candidate) => candidate !== chosen);
      continue;
    }
    if (outcome === 'lead_exists') {
      const existing = await findLead(externalId);
      if (existing) {
        lead = existing;
        leadIsNew = false;
        continue;
      }
    }
    if (++conflicts > MAX_CONFLICT_RETRIES) throw new UnavailableError('Too many concurrent registrations, retry shortly');
    await pause(backoffDelay(conflicts, random));
  }
}
