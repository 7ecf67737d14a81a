import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type KeyAccess, readAccess, viewOf } from '../api/access';
import type { ApiClient } from '../api/client';
import { loadSnapshot, type DashboardQuery, type Snapshot } from './snapshot';

/** How long the page waits between two refreshes. */
export const REFRESH_MS = 3_000;

export interface Dashboard {
  access: KeyAccess | null;
  /** Null until read, and for a key that has no board (an operator's, an integration's). */
  snapshot: Snapshot | null;
  /** When a refresh last succeeded. */
  readAt: Date | null;
  /** Why the last refresh failed; null once one succeeds again. */
  error: unknown;
  refresh(): Promise<void>;
}

/**
 * Keeps a snapshot of the API fresh: reads it now, then a few seconds after each read while the page
 * is visible, and at once when asked (after a change) or when the query changes. What the key may do
 * is asked once per API key.
 */
export function useDashboard(api: ApiClient, query: DashboardQuery, apiKey: string | null): Dashboard {
  const [access, setAccess] = useState<KeyAccess | null>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [readAt, setReadAt] = useState<Date | null>(null);
  const known = useRef<{ key: string | null; access: KeyAccess } | null>(null);
  // Only the latest read may show: an older one that ends later would show stale data.
  const latest = useRef(0);
  // A new query object on every render; only a change of its content should start a new read.
  const current = useRef(query);
  current.current = query;
  const queryKey = JSON.stringify(query);

  const refresh = useCallback(async () => {
    const read = ++latest.current;
    try {
      if (known.current?.key !== apiKey) known.current = { key: apiKey, access: await readAccess(api) };
      const next = viewOf(known.current.access) === 'board' ? await loadSnapshot(api, current.current) : null;
      if (read !== latest.current) return;
      setAccess(known.current.access);
      setSnapshot(next);
      setReadAt(new Date());
      setError(null);
    } catch (failure) {
      if (read === latest.current) setError(failure);
    }
  }, [api, apiKey, queryKey]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = (delay: number) => {
      clearTimeout(timer);
      timer = setTimeout(tick, delay);
    };
    async function tick() {
      // A hidden page is not refreshed; it catches up as soon as it is shown again.
      if (stopped || document.hidden) return;
      await refresh();
      if (!stopped) schedule(REFRESH_MS);
    }
    const onVisibility = () => !document.hidden && schedule(0);
    document.addEventListener('visibilitychange', onVisibility);
    schedule(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh]);

  return { access, snapshot, readAt, error, refresh };
}
