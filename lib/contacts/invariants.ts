import { countActiveContacts, dueOfferIds, listContacts } from '../db/contacts';
import { listLeads } from '../db/leads';
import { correctLoad, listOperators } from '../db/operators';
import { pause } from '../db/retry';
import type { Page, PageRequest } from '../db/pagination';

export interface LoadDrift {
  operator_id: number;
  current_load: number;
  open_contacts: number;
  offered_contacts: number;
  /** True when `--repair` set `current_load` to `open_contacts`. */
  repaired: boolean;
}

export interface InvariantReport {
  operators: number;
  contacts: number;
  /** Operators whose `current_load` differs from their open plus offered contacts. */
  drift: LoadDrift[];
  /**
   * Operators over their `max_load`. Only a lowered `max_load` causes it (registration and offers never
   * do): it is allowed, they keep their contacts and get no new one until they are under it, so it does
   * not make the report fail.
   */
  overloaded: number[];
  /** Contacts whose lead does not exist. */
  orphan_contacts: number[];
  /** Contacts whose offer is still pending a minute or more after it lapsed: the offer timer is not running. */
  stale_offers: number[];
  ok: boolean;
}

/** How long the indexes may lag a write; a count is trusted for a repair only if it holds this long. */
export const INDEX_SETTLE_MS = 1_000;

/**
 * Sets an operator's load to the count of their contacts, but only if a second count a moment later
 * agrees (GSI2 lags writes: a contact committed a moment ago may be missing from the first) and the
 * load did not move meanwhile (the update is conditional on the load as first read).
 */
async function repairLoad(operatorId: number, seenLoad: number, counted: number): Promise<boolean> {
  await pause(INDEX_SETTLE_MS);
  const again = await countActiveContacts(operatorId);
  if (again.open + again.offered !== counted) return false;
  return correctLoad(operatorId, seenLoad, counted);
}

/** How long past its expiry an offer may stay pending before the check reports it. */
const STALE_OFFER_MS = 60_000;

async function* everything<T>(list: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * Checks what must hold after any storm: every operator's `current_load` equals their open and
 * offered contacts, every contact has its lead, and no offer stays pending a minute past its expiry. Changes nothing unless `repair`, which sets each drifted
 * load to the counted value (only if the load did not move meanwhile). Reads indexes, which lag
 * writes by a moment: run it on a quiet table, or run it twice.
 */
export async function checkInvariants({ repair = false, now = new Date() } = {}): Promise<InvariantReport> {
  const report: InvariantReport = { operators: 0, contacts: 0, drift: [], overloaded: [], orphan_contacts: [], stale_offers: [], ok: true };
  for await (const operator of everything(listOperators)) {
    report.operators++;
    if (operator.current_load > operator.max_load) report.overloaded.push(operator.id);
    const { open, offered } = await countActiveContacts(operator.id);
    if (open + offered !== operator.current_load) {
      const repaired = repair && (await repairLoad(operator.id, operator.current_load, open + offered));
      report.drift.push({
        operator_id: operator.id,
        current_load: operator.current_load,
        open_contacts: open,
        offered_contacts: offered,
        repaired,
      });
    }
  }
  const leadIds = new Set<number>();
  for await (const lead of everything(listLeads)) leadIds.add(lead.id);
  for await (const contact of everything((page) => listContacts(page))) {
    report.contacts++;
    if (!leadIds.has(contact.lead_id)) report.orphan_contacts.push(contact.id);
  }
  report.stale_offers = (await dueOfferIds(new Date(now.getTime() - STALE_OFFER_MS).toISOString())).sort((a, b) => a - b);
  report.ok = report.drift.every((d) => d.repaired) && report.orphan_contacts.length === 0 && report.stale_offers.length === 0;
  return report;
}
