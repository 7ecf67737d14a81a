import type { ApiClient } from '../api/client';
import type { Assignment, Contact, Operator, SharePeriod, Source, SourceShares } from '../api/types';
import { contactQuery, type ContactFilter } from '../model/contacts';

/** How many contacts the list shows, newest first. */
export const CONTACTS_SHOWN = 50;
/** How many waiting contacts are read to count the backlogs. */
export const WAITING_READ = 500;

/** What the page shows besides the lists it always reads. */
export interface DashboardQuery {
  filter: ContactFilter;
  /** The source whose shares and backlog are shown. */
  sourceId: number | null;
  /** How far back its shares are counted. */
  period?: SharePeriod;
}

const PERIOD_DAYS: Record<SharePeriod, number | null> = { all: null, day: 1, week: 7, month: 30 };

/** The stats query for a period ending now: `from` that many days back, nothing for all of it. */
export function periodQuery(period: SharePeriod = 'all', now = new Date()): { from?: string } {
  const days = PERIOD_DAYS[period];
  return days === null ? {} : { from: new Date(now.getTime() - days * 86_400_000).toISOString() };
}

/** Everything the page shows, read together so the views agree with each other. */
export interface Snapshot {
  operators: Operator[];
  sources: Source[];
  assignments: Assignment[];
  /** The contacts list: filtered, newest first, at most CONTACTS_SHOWN. */
  contacts: Contact[];
  /** Open contacts nobody has taken yet, oldest first. */
  waiting: Contact[];
  /** False when there were more waiting contacts than were read. */
  complete: boolean;
  shares: SourceShares | null;
}

/** Reads a snapshot: the lists, the filtered contacts, the waiting ones and the chosen source's statistics, all at once. */
export async function loadSnapshot(api: ApiClient, query: DashboardQuery): Promise<Snapshot> {
  const sourceId = query.sourceId;
  const [operators, sources, assignments, contacts, waiting, shares] = await Promise.all([
    api.all<Operator>('/operators/'),
    api.all<Source>('/sources/'),
    api.all<Assignment>('/assignments/'),
    api.page<Contact>('/contacts/', { limit: CONTACTS_SHOWN, ...contactQuery(query.filter) }),
    api.all<Contact>('/contacts/', { unassigned: true, status: 'open' }, WAITING_READ),
    sourceId === null
      ? Promise.resolve(null)
      : api.request<SourceShares>('GET', `/sources/${sourceId}/stats`, undefined, periodQuery(query.period)),
  ]);
  return {
    operators: operators.items,
    sources: sources.items,
    assignments: assignments.items,
    contacts: contacts.items,
    waiting: waiting.items,
    complete: waiting.complete,
    shares,
  };
}
