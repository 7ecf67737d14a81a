import type { ContactStatus } from '../api/types';

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
