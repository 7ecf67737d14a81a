import { commitContactChange, lastOperatorOfLead, type StoredContact } from '../db/contacts';
import { nextIds } from '../db/ids';
import { findLead } from '../db/leads';
import { getSourceRouting } from '../db/sources';
import { notFound } from '../errors';
import { normalizeExternalId } from '../leads/external-id';
import type { Random } from '../routing/weighted';
import type { Contact, RegisterContactInput } from '../schemas/contacts';
import type { Lead } from '../schemas/leads';
import { candidatesOf, routeContact } from './placement';

export interface RegistrationOptions {
  random?: Random;
  now?: () => Date;
}

/**
 * Registers a contact from a lead through a source and routes it to an operator under the source's
 * policy, storing why.
 *
 * Three sequential round trips on the happy path: (1) the source's routing table and the lead, in
 * parallel; (2) the assigned operators, the new ids and, for a sticky source, the lead's last
 * operator, in parallel; (3) one transaction that claims the chosen operator's capacity, counts the
 * contact on their assignment, puts the contact and its explanation, and creates the lead if new.
 * When no operator is eligible the contact is stored with `operator_id: null` and waits in its
 * source's backlog.
 */
export async function registerContact(
  input: RegisterContactInput,
  { random = Math.random, now = () => new Date() }: RegistrationOptions = {},
): Promise<Contact> {
  const externalId = normalizeExternalId(input.lead_external_id);
  const [routing, knownLead] = await Promise.all([getSourceRouting(input.source_id), findLead(externalId)]);
  if (!routing) throw notFound('Source', input.source_id);
  const policy = routing.source.routing;

  const [candidates, ids, previousOperatorId] = await Promise.all([
    candidatesOf(routing),
    nextIds(knownLead ? ['CONTACT'] : ['CONTACT', 'LEAD']),
    policy.sticky && knownLead ? lastOperatorOfLead(knownLead.id) : undefined,
  ]);
  const createdAt = now().toISOString();
  let lead: Lead = knownLead ?? { id: ids.LEAD, external_id: input.lead_external_id, created_at: createdAt };
  let leadIsNew = !knownLead;
  for (;;) {
    let contact: StoredContact | undefined;
    const { outcome } = await routeContact({
      trigger: 'registration',
      policy,
      candidates,
      previousOperatorId,
      random,
      now,
      commit: (chosen, explanation) => {
        contact = {
          id: ids.CONTACT,
          lead_id: lead.id,
          source_id: input.source_id,
          operator_id: chosen?.operatorId ?? null,
          status: 'open',
          created_at: createdAt,
          closed_at: null,
          version: 1,
        };
        return commitContactChange({
          contact,
          claim: chosen && { operatorId: chosen.operatorId, newWork: true, viaSource: input.source_id },
          newLead: leadIsNew ? { lead, normalizedExternalId: externalId } : undefined,
          explanation,
        });
      },
    });
    if (outcome === 'committed') return publicContact(contact!);
    if (outcome !== 'lead_exists') throw new Error(`Registering contact ${ids.CONTACT} ended in ${outcome}`);
    // A concurrent first contact of the same person created the lead: join it.
    const existing = await findLead(externalId);
    if (!existing) throw new Error(`Lead ${externalId} reported as existing but not found`);
    lead = existing;
    leadIsNew = false;
  }
}

/** The contact as the API shows it, without storage details. */
export const publicContact = ({ version: _version, ...contact }: StoredContact): Contact => contact;
