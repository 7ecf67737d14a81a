import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/roles';

/**
 * Who made a change and as what: written onto the changed item in the same write, from which the
 * audit trail is recorded (lib/audit/trail.ts). Its id is new with every change, so a record is
 * made once per change however often the stream hands it on.
 */
export interface AuditStamp {
  id: string;
  at: string;
  action: string;
  key_id: string | null;
  key_name: string | null;
}

const actor = new AsyncLocalStorage<Caller>();

/** Runs a request's work as its caller, so that the changes it makes by hand are stamped with them. */
export const actingAs = <T>(caller: Caller, work: () => Promise<T>): Promise<T> => actor.run(caller, work);

/**
 * The stamp for a change made by hand now, by the request's caller; undefined outside a request
 * (timers, the stream), whose changes are the system's own and not audited.
 */
export function auditStamp(action: string, now = new Date()): AuditStamp | undefined {
  const caller = actor.getStore();
  if (!caller) return undefined;
  return { id: randomUUID(), at: now.toISOString(), action, key_id: caller.keyId, key_name: caller.keyName };
}
