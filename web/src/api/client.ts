/** A failed request: the HTTP status (0 when the API could not be reached) and the body's `detail`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly detail: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(typeof detail === 'string' ? detail : `HTTP ${status}`);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface Page<T> {
  items: T[];
  /** Where the next page is, from the `Link: <...>; rel="next"` header. */
  next: URL | null;
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T>;
  page<T>(path: string, query?: Query): Promise<Page<T>>;
  /** Every item of a list, following `Link` headers, up to `max` items. */
  all<T>(path: string, query?: Query, max?: number): Promise<{ items: T[]; complete: boolean }>;
}

export interface ClientOptions {
  /** The page's own address: paths are resolved against it, so the API may be mounted anywhere. */
  baseUrl: string;
  /** Read on every request, so a key entered later applies at once. */
  apiKey: () => string | null;
  fetch?: typeof fetch;
}

/** The URL of `rel="next"` in a `Link` header, if any. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1] ?? null;
  }
  return null;
}

const PAGE_SIZE = 500;

export function createApiClient({ baseUrl, apiKey, fetch: fetchImpl = globalThis.fetch.bind(globalThis) }: ClientOptions): ApiClient {
  const url = (path: string, query: Query = {}) => {
    // API paths are written absolute (`/operators/`); they resolve under the page's own base.
    const target = new URL(path.replace(/^\//, ''), baseUrl);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) target.searchParams.set(key, String(value));
    }
    return target;
  };

  async function send(method: string, target: URL, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const key = apiKey();
    if (key) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      throw new ApiError(0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      const text = await response.text();
      let detail: unknown = text;
      try {
        detail = (JSON.parse(text) as { detail?: unknown }).detail ?? text;
      } catch {
        // Not JSON (a gateway's own error page): keep the text.
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ApiError(response.status, detail, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    return response;
  }

  const readJson = async (response: Response) => (response.status === 204 ? undefined : response.json());

  async function pageAt<T>(target: URL): Promise<Page<T>> {
    const response = await send('GET', target);
    const next = nextLink(response.headers.get('link'));
    return { items: (await response.json()) as T[], next: next === null ? null : new URL(next, target) };
  }

  const client: ApiClient = {
    async request<T>(method: string, path: string, body?: unknown, query?: Query) {
      return (await readJson(await send(method, url(path, query), body))) as T;
    },
    page: (path, query) => pageAt(url(path, query)),
    async all<T>(path: string, query: Query = {}, max = 5_000) {
      let page = await pageAt<T>(url(path, { limit: PAGE_SIZE, ...query }));
      const items = [...page.items];
      while (page.next && items.length < max) {
        page = await pageAt<T>(page.next);
        items.push(...page.items);
      }
      return { items: items.slice(0, max), complete: page.next === null && items.length <= max };
    },
  };
  return client;
}
