import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import type { APIGatewayProxyEventV2, Context, DynamoDBRecord } from 'aws-lambda';
import serverless, { type FunctionConfig, functions, PUBLISHED_ITEMS } from '../serverless';
import { bundleOf } from './bundle';
import { followTableStream, type TableStream } from './table-stream';

/**
 * The local stack's stand-in for API Gateway, Lambda, EventBridge and the stream's event source
 * mapping, in one process: every function of `serverless.ts`, bundled as it is deployed
 * (scripts/bundle.ts), served on its HTTP API routes with the payload 2.0 events and the request
 * authorizer API Gateway would use, its schedules run on their rates, and the table's stream handed
 * to the publisher with the deployed filter. A function's module is loaded on its first invocation
 * and kept warm, as a Lambda container is; concurrent requests share it. What it answers where API
 * Gateway would answer itself: 403 `{"message":"Forbidden"}` for a request the authorizer refuses,
 * 404 for no route, and 500 `{"message":"Internal Server Error"}` for a function that failed or
 * outlived its timeout, never a 2xx.
 */

export interface LocalApiOptions {
  port: number;
  /** Where the functions were bundled (scripts/bundle.ts). */
  functionsDir: string;
  /** Whether routes need an API key, as they always do when deployed. */
  auth: boolean;
  /** Lets invocations run past their timeout, which their clock still counts down to (tests on a loaded machine assert behaviour, not speed). */
  noTimeout: boolean;
  /** The table whose stream the publisher follows (none without). */
  stream?: { dynamodbEndpoint: string; tableName: string } | undefined;
  /** The functions to serve: `serverless.ts`'s (others in the local API's own tests). */
  functions?: Record<string, FunctionConfig>;
}

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** One function, as deployed: its handler, loaded on the first call (its cold start), and its timeout. */
interface LocalFunction {
  name: string;
  config: FunctionConfig;
  handler(): Handler;
}

/** An HTTP route: its method (or any), its path's segments, and the function behind it. */
interface Route {
  method: string;
  segments: string[];
  /** `{proxy+}` at the end: takes the rest of the path. */
  greedy: boolean;
  catchAll: boolean;
  target: LocalFunction;
  authorized: boolean;
  routeKey: string;
}

const DEFAULT_TIMEOUT_S = serverless.provider.timeout;

function loadFunctions(dir: string, declared: Record<string, FunctionConfig>): Map<string, LocalFunction> {
  const loaded = new Map<string, LocalFunction>();
  for (const [name, config] of Object.entries(declared)) {
    const bundle = bundleOf(dir, config);
    // A missing bundle stops the start; the bundles themselves load when first called, as Lambda loads
    // them, so that a stack starts without parsing every bundle (about a second of CPU) for the few it may serve.
    if (!existsSync(bundle)) throw new Error(`${name}: no bundle at ${bundle}`);
    let handler: Handler | undefined;
    loaded.set(name, { name, config, handler: () => (handler ??= (require(bundle) as { handler: Handler }).handler) });
  }
  return loaded;
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

function routesOf(loaded: Map<string, LocalFunction>, auth: boolean): Route[] {
  const routes: Route[] = [];
  for (const target of loaded.values()) {
    for (const event of target.config.events ?? []) {
      if (!('httpApi' in event)) continue;
      const spec = event.httpApi;
      if (spec === '*') {
        routes.push({ method: 'ANY', segments: [], greedy: true, catchAll: true, target, authorized: false, routeKey: '$default' });
        continue;
      }
      const [method, path] = typeof spec === 'string' ? (spec.split(' ') as [string, string]) : [spec.method, spec.path];
      const segments = segmentsOf(path);
      const greedy = segments.at(-1)?.endsWith('+}') ?? false;
      const authorized = auth && typeof spec === 'object' && spec.authorizer !== undefined;
      routes.push({
        method: method.toUpperCase(),
        segments,
        greedy,
        catchAll: false,
        target,
        authorized,
        routeKey: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return routes;
}

/** How specific a route is, as API Gateway ranks matches: literal segments first, then parameters, the greedy ones last. */
const specificity = (route: Route) =>
  route.catchAll
    ? -1
    : route.segments.reduce((score, segment) => score * 3 + (segment.startsWith('{') ? (segment.endsWith('+}') ? 0 : 1) : 2), 1);

/** The route a request takes, and its path parameters (a trailing slash matches as API Gateway matches it: the same route). */
function match(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const parts = segmentsOf(path);
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method) continue;
    const params: Record<string, string> = {};
    let matched = true;
    if (!route.catchAll) {
      if (route.greedy ? parts.length < route.segments.length : parts.length !== route.segments.length) matched = false;
      for (let i = 0; matched && i < route.segments.length; i++) {
        const segment = route.segments[i]!;
        const name = /^\{(.+?)\+?\}$/.exec(segment)?.[1];
        if (name === undefined) matched = segment === parts[i];
        else params[name] = decodeURIComponent(segment.endsWith('+}') ? parts.slice(i).join('/') : parts[i]!);
      }
    }
    if (matched && (!best || specificity(route) > specificity(best.route))) best = { route, params };
  }
  return best;
}

/** Bodies API Gateway hands on as text; any other is base64. */
const isText = (contentType: string | undefined) =>
  !contentType || /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|.*\+json)/i.test(contentType);

function eventOf(request: IncomingMessage, url: URL, body: Buffer, route: Route, params: Record<string, string>, authorizer?: object) {
  const headers = Object.fromEntries(
    Object.entries(request.headers).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]],
    ),
  );
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const now = Date.now();
  const text = isText(headers['content-type']);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(headers.cookie ? { cookies: headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'offline',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method!,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
      ...(authorizer ? { authorizer: { lambda: authorizer } } : {}),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  } as unknown as APIGatewayProxyEventV2;
}

/** A function that outlived its timeout: what Lambda reports, and API Gateway turns into a 500. */
class FunctionTimeout extends Error {}

/** Runs a function as Lambda would: with a context whose clock counts down to its timeout, failing past it. */
async function invoke(target: LocalFunction, event: unknown, noTimeout: boolean): Promise<unknown> {
  const timeoutMs = (target.config.timeout ?? DEFAULT_TIMEOUT_S) * 1000;
  // Lambda's init phase runs before the function's timeout starts counting.
  const handler = target.handler();
  const started = Date.now();
  const context = {
    awsRequestId: randomUUID(),
    functionName: `lead-distribution-crm-local-${target.name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:lead-distribution-crm-local-${target.name}`,
    memoryLimitInMB: String(target.config.memorySize ?? serverless.provider.memorySize),
    logGroupName: `/aws/lambda/lead-distribution-crm-local-${target.name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    // The clock counts down even when the timeout is not enforced, as the function's own deadlines read it.
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  } as unknown as Context;
  const run = handler(event, context);
  if (noTimeout) return run;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FunctionTimeout(`${target.name} timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const CORS = serverless.custom.cors.local;

function send(response: ServerResponse, status: number, headers: Record<string, string | string[]>, body: Buffer | string) {
  response.writeHead(status, {
    'access-control-allow-origin': CORS.allowedOrigins.join(','),
    'access-control-expose-headers': CORS.exposedResponseHeaders.join(','),
    ...headers,
  });
  response.end(body);
}

const message = (response: ServerResponse, status: number, text: string) =>
  send(response, status, { 'content-type': 'application/json' }, JSON.stringify({ message: text }));

/** A function's result as API Gateway turns it into a response (payload 2.0: a result without a status code is a 200 JSON body). */
function reply(response: ServerResponse, result: unknown) {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    send(response, 200, { 'content-type': 'application/json' }, typeof result === 'string' ? result : JSON.stringify(result ?? null));
    return;
  }
  const {
    statusCode,
    headers = {},
    body = '',
    isBase64Encoded,
    cookies,
  } = result as {
    statusCode: number;
    headers?: Record<string, string | number | boolean>;
    body?: string;
    isBase64Encoded?: boolean;
    cookies?: string[];
  };
  send(
    response,
    statusCode,
    {
      ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])),
      ...(cookies ? { 'set-cookie': cookies } : {}),
    },
    isBase64Encoded ? Buffer.from(body, 'base64') : body,
  );
}

/** Runs the authorizer as API Gateway does for a route that has it (simple responses, payload 2.0): its context, or a refusal. */
async function authorize(authorizer: LocalFunction, event: APIGatewayProxyEventV2, noTimeout: boolean) {
  const result = (await invoke(
    authorizer,
    { ...event, type: 'REQUEST', routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.routeKey.replace(' ', '')}` },
    noTimeout,
  )) as { isAuthorized?: boolean; context?: object };
  return result?.isAuthorized ? (result.context ?? {}) : undefined;
}

/** Every `rate(N unit)` schedule, as EventBridge runs it: the first after one period. */
const RATE_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Timers: functions that tick for a minute each minute, started at once too, so that offers lapse and events go out from the first minute. */
const TIMERS = ['expireOffers', 'deliverEvents'];

/** Whether a value matches an event source mapping's filter pattern (the subset `serverless.ts` uses: nested keys, lists of values and prefixes). */
const matchesPattern = (pattern: unknown, value: unknown): boolean =>
  Array.isArray(pattern)
    ? pattern.some((one) =>
        one && typeof one === 'object' && 'prefix' in one
          ? typeof value === 'string' && value.startsWith(String(one.prefix))
          : one === value,
      )
    : Object.entries(pattern as Record<string, unknown>).every(([key, inner]) =>
        matchesPattern(inner, (value as Record<string, unknown> | undefined)?.[key]),
      );

/** The publisher's stream filter: it is invoked with the records the deployed mapping would hand it. */
const published = (record: DynamoDBRecord) => PUBLISHED_ITEMS.some((pattern) => matchesPattern(pattern, record));

const logError = (what: string, error: unknown) =>
  console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

/** Starts everything; answers how to stop it. */
export async function startLocalApi(options: LocalApiOptions): Promise<{ stop(): Promise<void> }> {
  const loaded = loadFunctions(options.functionsDir, options.functions ?? functions);
  const routes = routesOf(loaded, options.auth);
  const authorizer = loaded.get('authorizeApiKey');

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
        send(
          response,
          204,
          {
            'access-control-allow-methods': CORS.allowedMethods.join(','),
            'access-control-allow-headers': CORS.allowedHeaders.join(','),
            'access-control-max-age': String(CORS.maxAge),
          },
          '',
        );
        return;
      }
      const found = match(routes, request.method ?? 'GET', url.pathname);
      if (!found) return message(response, 404, 'Not Found');
      const body = await readBody(request);
      let event = eventOf(request, url, body, found.route, found.params);
      if (found.route.authorized && authorizer) {
        const context = await authorize(authorizer, event, options.noTimeout);
        if (!context) return message(response, 403, 'Forbidden');
        event = eventOf(request, url, body, found.route, found.params, context);
      }
      reply(response, await invoke(found.route.target, event, options.noTimeout));
    } catch (error) {
      logError(`${request.method} ${request.url}`, error);
      if (!response.headersSent) message(response, 500, 'Internal Server Error');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));

  // Background functions keep their timeouts: the timers read their remaining time to know when to stop.
  const invokeInBackground = (name: string, event: unknown) =>
    invoke(loaded.get(name)!, event, false).catch((error: unknown) => logError(name, error));
  const timers: NodeJS.Timeout[] = [];
  for (const target of loaded.values()) {
    for (const event of target.config.events ?? []) {
      if (!('schedule' in event)) continue;
      const [, count, unit] = /^rate\((\d+) (\w+)\)$/.exec(event.schedule) ?? [];
      if (!count || !unit || !RATE_MS[unit])
        throw new Error(`${target.name}: schedule ${event.schedule} is not a rate the local stack runs`);
      timers.push(setInterval(() => invokeInBackground(target.name, { source: 'aws.events' }), Number(count) * RATE_MS[unit]));
    }
  }
  for (const name of TIMERS.filter((timer) => loaded.has(timer))) void invokeInBackground(name, { source: 'aws.events' });

  const publisher = loaded.get('publishEvents');
  const stream: TableStream | undefined =
    options.stream &&
    publisher &&
    (await followTableStream({
      endpoint: options.stream.dynamodbEndpoint,
      tableName: options.stream.tableName,
      handle: async (records) => {
        const matching = records.filter(published);
        if (matching.length > 0) await invoke(publisher, { Records: matching }, false);
      },
      onError: (error) => logError('publishEvents', error),
    }));

  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await stream?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The environment every function gets, as the deployment gives it: `serverless.ts`'s variables, each
 * `${env:NAME, "default"}` taken from this process's environment or its default.
 */
export function functionEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const declared = [serverless.provider.environment, ...Object.values(functions).map((fn) => fn.environment ?? {})];
  const resolved: Record<string, string> = {};
  for (const variables of declared) {
    for (const [name, value] of Object.entries(variables)) {
      const reference = /^\$\{env:(\w+), "(.*)"\}$/.exec(value);
      if (reference) resolved[name] = env[reference[1]!] ?? reference[2]!;
    }
  }
  return resolved;
}

/** Run by the local stack (scripts/stack.ts) as a process of its own, configured by LOCAL_API (JSON options). */
if (require.main === module) {
  const options = JSON.parse(process.env.LOCAL_API ?? '{}') as LocalApiOptions;
  startLocalApi(options)
    .then(({ stop }) => {
      const shutdown = () => void stop().finally(() => process.exit(0));
      process.on('SIGTERM', shutdown);
      process.on('SIGINT', shutdown);
    })
    .catch((error: unknown) => {
      logError('The local API could not start', error);
      process.exit(1);
    });
}
