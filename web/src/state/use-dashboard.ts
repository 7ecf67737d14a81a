import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { probeCapabilities, type Capabilities } from '../api/capabilities';
import type { ApiClient } from '../api/client';
import { loadSnapshot, type DashboardQuery, type Snapshot } from './snapshot';

/** How long the page waits between two refreshes. */
export const REFRESH_MS = 3_000;

export interface Dashboard {
  capabilities: Capabilities | null;
  snapshot: Snapshot | null;
  /** Why the last refresh failed; null once one succeeds again. */
  error: unknown;
  refresh(): Promise<void>;
}

/**
 * Keeps a snapshot of the API fresh: reads it now, then a few seconds after each read while the page
 * is visible, and at once when asked (after a change) or when the query changes. What the API can do
 * is asked once per API key.
 */
export function useDashboard(api: ApiClient, query: DashboardQuery, apiKey: string | null): Dashboard {
  const [capabilities, setCapabilities] = useState<Capabilities | null>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const known = useRef<{ key: string | null; capabilities: Capabilities } | null>(null);
  // Only the latest read may show: an older one that ends later would show stale data.
  const latest = useRef(0);
  // A new query object on every render; only a change of its content should start a new read.
  const current = useRef(query);
  current.current = query;
  const queryKey = JSON.stringify(query);

  const refresh = useCallback(async () => {
    const read = ++latest.current;
    try {
      if (known.current?.key !== apiKey) known.current = { key: apiKey, capabilities: await probeCapabilities(api) };
      const next = await loadSnapshot(api, known.current.capabilities, current.current);
      if (read !== latest.current) return;
      setCapabilities(known.current.capabilities);
      setSnapshot(next);
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

  return { capabilities, snapshot, error, refresh };
}
