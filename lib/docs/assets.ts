import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { notFound } from '../errors';

interface Asset {
  contentType: string;
  body: string;
}

/** The browser files of the documentation pages, served by the API itself from the npm packages (no CDN). */
const FILES: Record<string, { module: string; contentType: string }> = {
  'swagger-ui-bundle.js': { module: 'swagger-ui-dist/swagger-ui-bundle.js', contentType: 'application/javascript; charset=utf-8' },
  'swagger-ui.css': { module: 'swagger-ui-dist/swagger-ui.css', contentType: 'text/css; charset=utf-8' },
  'redoc.standalone.js': { module: 'redoc/bundles/redoc.standalone.js', contentType: 'application/javascript; charset=utf-8' },
};

/** Starts Swagger UI on the API's own document; a file of its own so that no inline script is needed. */
const SWAGGER_INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true });
};
`;

export const ASSET_NAMES = [...Object.keys(FILES), 'swagger-init.js'];

const cache = new Map<string, Asset>();

/** One asset by file name; read once per container. */
export function docsAsset(name: string): Asset {
  const cached = cache.get(name);
  if (cached) return cached;
  let asset: Asset;
  if (name === 'swagger-init.js') {
    asset = { contentType: 'application/javascript; charset=utf-8', body: SWAGGER_INIT };
  } else {
    const file = FILES[name];
    if (!file) throw notFound('Asset', name);
    asset = { contentType: file.contentType, body: readFileSync(createRequire(__filename).resolve(file.module), 'utf8') };
  }
  cache.set(name, asset);
  return asset;
}

const page = (title: string, head: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;

/** Swagger UI: try every endpoint from the page. */
export const swaggerPage = page(
  'Lead Distribution CRM — API',
  '<link rel="stylesheet" href="/docs/assets/swagger-ui.css">',
  '<div id="swagger-ui"></div>\n<script src="/docs/assets/swagger-ui-bundle.js"></script>\n<script src="/docs/assets/swagger-init.js"></script>',
);

/** ReDoc: the reference to read. */
export const redocPage = page(
  'Lead Distribution CRM — API reference',
  '<style>body { margin: 0; padding: 0; }</style>',
  '<redoc spec-url="/openapi.json"></redoc>\n<script src="/docs/assets/redoc.standalone.js"></script>',
);
