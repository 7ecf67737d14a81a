import type { CountryCode } from 'libphonenumber-js/min';
import type { Verdict } from '../auth/rate-limit';
import { defaultPhoneRegion } from '../config';
import { commitContactChange, getContact, lastOperatorOfLead, type StoredContact } from '../db/contacts';
import { findIdempotencyRecord, newIdempotencyRecord, type IdempotencyRecord } from '../db/idempotency';
import { nextIds } from '../db/ids';
import { findLead } from '../db/leads';
import { getSourceRouting, type SourceRouting } from '../db/sources';
import { InvalidError, notFound, TooManyRequestsError } from '../errors';
import { normalizeExternalId } from '../leads/external-id';
import type { Random } from '../routing/weighted';
import type { Contact, RegisterContactInput } from '../schemas/contacts';
import type { Lead } from '../schemas/leads';
import { candidatesOf, newWorkClaim, routeContact, rotationOf } from './placement';
import { placeContact, publicContact } from './placement-state';

export interface RegistrationOptions {
  random?: Random;
  now?: () => Date;
  /**
   * Makes the registration happen at most once per scope (`contactRequestScope`,
   * `webhookDeliveryScope`): a repeat returns the original contact; the same scope with another
   * lead or source is refused.
   */
  idempotencyScope?: string | undefined;
  /** The id of the API key that registers it: an integration key may read back only its own. */
  registeredBy?: string | null | undefined;
  /** The source's routing table, when the caller has its read under way already (webhooks). */
  routing?: Promise<SourceRouting | undefined>;
  /** Checked on the source before anything is written; throws to refuse (webhook signatures). */
  authorize?: (routing: SourceRouting | undefined) => void;
  /** Spends a budget for a new contact once it is authorized and not a repeat (a source's webhooks: `takeWebhookContact`). */
  spendBudget?: () => Promise<Verdict>;
}

export interface Registration {
  contact: Contact;
  /** True when this was a repeat of a registration done before. */
  replayed: boolean;
}

/**
 * Registers a contact from a lead through a source and routes it to an operator under the source's
 * policy, storing why.
 *
 * Three sequential round trips on the happy path: (1) the source's routing table, the lead and, with
 * an idempotency scope, its record, in parallel; (2) the assigned operators, the new ids, for a
 * sticky source the lead's last operator and for a webhook its source's budget, in parallel; (3) one
 * transaction that claims the chosen operator's capacity, counts the contact on their assignment,
 * puts the contact and its explanation, creates the lead if new and records the idempotency scope.
 * When no operator is eligible the contact is stored with `operator_id: null` and waits in its
 * source's backlog.
 */
export async function registerContact(
  input: Omit<RegisterContactInput, 'priority'> & Partial<Pick<RegisterContactInput, 'priority'>>,
  {
    random = Math.random,
    now = () => new Date(),
    idempotencyScope,
    routing: routingRead,
    authorize,
    registeredBy = null,
    spendBudget,
  }: RegistrationOptions = {},
): Promise<Registration> {
  const externalId = normalizeExternalId(input.lead_external_id, defaultPhoneRegion() as CountryCode);
  // What the request asks for: a repeat must ask for the same.
  const idempotency =
    idempotencyScope === undefined ? undefined : { scope: idempotencyScope, fingerprint: `${input.source_id}:${externalId}` };
  const [routing, knownLead, done] = await Promise.all([
    routingRead ?? getSourceRouting(input.source_id),
    findLead(externalId),
    idempotency && findIdempotencyRecord(idempotency.scope, now()),
  ]);
  authorize?.(routing);
  if (!routing) throw notFound('Source', input.source_id);
  if (done) return replay(done, idempotency!.fingerprint);
  const policy = routing.source.routing;

  const [candidates, ids, previousOperatorId, budget] = await Promise.all([
    candidatesOf(routing),
    nextIds(knownLead ? ['CONTACT'] : ['CONTACT', 'LEAD']),
    policy.sticky && knownLead ? lastOperatorOfLead(knownLead.id) : undefined,
    spendBudget?.(),
  ]);
  // Past the budget nothing is written: the ids drawn are skipped, as a failed transaction's are.
  if (budget && !budget.allowed) {
    throw new TooManyRequestsError(`Source ${input.source_id} has had all the new contacts it may have for now`, budget.retryAfterSeconds);
  }
  const createdAt = now();
  const rotation = rotationOf(routing);
  let lead: Lead = knownLead ?? { id: ids.LEAD, external_id: input.lead_external_id, created_at: createdAt.toISOString(), erased_at: null };
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
      rotation,
      commit: (chosen, explanation) => {
        const arrived: StoredContact = {
          id: ids.CONTACT,
          lead_id: lead.id,
          source_id: input.source_id,
          operator_id: null,
          status: 'open',
          created_at: createdAt.toISOString(),
          closed_at: null,
          offer_expires_at: null,
          priority: input.priority ?? 0,
          needs_manager: false,
          offers: [],
          offer_round: 0,
          assigned_at: null,
          registered_by: registeredBy,
          request_scope: idempotency?.scope ?? null,
          version: 1,
        };
        contact = placeContact(arrived, chosen, policy, createdAt);
        return commitContactChange({
          contact,
          claim: chosen && newWorkClaim(chosen, createdAt, input.source_id),
          newLead: leadIsNew ? { lead, normalizedExternalId: externalId } : undefined,
          explanation,
          idempotency: idempotency && {
            record: newIdempotencyRecord(idempotency.scope, idempotency.fingerprint, ids.CONTACT, createdAt),
            now: createdAt,
          },
        });
      },
    });
    if (outcome === 'committed') return { contact: publicContact(contact!), replayed: false };
    if (outcome === 'duplicate') {
      // A concurrent delivery of the same request got there first: answer as it did.
      const record = await findIdempotencyRecord(idempotency!.scope, now());
      if (!record) throw new Error(`The idempotency record of contact ${ids.CONTACT} was reported but is not there`);
      return replay(record, idempotency!.fingerprint);
    }
    if (outcome !== 'lead_exists') throw new Error(`Registering contact ${ids.CONTACT} ended in ${outcome}`);
    // A concurrent first contact of the same person created the lead: join it.
    const existing = await findLead(externalId);
    if (!existing) throw new Error(`The lead of contact ${ids.CONTACT} was reported as existing but is not there`);
    lead = existing;
    leadIsNew = false;
  }
}

/** The answer to a repeated request: the contact it created, unless the key now asks for something else. */
async function replay(record: IdempotencyRecord, fingerprint: string): Promise<Registration> {
  if (record.fingerprint !== fingerprint) {
    throw new InvalidError('Idempotency-Key was already used for a different request', ['header', 'idempotency-key']);
  }
  const contact = await getContact(record.contact_id);
  if (!contact) throw new Error(`Contact ${record.contact_id} of an idempotency record is missing`);
  return { contact: publicContact(contact), replayed: true };
}
