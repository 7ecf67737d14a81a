import type { ApiClient } from '../api/client';
import type { Capabilities } from '../api/capabilities';
import type { Assignment, Contact, Operator, SharePeriod, Source, SourceShares } from '../api/types';
import { contactQuery, filterContacts, waitingContacts, type ContactFilter } from '../model/contacts';
import { countShares } from '../model/shares';

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
  /** False when there were more waiting contacts, or (older API) more contacts, than were read. */
  complete: boolean;
  shares: SourceShares | null;
  loadedAt: Date;
}

/** Reads a snapshot with the filters and statistics of the API when it has them, counting in the page when it has not. */
export async function loadSnapshot(api: ApiClient, capabilities: Capabilities, query: DashboardQuery): Promise<Snapshot> {
  const lists = Promise.all([api.all<Operator>('/operators/'), api.all<Source>('/sources/'), api.all<Assignment>('/assignments/')]);
  const sourceId = query.sourceId;

  let contacts: Promise<Contact[]>;
  let waiting: Promise<{ items: Contact[]; complete: boolean }>;
  let contactsOfSource: Promise<Contact[]>;
  if (capabilities.contactFilters) {
    contacts = api.page<Contact>('/contacts/', { limit: CONTACTS_SHOWN, ...contactQuery(query.filter) }).then((page) => page.items);
    waiting = api.all<Contact>('/contacts/', { unassigned: true, status: 'open' }, WAITING_READ);
    contactsOfSource =
      sourceId !== null && !capabilities.sourceStats
        ? api.all<Contact>('/contacts/', { source_id: sourceId }).then((all) => all.items)
        : Promise.resolve([]);
  } else {
    // The seed's API lists contacts only in full, oldest first: read them once and do the rest here.
    const everything = api.all<Contact>('/contacts/');
    contacts = everything.then(({ items }) => filterContacts(items, query.filter).slice(0, CONTACTS_SHOWN));
    waiting = everything.then(({ items, complete }) => ({ items: waitingContacts(items), complete }));
    contactsOfSource = everything.then(({ items }) => items);
  }

  const stats =
    sourceId !== null && capabilities.sourceStats
      ? api.request<SourceShares>('GET', `/sources/${sourceId}/stats`, undefined, periodQuery(query.period))
      : Promise.resolve(null);

  const [[operators, sources, assignments], shownContacts, waitingRead, ofSource, statsRead] = await Promise.all([
    lists,
    contacts,
    waiting,
    contactsOfSource,
    stats,
  ]);
  const source = sources.items.find((candidate) => candidate.id === sourceId);
  const shares =
    source && !capabilities.sourceStats
      ? countShares(source.id, source.routing?.mode ?? 'weighted_random', operators.items, assignments.items, ofSource)
      : statsRead;
  return {
    operators: operators.items,
    sources: sources.items,
    assignments: assignments.items,
    contacts: shownContacts,
    waiting: waitingRead.items,
    complete: waitingRead.complete,
    shares,
    loadedAt: new Date(),
  };
}
