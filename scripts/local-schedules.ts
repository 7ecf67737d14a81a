import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

interface ScheduledFunction {
  name: string;
  handler: string;
  everyMs: number;
  timeoutMs: number;
}

const UNIT_MS: Record<string, number> = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 };

/** The functions `serverless.yml` runs on a `schedule: rate(...)` event, which serverless-offline does not run. */
export function scheduledFunctions(yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8')): ScheduledFunction[] {
  const config = parse(yml);
  const defaultTimeout = Number(config.provider.timeout ?? 6);
  return Object.entries<{ handler: string; timeout?: number; events?: { schedule?: string }[] }>(config.functions).flatMap(([name, fn]) =>
    (fn.events ?? []).flatMap((event) => {
      const rate = /^rate\((\d+) (\w+)\)$/.exec(event.schedule ?? '');
      if (!rate) return [];
      return [{ name, handler: fn.handler, everyMs: Number(rate[1]) * UNIT_MS[rate[2]!]!, timeoutMs: (fn.timeout ?? defaultTimeout) * 1000 }];
    }),
  );
}

/**
 * Runs each scheduled function's handler as EventBridge would: at once, then at its rate, each run
 * given a Lambda-like context whose remaining time counts down from the function's timeout. A run
 * that fails is logged; the next one comes anyway. Started by `npm start` and the test stack beside
 * serverless-offline, in a process of its own, on the table in TABLE_NAME / DYNAMODB_ENDPOINT.
 */
export function runSchedules(functions = scheduledFunctions()): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const fn of functions) {
    const [file, exported] = fn.handler.split('.') as [string, string];
    const run = async () => {
      const started = Date.now();
      const context = { getRemainingTimeInMillis: () => fn.timeoutMs - (Date.now() - started), functionName: fn.name };
      try {
        const module = (await import(join(ROOT, `${file}.ts`))) as Record<string, (event: unknown, context: unknown) => Promise<unknown>>;
        await module[exported]!({ source: 'local.schedule', 'detail-type': 'Scheduled Event' }, context);
      } catch (error) {
        console.error(JSON.stringify({ level: 'ERROR', message: `scheduled ${fn.name} failed`, error: String(error) }));
      }
    };
    void run();
    timers.push(setInterval(run, fn.everyMs));
  }
  return () => timers.forEach(clearInterval);
}

if (require.main === module) {
  runSchedules();
  const stop = () => process.exit(0);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
