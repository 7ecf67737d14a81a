import type { CountryCode } from 'libphonenumber-js/min';
import type { Verdict } from '../auth/rate-limit';
import { defaultPhoneRegion } from '../config';
import { commitContactChange, getContact, type StoredContact } from '../db/contacts';
import { findIdempotencyRecord, newIdempotencyRecord, type IdempotencyRecord } from '../db/idempotency';
import { giveBackId, nextIds } from '../db/ids';
import { leadKey } from '../db/keys';
import { findLead } from '../db/leads';
import { readRegistrationFacts, rememberedRouting } from '../db/registration';
import { getSourceRouting, type SourceRouting } from '../db/sources';
import { InvalidError, notFound, TooManyRequestsError } from '../errors';
import { normalizeExternalId } from '../leads/external-id';
import type { Random } from '../routing/weighted';
import type { Contact, RegisterContactInput } from '../schemas/contacts';
import type { StoredLead } from '../schemas/leads';
import { candidatesFrom, leadMovesTo, newWorkClaim, routeContact, rotationOf } from './placement';
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
  /** Checked on the source before anything is spent or written; throws to refuse (webhook signatures). */
  authorize?: (routing: SourceRouting | undefined) => void;
  /** Spends a budget for a new contact once it is authorized, refunded if it was a repeat (a source's webhooks: `takeWebhookContact`). */
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
 * Two sequential round trips once the container has registered a contact of the source: (1) one
 * BatchGetItem of the source (its policy and weights), its operators, the lead and, with an
 * idempotency scope, its record, beside which go, when needed, an update of the id counter (a new
 * block of ids) and a webhook's spending of its source's budget; (2) one transaction that claims the
 * chosen operator's capacity (counting the contact there and against the quotas), puts the contact
 * with its routing explanation, creates the lead if new (or notes their new operator) and records the
 * idempotency scope. When no operator is eligible the contact is stored with `operator_id: null` and
 * waits in its source's backlog.
 */
export async function registerContact(
  input: Omit<RegisterContactInput, 'priority'> & Partial<Pick<RegisterContactInput, 'priority'>>,
  { random = Math.random, now = () => new Date(), idempotencyScope, authorize, registeredBy = null, spendBudget }: RegistrationOptions = {},
): Promise<Registration> {
  const externalId = normalizeExternalId(input.lead_external_id, defaultPhoneRegion() as CountryCode);
  // What the request asks for: a repeat must ask for the same.
  const idempotency =
    idempotencyScope === undefined ? undefined : { scope: idempotencyScope, fingerprint: `${input.source_id}:${externalId}` };
  const remembered = rememberedRouting(input.source_id);
  // A webhook is checked before it may spend anything: on the source as this container last read it, or as it is.
  if (authorize) authorize(remembered ?? (await getSourceRouting(input.source_id)));
  // Ids are taken beside the reads for a source this container has registered contacts of; for
  // another (one that may not exist), only once the reads found it (beside the reads of its
  // operators), so that a 404 writes nothing.
  const idsBeside = remembered && nextIds(['CONTACT', 'LEAD'] as const);
  const [facts, budget, beside] = await Promise.all([
    readRegistrationFacts(input.source_id, externalId, {
      idempotencyScope,
      now: now(),
      alsoOnceFound: idsBeside ? undefined : () => nextIds(['CONTACT', 'LEAD'] as const),
    }),
    authorize ? spendBudget?.() : undefined,
    idsBeside,
  ]);
  const taken = beside ?? facts.also;
  const passes = (routing: SourceRouting | undefined) => {
    try {
      authorize?.(routing);
      return true;
    } catch {
      return false;
    }
  };
  // A request that goes no further than its reads writes nothing: its budget comes back, and its
  // ids go back to the container for the next one (no gap).
  const giveBack = (ids: Partial<Record<'CONTACT' | 'LEAD', number>> | undefined) => {
    for (const [entity, id] of Object.entries(ids ?? {})) giveBackId(entity as 'CONTACT' | 'LEAD', id);
  };
  // Checked again on the source as it is now (a secret may have been changed since it was last read).
  if (!facts.routing || facts.done || !passes(facts.routing)) {
    giveBack(taken);
    const refunded = budget?.refund();
    if (!facts.routing || !passes(facts.routing)) {
      // Refunded before the refusal is thrown: a function may be frozen once it has answered.
      await refunded;
      authorize?.(facts.routing);
      throw notFound('Source', input.source_id);
    }
    // A repeat: read beside the refund, no round trip more.
    const [answer] = await Promise.all([replay(facts.done!, idempotency!.fingerprint), refunded]);
    return answer;
  }
  if (budget && !budget.allowed) {
    giveBack(taken);
    throw new TooManyRequestsError(`Source ${input.source_id} has had all the new contacts it may have for now`, budget.retryAfterSeconds);
  }
  // Taken beside the reads, or beside the second round of them once they found the source.
  const ids = taken!;
  const { routing, operators } = facts;
  const policy = routing.source.routing;
  const candidates = candidatesFrom(routing, operators);
  const rotation = rotationOf(routing);
  const createdAt = now();
  let lead: StoredLead = facts.lead ?? newLead(ids.LEAD, input.lead_external_id, createdAt);
  let leadIsNew = !facts.lead;
  if (!leadIsNew) giveBack({ LEAD: ids.LEAD });
  for (;;) {
    let contact: StoredContact | undefined;
    const { outcome } = await routeContact({
      trigger: 'registration',
      policy,
      candidates,
      previousOperatorId: policy.sticky ? (lead.operator_id ?? undefined) : undefined,
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
          routing: null,
          version: 1,
        };
        contact = placeContact(arrived, chosen, policy, createdAt);
        const operatorId = chosen?.operatorId ?? null;
        return commitContactChange({
          contact,
          claim: chosen && newWorkClaim(chosen, createdAt, input.source_id),
          newLead: leadIsNew ? { lead: { ...lead, operator_id: operatorId }, normalizedExternalId: externalId } : undefined,
          leadOperator: leadIsNew ? undefined : leadMovesTo({ key: leadKey(externalId), operatorId: lead.operator_id }, chosen?.operatorId),
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
      giveBack(leadIsNew ? ids : { CONTACT: ids.CONTACT });
      await budget?.refund();
      const record = await findIdempotencyRecord(idempotency!.scope, now());
      if (!record) throw new Error(`The idempotency record of contact ${ids.CONTACT} was reported but is not there`);
      return replay(record, idempotency!.fingerprint);
    }
    if (outcome !== 'lead_exists' && outcome !== 'lead_gone') throw new Error(`Registering contact ${ids.CONTACT} ended in ${outcome}`);
    // A concurrent first contact of the same person created the lead (join it), or the lead was
    // erased meanwhile (a contact from the number now makes a new lead).
    const current = await findLead(externalId);
    if (current) {
      if (leadIsNew) giveBack({ LEAD: lead.id });
      lead = current;
      leadIsNew = false;
    } else {
      lead = newLead(leadIsNew ? lead.id : (await nextIds(['LEAD'])).LEAD, input.lead_external_id, createdAt);
      leadIsNew = true;
    }
  }
}

const newLead = (id: number, externalId: string, at: Date): StoredLead => ({
  id,
  external_id: externalId,
  created_at: at.toISOString(),
  erased_at: null,
  operator_id: null,
});

/** The answer to a repeated request: the contact it created, unless the key now asks for something else. */
async function replay(record: IdempotencyRecord, fingerprint: string): Promise<Registration> {
  if (record.fingerprint !== fingerprint) {
    throw new InvalidError('Idempotency-Key was already used for a different request', ['header', 'idempotency-key']);
  }
  const contact = await getContact(record.contact_id);
  if (!contact) throw new Error(`Contact ${record.contact_id} of an idempotency record is missing`);
  return { contact: publicContact(contact), replayed: true };
}
