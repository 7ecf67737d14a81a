import { commitContactChange, type StoredContact } from '../db/contacts';
import { nextIds } from '../db/ids';
import { findLead } from '../db/leads';
import { getSourceRouting } from '../db/sources';
import { notFound } from '../errors';
import { normalizeExternalId } from '../leads/external-id';
import type { Random } from '../routing/weighted';
import type { Contact, RegisterContactInput } from '../schemas/contacts';
import type { Lead } from '../schemas/leads';
import { candidatesOf, placeContact } from './placement';

export interface RegistrationOptions {
  random?: Random;
  now?: () => Date;
}

/**
 * Registers a contact from a lead through a source and routes it to an operator.
 *
 * Three sequential round trips on the happy path: (1) the source's routing table and the lead, in
 * parallel; (2) the assigned operators and the new ids, in parallel; (3) one transaction that claims
 * the chosen operator's capacity, puts the contact and creates the lead if new. When no operator is
 * eligible the contact is stored with `operator_id: null` and waits in its source's backlog.
 */
export async function registerContact(
  input: RegisterContactInput,
  { random = Math.random, now = () => new Date() }: RegistrationOptions = {},
): Promise<Contact> {
  const externalId = normalizeExternalId(input.lead_external_id);
  const [routing, knownLead] = await Promise.all([getSourceRouting(input.source_id), findLead(externalId)]);
  if (!routing) throw notFound('Source', input.source_id);

  const [candidates, ids] = await Promise.all([candidatesOf(routing), nextIds(knownLead ? ['CONTACT'] : ['CONTACT', 'LEAD'])]);
  const createdAt = now().toISOString();
  let lead: Lead = knownLead ?? { id: ids.LEAD, external_id: input.lead_external_id, created_at: createdAt };
  let leadIsNew = !knownLead;
  for (;;) {
    let contact: StoredContact | undefined;
    const { outcome } = await placeContact(candidates, random, (chosen) => {
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
        claim: chosen && { operatorId: chosen.operatorId, newWork: true },
        newLead: leadIsNew ? { lead, normalizedExternalId: externalId } : undefined,
      });
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
