import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../http/responses';

/** One file of the built dashboard, as `scripts/dashboard.ts` embeds it in the dashboard function. */
export interface SiteFile {
  contentType: string;
  /** The file's bytes: UTF-8 text, or base64 for binary files. */
  body: string;
  base64: boolean;
  /** A quoted hash of the content, for `If-None-Match`. */
  etag: string;
  /** Vite names every file under `assets/` after its content, so it can be cached for good. */
  immutable: boolean;
}

/** The built dashboard: its files by path (`index.html`, `assets/index-Bi8dwnOV.js`), and a hash of what it was built from. */
export interface EmbeddedSite {
  inputsHash: string;
  files: Record<string, SiteFile>;
}

// The page talks only to the API it came from and loads nothing from anywhere else.
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/**
 * The response for `path` of the dashboard: the file with its content type and cache policy (hashed
 * assets for a year, the page revalidated on every load), a 304 when the browser already has it, and
 * the API's own 404 for a file the build does not have.
 */
export function siteResponse(site: EmbeddedSite, path: string, ifNoneMatch: string | undefined): APIGatewayProxyStructuredResultV2 {
  const file = Object.hasOwn(site.files, path) ? site.files[path] : undefined;
  if (!file) return json(404, { detail: 'Not Found' });
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: file.etag,
    'x-content-type-options': 'nosniff',
    ...(file.contentType.startsWith('text/html') ? PAGE_HEADERS : {}),
  };
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === file.etag)) return { statusCode: 304, headers };
  return { statusCode: 200, headers, body: file.body, isBase64Encoded: file.base64 };
}
