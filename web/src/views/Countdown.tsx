import { useEffect, useState } from 'preact/hooks';
import { usePage } from './context';

/** Whole seconds from now until an ISO time, never below zero. */
export const secondsUntil = (until: string, now = Date.now()): number => Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));

/** Re-renders every second, so that countdowns move between refreshes. */
export function useSecondTicks(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** How long an offer has left. */
export function Countdown({ until }: { until: string }) {
  const { t } = usePage();
  const now = useSecondTicks();
  return (
    <span class="countdown" role="timer">
      {t.contacts.expiresIn(secondsUntil(until, now))}
    </span>
  );
}
