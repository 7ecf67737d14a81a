import site from '../../web/dist/dashboard.site';
import { siteResponse } from '../../lib/dashboard/site';
import { endpoint } from '../../lib/http/endpoint';

/** GET / and GET /assets/{file}: the dashboard, from the files built into this function's bundle. */
export const handler = endpoint({}, async ({ event }) => {
  const file = event.pathParameters?.file;
  return siteResponse(site, file ? `assets/${file}` : 'index.html', event.headers['if-none-match']);
});
