import * as z from 'zod';
import { OWN_ROLES } from '../auth/roles';
import { ErrorBody, ValidationErrorBody } from '../schemas/errors';
import { ROUTES, type ResponseDoc, type Route } from '../routes';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of what a client sends (`input`) or gets (`output`). */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(route: Route) {
  const from = (where: 'path' | 'query' | 'header', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => ({
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      // As the handler reads it: `?limit=20` is an integer, though every query string is text on the wire.
      schema: jsonSchema(field as z.ZodType, 'output'),
    }));
  return [...from('path', route.pathParams), ...from('query', route.query), ...from('header', route.headers)];
}

const errorResponse = (description: string, schema: z.ZodType = ErrorBody) => ({
  description,
  content: { 'application/json': { schema: jsonSchema(schema, 'output') } },
});

function responses(route: Route) {
  const documented = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]: [string, ResponseDoc]) => {
      if (!response.schema && !response.text) return [status, { description: response.description }];
      const media = response.text
        ? { 'text/plain': { schema: { type: 'string' }, ...(response.example === undefined ? {} : { example: response.example }) } }
        : {
            'application/json': {
              schema: jsonSchema(response.schema!, 'output'),
              ...(response.example === undefined ? {} : { example: response.example }),
            },
          };
      return [status, { description: response.description, content: media }];
    }),
  );
  const hasInput = route.body || route.rawBody || route.pathParams || route.query || route.headers;
  return {
    ...documented,
    // Only webhooks prove who sends them; the health check takes no proof at all.
    ...(route.public && route.tag === 'Webhooks' ? { 401: errorResponse('Missing or wrong webhook secret or signature') } : {}),
    ...(route.public ? {} : { 403: errorResponse('No key, a wrong or revoked one, or a key whose role may not call this route') }),
    ...(route.pathParams ? { 404: errorResponse('Not found') } : {}),
    ...(['post', 'put', 'patch', 'delete'].includes(route.method) && !route.public
      ? { 409: errorResponse('Conflicts with what is stored') }
      : {}),
    ...(route.body || route.rawBody ? { 413: errorResponse('Body over 64 KB') } : {}),
    ...(hasInput ? { 422: errorResponse("Invalid input, in FastAPI's shape", ValidationErrorBody) } : {}),
    503: errorResponse('The database is busy or unreachable; retry after `Retry-After` seconds'),
  };
}

/** Who may call a route, from the table the functions enforce (lib/auth/roles.ts). */
function rolesOf(route: Route) {
  const { access } = route;
  if (!access) return {};
  const own = access?.own
    ? OWN_ROLES[access.own].map((role) => `${role} (its own ${access.own === 'operator' ? 'operator' : 'contacts'})`)
    : [];
  const roles = [...(access?.roles ?? []), ...own];
  return { description: `Key roles: ${roles.join(', ') || 'none'}.`, 'x-roles': roles };
}

function operation(name: string, route: Route) {
  const body = route.body ?? route.rawBody;
  return {
    operationId: name,
    summary: route.summary,
    ...rolesOf(route),
    // Keyed routes take either scheme; webhooks, docs and the health check none.
    security: route.public ? [] : [{ bearerKey: [] }, { apiKeyHeader: [] }],
    tags: [route.tag],
    parameters: parameters(route),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(body, 'input'),
                ...(route.bodyExample === undefined ? {} : { example: route.bodyExample }),
              },
            },
          },
        }
      : {}),
    responses: responses(route),
  };
}

/** The OpenAPI 3.1 document of the API, generated from the zod schemas the handlers validate with. */
export function openApiDocument(routes: Readonly<Record<string, Route>> = ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(routes)) {
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation(name, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lead Distribution CRM',
      version: '1.0.0',
      description:
        'Routes every incoming contact from a lead to exactly one available operator, in the proportions set per source. ' +
        'Paths also answer with a trailing slash, as the seed API did.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(Object.values(routes).map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      // Either header carries the key (the authorizer reads both): Swagger UI's Authorize takes either.
      securitySchemes: {
        bearerKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer ldc_...`' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'An API key in `x-api-key`' },
      },
    },
  };
}
