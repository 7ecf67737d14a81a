/** Structured (JSON) error log line. Only ids and error details go here, never request bodies or secrets. */
export function logError(message: string, error: unknown, requestId?: string): void {
  const details =
    error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { value: String(error) };
  console.error(JSON.stringify({ level: 'ERROR', message, requestId, error: details, timestamp: new Date().toISOString() }));
}

/** Structured (JSON) warning: something to look at that did not fail the request. */
export function logWarning(message: string, details: Record<string, unknown>): void {
  console.warn(JSON.stringify({ level: 'WARN', message, ...details, timestamp: new Date().toISOString() }));
}
