import { countOpenContacts, listContacts } from '../db/contacts';
import { listLeads } from '../db/leads';
import { correctLoad, listOperators } from '../db/operators';
import type { Page, PageRequest } from '../db/pagination';

export interface LoadDrift {
  operator_id: number;
  current_load: number;
  open_contacts: number;
  /** True when `--repair` set `current_load` to `open_contacts`. */
  repaired: boolean;
}

export interface InvariantReport {
  operators: number;
  contacts: number;
  /** Operators whose `current_load` differs from their open contacts. */
  drift: LoadDrift[];
  /** Operators over their `max_load` (can follow a lowered `max_load`; registration never causes it). */
  overloaded: number[];
  /** Contacts whose lead does not exist. */
  orphan_contacts: number[];
  ok: boolean;
}

async function* everything<T>(list: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 500, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * Checks what must hold after any storm: every operator's `current_load` equals their open
 * contacts, and every contact has its lead. Changes nothing unless `repair`, which sets each drifted
 * load to the counted value (only if the load did not move meanwhile). Reads indexes, which lag
 * writes by a moment: run it on a quiet table, or run it twice.
 */
export async function checkInvariants({ repair = false } = {}): Promise<InvariantReport> {
  const report: InvariantReport = { operators: 0, contacts: 0, drift: [], overloaded: [], orphan_contacts: [], ok: true };
  for await (const operator of everything(listOperators)) {
    report.operators++;
    if (operator.current_load > operator.max_load) report.overloaded.push(operator.id);
    const open = await countOpenContacts(operator.id);
    if (open !== operator.current_load) {
      const repaired = repair && (await correctLoad(operator.id, operator.current_load, open));
      report.drift.push({ operator_id: operator.id, current_load: operator.current_load, open_contacts: open, repaired });
    }
  }
  const leadIds = new Set<number>();
  for await (const lead of everything(listLeads)) leadIds.add(lead.id);
  for await (const contact of everything((page) => listContacts(page))) {
    report.contacts++;
    if (!leadIds.has(contact.lead_id)) report.orphan_contacts.push(contact.id);
  }
  report.ok = report.drift.every((d) => d.repaired) && report.orphan_contacts.length === 0;
  return report;
}
