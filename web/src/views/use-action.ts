import { useState } from 'preact/hooks';
import { usePage } from './context';

/**
 * A change made from the page: runs it, refreshes what the page shows, and keeps the error (to show
 * next to what caused it) until the next attempt. `run` resolves to the API's answer, or undefined
 * when the change failed.
 */
export function useAction<A extends unknown[], T>(change: (...args: A) => Promise<T>) {
  const { refresh } = usePage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (...args: A): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      const result = await change(...args);
      await refresh();
      return result;
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setPending(false);
    }
  };
  return { run, pending, error, clearError: () => setError(null) };
}
