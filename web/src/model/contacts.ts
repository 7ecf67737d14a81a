import type { Contact, ContactStatus } from '../api/types';

/** What the contacts list shows; `null` operator means the contacts nobody has taken. */
export interface ContactFilter {
  sourceId?: number | undefined;
  operatorId?: number | null | undefined;
  status?: ContactStatus | undefined;
}

/** The filter as `GET /contacts/` query parameters, newest first. */
export function contactQuery(filter: ContactFilter): Record<string, string | number | boolean | undefined> {
  return {
    order: 'desc',
    source_id: filter.sourceId,
    operator_id: filter.operatorId ?? undefined,
    unassigned: filter.operatorId === null ? true : undefined,
    status: filter.status,
  };
}

/** The same filter applied in the page, for an API that lists contacts only in full and oldest first. */
export function filterContacts(contacts: readonly Contact[], filter: ContactFilter): Contact[] {
  return contacts
    .filter(
      (contact) =>
        (filter.sourceId === undefined || contact.source_id === filter.sourceId) &&
        (filter.operatorId === undefined || contact.operator_id === filter.operatorId) &&
        (filter.status === undefined || (contact.status ?? 'open') === filter.status),
    )
    .sort((a, b) => b.id - a.id);
}

/** Contacts waiting for an operator: open and unassigned, oldest first. */
export const waitingContacts = (contacts: readonly Contact[]): Contact[] =>
  contacts.filter((contact) => contact.operator_id === null && (contact.status ?? 'open') === 'open').sort((a, b) => a.id - b.id);
