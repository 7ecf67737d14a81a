import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** JSON and text: nothing to load, nowhere to be framed. */
const DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";
/** Pages (the docs): only this API's own scripts; ReDoc and Swagger UI style inline and ReDoc runs a worker. */
const PAGE_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; worker-src 'self' blob:; frame-ancestors 'none'";

/** Adds the security headers to a response; a response that sets its own content policy keeps it. */
export function withSecurityHeaders(response: APIGatewayProxyStructuredResultV2): APIGatewayProxyStructuredResultV2 {
  const headers = response.headers ?? {};
  const isPage = String(headers['content-type'] ?? '').startsWith('text/html');
  return {
    ...response,
    headers: { ...ALWAYS, 'content-security-policy': isPage ? PAGE_POLICY : DATA_POLICY, ...headers },
  };
}
