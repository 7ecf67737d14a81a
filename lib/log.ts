/** Structured (JSON) error log line. Only ids and error details go here, never request bodies or secrets. */
export function logError(message: string, error: unknown, requestId?: string): void {
  const describe = (e: unknown) => (e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : { value: String(e) });
  const details = { ...describe(error), ...(error instanceof Error && error.cause !== undefined ? { cause: describe(error.cause) } : {}) };
  console.error(JSON.stringify({ level: 'ERROR', message, requestId, error: details, timestamp: new Date().toISOString() }));
}

/** Structured (JSON) warning: something to look at that did not fail the request. */
export function logWarning(message: string, details: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'WARN', message, ...details, timestamp: new Date().toISOString() }));
}
