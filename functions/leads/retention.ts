import { eraseExpiredLeads } from '../../lib/leads/retention';

/** Every hour: erases the leads kept past RETENTION_DAYS (nothing when it is unset). */
export const handler = async (): Promise<{ examined: number; erased: number[] }> => eraseExpiredLeads();
