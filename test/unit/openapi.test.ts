import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../lib/openapi/document';
import { ROUTES, type Route } from '../../lib/routes';
import { DEPLOYED_ROUTES } from '../support/deployed-routes';

/** Routes that serve pages (the documentation itself, the dashboard) rather than the API. */
const PAGE_ROUTES = new Set(['GET /openapi.json', 'GET /docs', 'GET /redoc', 'GET /docs/assets/{file}', 'GET /', 'GET /assets/{file}']);

const deployedRoutes = () =>
  DEPLOYED_ROUTES.map((route) => `${route.method} ${route.path}`).filter((route) => route !== 'ANY /{proxy+}' && !PAGE_ROUTES.has(route));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument();
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
    expect(document.openapi).toBe('3.1.0');
  });

  it('documents exactly the routes serverless.ts deploys, but the pages', () => {
    const documented = Object.values(ROUTES)
      .map((route) => `${route.method.toUpperCase()} ${route.path}`)
      .sort();
    expect(documented).toEqual(deployedRoutes().sort());
  });

  it('has examples that the schemas themselves accept', () => {
    for (const [name, route] of Object.entries(ROUTES) as [string, Route][]) {
      if (route.body && route.bodyExample !== undefined) {
        expect(route.body.safeParse(route.bodyExample).success, `${name} body example`).toBe(true);
      }
      for (const [status, response] of Object.entries(route.responses)) {
        if (response.schema && response.example !== undefined) {
          expect(response.schema.safeParse(response.example).success, `${name} ${status} example`).toBe(true);
        }
      }
    }
  });

  it('describes errors in the FastAPI shape the API answers with', () => {
    const create = openApiDocument().paths['/operators']!.post as {
      responses: Record<string, { content: Record<string, { schema: { properties: object } }> }>;
    };
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '409', '413', '422', '503']));
    expect(create.responses['422']!.content['application/json']!.schema.properties).toHaveProperty('detail');
  });

  it('asks for a key on every keyed route, with either header, and documents the 403 and the roles it takes', () => {
    const document = openApiDocument();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearerKey', 'apiKeyHeader']);
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, Record<string, unknown>>)) {
        const route: Route = Object.values(ROUTES).find((r) => r.path === path && r.method === method)!;
        const responses = operation.responses as Record<string, unknown>;
        if (route.public) {
          expect(operation.security, `${method} ${path}`).toEqual([]);
          expect(responses['403']).toBeUndefined();
        } else {
          expect(operation.security, `${method} ${path}`).toEqual([{ bearerKey: [] }, { apiKeyHeader: [] }]);
          expect(responses['403'], `${method} ${path}`).toBeDefined();
          expect((operation['x-roles'] as string[]).length, `${method} ${path}`).toBeGreaterThan(0);
        }
        if (route.tag !== 'Webhooks') expect(responses['401'], `${method} ${path}`).toBeUndefined();
      }
    }
  });
});
