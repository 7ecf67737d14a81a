/**
 * The deployment: the API's functions come from the route registry (lib/routes.ts), each with the
 * IAM role of what it does to the table and, unless public, the API-key authorizer; the background
 * functions, the pages and the table are declared here. osls (the Serverless Framework) reads this
 * file through tsx; the local stack, the benchmarks and the tests import it.
 */
import { ROUTES, type Route, type TableAccess } from './lib/routes';

type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };
type HttpEvent = { httpApi: string | { method: string; path: string; authorizer?: { name: string } } };
type Event =
  | HttpEvent
  | { schedule: string }
  | { stream: { type: 'dynamodb'; arn: unknown; filterPatterns: unknown[]; [setting: string]: unknown } };

/** The IAM role a function runs under, named after what it may do. */
type RoleName = 'AuthorizerRole' | 'ReaderRole' | 'WriterRole' | 'DeleterRole' | 'PublisherRole' | 'NoDataRole';

export interface FunctionConfig {
  role: RoleName;
  handler: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
  package?: { patterns: string[] };
  events?: Event[];
}

const ROLE_OF: Record<TableAccess, RoleName> = {
  none: 'NoDataRole',
  reader: 'ReaderRole',
  writer: 'WriterRole',
  deleter: 'DeleterRole',
};

const handlerOf = (file: string) => `functions/${file}.handler`;

/** An API route's function: its role, and the key authorizer unless the route is public. */
const apiFunction = (route: Route): FunctionConfig => ({
  role: ROLE_OF[route.iam],
  handler: handlerOf(route.handler),
  ...(route.timeout ? { timeout: route.timeout } : {}),
  events: [
    {
      httpApi: {
        method: route.method.toUpperCase(),
        path: route.path,
        ...(route.public ? {} : { authorizer: { name: 'apiKey' } }),
      },
    },
  ],
});

/**
 * Which table items the publisher is invoked for: contacts and operators make events; they, sources,
 * assignments, subscriptions and API keys carry audit stamps. No invocation for counters, deliveries,
 * rate windows or audit records.
 */
export const PUBLISHED_ITEMS = [
  {
    dynamodb: { Keys: { SK: { S: ['CONTACT', 'OPERATOR', 'SOURCE', 'APIKEY', 'ASSIGNMENT', { prefix: 'SUBSCRIPTION#' }] } } },
  },
];

/** Functions that no API route calls: the authorizer, the timers and the stream's publisher. */
const BACKGROUND: Record<string, FunctionConfig> = {
  authorizeApiKey: {
    role: 'AuthorizerRole',
    handler: handlerOf('auth/authorize'),
    environment: {
      // How long a container trusts a verdict on a key (a revoked key works at most this long).
      API_KEY_CACHE_SECONDS: '${env:API_KEY_CACHE_SECONDS, "60"}',
      // Requests per second per key, by role, as JSON (lib/auth/rate-limit.ts has the defaults).
      RATE_LIMITS: '${env:RATE_LIMITS, ""}',
    },
  },
  checkInvariants: {
    role: 'ReaderRole',
    handler: handlerOf('operators/check-invariants'),
    timeout: 300,
    events: [{ schedule: 'rate(1 day)' }],
  },
  expireOffers: {
    role: 'WriterRole',
    handler: handlerOf('contacts/expire-offers'),
    // Runs a minute, ticking every second: EventBridge (and EventBridge Scheduler) fire at most once a
    // minute, and an offer must move on within seconds of lapsing.
    timeout: 60,
    memorySize: 256,
    events: [{ schedule: 'rate(1 minute)' }],
  },
  drainBacklog: {
    role: 'WriterRole',
    handler: handlerOf('contacts/drain-backlog'),
    timeout: 60,
    events: [{ schedule: 'rate(1 minute)' }],
  },
  eraseExpiredLeads: {
    // Erases leads kept past RETENTION_DAYS after their last contact closed; does nothing when unset.
    role: 'DeleterRole',
    handler: handlerOf('leads/retention'),
    timeout: 300,
    environment: { RETENTION_DAYS: '${env:RETENTION_DAYS, ""}' },
    events: [{ schedule: 'rate(1 hour)' }],
  },
  // Outbound events: the table's stream turns committed changes into deliveries; the timer sends them.
  publishEvents: {
    role: 'PublisherRole',
    handler: handlerOf('events/publish'),
    timeout: 30,
    memorySize: 256,
    events: [
      {
        stream: {
          type: 'dynamodb',
          arn: { 'Fn::GetAtt': ['CrmTable', 'StreamArn'] },
          // A new mapping starts from the oldest record kept, so that nothing committed meanwhile is skipped.
          startingPosition: 'TRIM_HORIZON',
          batchSize: 100,
          // Records of one item stay in order with any factor; more batches of a shard run in parallel.
          parallelizationFactor: 4,
          // A failing batch is retried until it publishes (stream records live 24 h): no event is dropped.
          maximumRetryAttempts: -1,
          filterPatterns: PUBLISHED_ITEMS,
        },
      },
    ],
  },
  deliverEvents: {
    role: 'DeleterRole',
    handler: handlerOf('events/deliver'),
    // Ticks for the minute EventBridge allows (and a little more), then finishes the queues in hand
    // (at most 15 s and a receiver's 10 s timeout each); the next run starts meanwhile, and leases
    // keep each queue with one holder.
    timeout: 90,
    memorySize: 256,
    events: [{ schedule: 'rate(1 minute)' }],
  },
};

/** What the API serves beside its routes: the documentation, the dashboard and the catch-all 404. */
const PAGES: Record<string, FunctionConfig> = {
  openApi: { role: 'NoDataRole', handler: handlerOf('docs/openapi'), events: [{ httpApi: 'GET /openapi.json' }] },
  swaggerUi: { role: 'NoDataRole', handler: handlerOf('docs/swagger'), events: [{ httpApi: 'GET /docs' }] },
  redoc: { role: 'NoDataRole', handler: handlerOf('docs/redoc'), events: [{ httpApi: 'GET /redoc' }] },
  docsAsset: {
    role: 'NoDataRole',
    handler: handlerOf('docs/asset'),
    // The documentation pages' browser files ship inside this function, from the npm packages.
    package: {
      patterns: [
        'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
        'node_modules/swagger-ui-dist/swagger-ui.css',
        'node_modules/redoc/bundles/redoc.standalone.js',
      ],
    },
    events: [{ httpApi: 'GET /docs/assets/{file}' }],
  },
  // The page itself is public: it asks for the API key, which its requests then carry.
  dashboard: {
    role: 'NoDataRole',
    handler: handlerOf('dashboard/serve'),
    events: [{ httpApi: 'GET /' }, { httpApi: 'GET /assets/{file}' }],
  },
  notFound: { role: 'NoDataRole', handler: handlerOf('not-found'), events: [{ httpApi: '*' }] },
};

/** Every function, by name: one per API route (an API Gateway route answers `/operators/` as `/operators`), then the rest. */
export const functions: Record<string, FunctionConfig> = {
  ...Object.fromEntries(Object.entries(ROUTES).map(([name, route]) => [name, apiFunction(route)])),
  ...BACKGROUND,
  ...PAGES,
};

const TABLE_ARNS = [{ 'Fn::GetAtt': ['CrmTable', 'Arn'] }, { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['CrmTable', 'Arn'] }, 'index', '*']] }];
const READS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITES = [...READS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];

/** Least privilege: each function runs under the role of what it does to the table, nothing more. */
const ROLES: Record<RoleName, { table: string[]; stream?: true }> = {
  // Checks API keys: reads one item, and counts the key's requests.
  AuthorizerRole: { table: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] },
  // Lists and reads.
  ReaderRole: { table: READS },
  // Creates and changes: reads, then conditional writes and transactions.
  WriterRole: { table: WRITES },
  // Deletes operators, sources, assignments and subscriptions, in transactions; the delivery timer deletes emptied queues.
  DeleterRole: { table: [...WRITES, 'dynamodb:DeleteItem'] },
  // Publishes events: reads the table's stream, writes deliveries.
  PublisherRole: {
    table: WRITES,
    stream: true,
  },
  // Serves the documentation and the 404: no table access.
  NoDataRole: { table: [] },
};

function role(name: RoleName, { table, stream }: { table: string[]; stream?: true }): Resource {
  const logs = {
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: {
      'Fn::Join': [
        '',
        [
          'arn:aws:logs:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':log-group:/aws/lambda/${self:service}-${sls:stage}-*:*',
        ],
      ],
    },
  };
  const streamRead = {
    Effect: 'Allow',
    Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
    Resource: [{ 'Fn::GetAtt': ['CrmTable', 'StreamArn'] }],
  };
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: name,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              logs,
              ...(table.length > 0 ? [{ Effect: 'Allow', Action: table, Resource: TABLE_ARNS }] : []),
              ...(stream ? [streamRead] : []),
            ],
          },
        },
      ],
    },
  };
}

/**
 * The indexes, by what they serve; every key is a string. They hold keys only: a read finds keys in
 * an index and the items by key (strongly consistent), and a write to an item touches an index only
 * when the item's key there changes, never for a count or a status it does not key on.
 */
export const INDEXES: Record<string, { projection: 'ALL' | 'KEYS_ONLY' }> = {
  // Every item of an entity in id order (the lists; contacts and leads over LIST_SHARDS partitions).
  GSI1: { projection: 'KEYS_ONLY' },
  // An operator's contacts (open ones apart from closed), or a source's backlog of waiting contacts.
  GSI2: { projection: 'KEYS_ONLY' },
  // A source's contacts.
  GSI3: { projection: 'KEYS_ONLY' },
  // A lead's contacts.
  GSI4: { projection: 'KEYS_ONLY' },
  // What timers read and everyone's waiting contacts: pending offers by when they lapse, delivery
  // queues by when they are due, waiting contacts by id (only those have these keys).
  GSI5: { projection: 'KEYS_ONLY' },
};

const keySchema = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: 'HASH' as const },
  { AttributeName: range, KeyType: 'RANGE' as const },
];

/** The single table. The local stack and the tests create theirs from this same definition (scripts/table.ts). */
export const TABLE_PROPERTIES = {
  TableName: '${self:custom.tableName}',
  BillingMode: 'PAY_PER_REQUEST' as const,
  DeletionProtectionEnabled: true,
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
  // Idempotency records (webhook deliveries, Idempotency-Key) expire after a few days.
  TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
  SSESpecification: { SSEEnabled: true },
  // Outbound events are derived from the committed changes themselves (lib/events/derive.ts).
  StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  AttributeDefinitions: ['PK', 'SK', ...Object.keys(INDEXES).flatMap((index) => [`${index}PK`, `${index}SK`])].map((name) => ({
    AttributeName: name,
    AttributeType: 'S' as const,
  })),
  KeySchema: keySchema('PK', 'SK'),
  GlobalSecondaryIndexes: Object.entries(INDEXES).map(([name, { projection }]) => ({
    IndexName: name,
    KeySchema: keySchema(`${name}PK`, `${name}SK`),
    Projection: { ProjectionType: projection },
  })),
};

/** serverless-esbuild's settings: how every function is bundled (the cold-start benchmark bundles the same way). */
export const ESBUILD = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'node22',
  platform: 'node',
  format: 'cjs',
  // The Lambda runtime ships the AWS SDK v3; bundling it again only slows cold starts.
  exclude: ['@aws-sdk/*'],
  // The built dashboard (`npm run build`) is bundled into its function as data: no S3, no CDN.
  loader: { '.site': 'json' as const },
};

export default {
  service: 'lead-distribution-crm',
  frameworkVersion: '4',
  plugins: ['serverless-esbuild'],
  // One small bundle per function: a cold start loads only what that endpoint uses.
  package: { individually: true },
  custom: {
    tableName: '${self:service}-${sls:stage}',
    cors: {
      local: {
        allowedOrigins: ['*'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Api-Key', 'Idempotency-Key'],
        allowedMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        exposedResponseHeaders: ['Link', 'Retry-After'],
        maxAge: 600,
      },
    },
    esbuild: ESBUILD,
  },
  provider: {
    name: 'aws',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memorySize: 512,
    timeout: 10,
    stage: '${opt:stage, "dev"}',
    region: '${opt:region, "eu-central-1"}',
    logRetentionInDays: 30,
    environment: {
      TABLE_NAME: '${env:TABLE_NAME, self:custom.tableName}',
      // Only the local stack and the tests set this; deployed functions talk to the regional endpoint.
      DYNAMODB_ENDPOINT: '${env:DYNAMODB_ENDPOINT, ""}',
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      // The country whose national numbers (8 916 ...) leads write in, at deploy time or on npm start.
      DEFAULT_PHONE_REGION: '${env:DEFAULT_PHONE_REGION, "RU"}',
      // New contacts per second a source's webhooks may register (lib/auth/rate-limit.ts; 0 for no limit).
      WEBHOOK_RATE_LIMIT: '${env:WEBHOOK_RATE_LIMIT, ""}',
      // Only the local stack sets this: subscriptions may then point at http://127.0.0.1 or localhost.
      EVENTS_ALLOW_LOCAL_HTTP: '${env:EVENTS_ALLOW_LOCAL_HTTP, ""}',
      // Where the operators' bot calls the Bot API; the tests point it at a fake Bot API on 127.0.0.1.
      TELEGRAM_API_BASE_URL: '${env:TELEGRAM_API_BASE_URL, "https://api.telegram.org"}',
    },
    httpApi: {
      payload: '2.0',
      // Other origins may call the API from a browser only where a stage lists them; the dashboard and
      // the docs are served by the API itself and need none.
      cors: '${self:custom.cors.${sls:stage}, false}',
      authorizers: {
        // Every route but the webhooks (they carry their own proof), the docs and /health needs an API key.
        apiKey: {
          type: 'request',
          functionName: 'authorizeApiKey',
          enableSimpleResponses: true,
          payloadVersion: '2.0',
          // The authorizer caches verdicts itself, per container, so that either header may carry the key.
          resultTtlInSeconds: 0,
        },
      },
    },
  },
  functions,
  resources: {
    Resources: {
      ...Object.fromEntries(Object.entries(ROLES).map(([name, actions]) => [name, role(name as RoleName, actions)])),
      CrmTable: { Type: 'AWS::DynamoDB::Table', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: TABLE_PROPERTIES },
    },
    Outputs: { TableName: { Value: { Ref: 'CrmTable' } } },
    extensions: {
      // A ceiling for the whole API, whatever the keys' own budgets (lib/auth/rate-limit.ts): API
      // Gateway answers past it with 429 before any function runs.
      HttpApiStage: {
        Properties: {
          DefaultRouteSettings: {
            ThrottlingRateLimit: '${env:API_RATE_LIMIT, 2000}',
            ThrottlingBurstLimit: '${env:API_BURST_LIMIT, 4000}',
          },
        },
      },
    },
  },
};
