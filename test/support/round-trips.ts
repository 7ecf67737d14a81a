import type { Database } from '../../lib/db/client';

interface Call {
  command: string;
  start: number;
  end: number;
}

/**
 * Records every request the library sends, to count requests and sequential round trips (a round
 * trip is a group of requests in flight together; the next one starts after all of them ended).
 */
export function recordRequests(db: Database) {
  const calls: Call[] = [];
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        calls.push({ command: String(context.commandName), start, end: performance.now() });
      }
    },
    { step: 'initialize', name: 'recordRequests' },
  );
  return {
    reset: () => void calls.splice(0),
    commands: () => [...calls].sort((a, b) => a.start - b.start).map((call) => call.command),
    roundTrips: () => {
      let trips = 0;
      let busyUntil = -Infinity;
      for (const call of [...calls].sort((a, b) => a.start - b.start)) {
        if (call.start >= busyUntil) trips++;
        busyUntil = Math.max(busyUntil, call.end);
      }
      return trips;
    },
  };
}
