import { readStored, writeStored } from './storage';

const KEY = 'crm.apiKey';
const session = () => sessionStorage;

// Kept for this tab only (session storage), and in memory too, so that it applies even where the
// browser refuses storage.
let current = readStored(session, KEY);

/** The API key entered in this tab, if any: read by the API client on every request. */
export const readApiKey = (): string | null => current;

export function storeApiKey(key: string | null): void {
  current = key;
  writeStored(session, KEY, key);
}
