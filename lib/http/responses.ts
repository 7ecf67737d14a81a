import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Page } from '../db/pagination';

export type Response = APIGatewayProxyStructuredResultV2;

/** A JSON response. */
export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): Response => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const ok = (body: unknown): Response => json(200, body);
export const created = (body: unknown): Response => json(201, body);
export const noContent = (): Response => ({ statusCode: 204 });

/** A page or a file, with how long browsers may keep it. */
export const file = (body: string, contentType: string, maxAgeSeconds: number): Response => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': `public, max-age=${maxAgeSeconds}` },
  body,
});

/** A plain-text response, for the platforms that read the body as text (VK, WhatsApp's handshake). */
export const text = (body: string, statusCode = 200): Response => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * A page of a list: the body stays a plain JSON array, as the seed's lists are; the next page, if
 * any, is announced in a `Link: <...>; rel="next"` header.
 */
export function pageResponse<T>(event: APIGatewayProxyEventV2, page: Page<T>): Response {
  if (!page.nextCursor) return ok(page.items);
  const query = new URLSearchParams({ ...event.queryStringParameters, cursor: page.nextCursor });
  return json(200, page.items, { link: `<${event.rawPath}?${query}>; rel="next"` });
}
