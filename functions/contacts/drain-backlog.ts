import { drainAllBacklogs } from '../../lib/contacts/dispatch';

/** Every minute: assigns whatever waiting contacts the in-request dispatch left behind; a failing source waits for the next run. */
export const handler = async (): Promise<{ assigned: number; failedSources: number[] }> => drainAllBacklogs();
