import { drainAllBacklogs } from '../../lib/contacts/dispatch';

/** Every minute: assigns whatever waiting contacts the in-request dispatch left behind. */
export const handler = async (): Promise<{ assigned: number }> => ({ assigned: await drainAllBacklogs() });
