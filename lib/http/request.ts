import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const LOCAL_HOST = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

/** The API's own base URL as the caller reached it (`https://<domain>` deployed, `http://127.0.0.1:8000` on `npm start`). */
export function publicBaseUrl(event: APIGatewayProxyEventV2): string {
  const host = event.headers.host ?? event.requestContext.domainName;
  const protocol = event.headers['x-forwarded-proto'] ?? (LOCAL_HOST.test(host) ? 'http' : 'https');
  return `${protocol}://${host}`;
}
