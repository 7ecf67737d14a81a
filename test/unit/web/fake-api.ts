/** A fetch that answers from a table of `METHOD path?query` -> response, and records what was asked. */
export function fakeFetch(routes: Record<string, { status?: number; body?: unknown; headers?: Record<string, string> }>) {
  const calls: { method: string; url: URL; headers: Record<string, string>; body: unknown }[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    calls.push({
      method,
      url,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const key = `${method} ${url.pathname}${url.search}`;
    const route = routes[key] ?? routes[`${method} ${url.pathname}`] ?? { status: 404, body: { detail: 'Not Found' } };
    return new Response(route.status === 204 ? null : JSON.stringify(route.body ?? null), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json', ...route.headers },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}
