import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDashboardBuilt } from '../../scripts/dashboard';

const ROOT = join(__dirname, '..', '..');
type Resource = { Type: string; Properties: Record<string, any> };
let resources: Record<string, Resource>;
let out: string;

/** What each function may do to the table: its role must allow exactly these actions. */
const READ = ['BatchGetItem', 'GetItem', 'Query'];
const WRITE = [...READ, 'ConditionCheckItem', 'PutItem', 'UpdateItem'];
const DELETE = [...WRITE, 'DeleteItem'];
const EXPECTED: Record<string, string[]> = {
  authorizeApiKey: ['GetItem', 'UpdateItem'],
  ...Object.fromEntries(
    [
      'listOperators',
      'getOperator',
      'operatorLoad',
      'getOperatorSchedule',
      'listSources',
      'getSource',
      'sourceStats',
      'simulateSource',
      'listAssignments',
      'listContacts',
      'getContact',
      'listLeads',
      'getLead',
      'health',
      'checkInvariants',
      'whatsappVerify',
      'listSubscriptions',
      'getSubscription',
      'testSubscription',
      'listDeliveries',
      'getTelegramBot',
      'exportLead',
      'listApiKeys',
      'listAudit',
    ].map((f) => [f, READ]),
  ),
  ...Object.fromEntries(
    [
      'createOperator',
      'updateOperator',
      'patchOperator',
      'operatorHeartbeat',
      'putOperatorSchedule',
      'deleteOperatorSchedule',
      'acceptContact',
      'declineContact',
      'expireOffers',
      'createSource',
      'updateSource',
      'createAssignment',
      'updateAssignment',
      'registerContact',
      'closeContact',
      'reopenContact',
      'reassignContact',
      'drainBacklog',
      'telegramWebhook',
      'whatsappWebhook',
      'vkWebhook',
      'createSubscription',
      'updateSubscription',
      'rotateSubscriptionSecret',
      'retryDelivery',
      'putTelegramBot',
      'createTelegramLink',
      'createApiKey',
      'revokeApiKey',
    ].map((f) => [f, WRITE]),
  ),
  ...Object.fromEntries(
    [
      'deleteOperator',
      'deleteSource',
      'deleteAssignment',
      'deleteSubscription',
      'deliverEvents',
      'deleteTelegramBot',
      'deleteTelegramLink',
      'eraseLead',
      'eraseExpiredLeads',
      'telegramBotWebhook',
    ].map((f) => [f, DELETE]),
  ),
  publishEvents: [...WRITE, 'DescribeStream', 'GetRecords', 'GetShardIterator', 'ListStreams'],
  ...Object.fromEntries(['openApi', 'swaggerUi', 'redoc', 'docsAsset', 'dashboard', 'notFound', 'currentApiKey'].map((f) => [f, []])),
};

/** The deploy's own environment decides the phone region. */
const deployEnv = ({ DEFAULT_PHONE_REGION: _region, ...env }: NodeJS.ProcessEnv) => env;

const logicalId = (fn: string) => `${fn[0]!.toUpperCase()}${fn.slice(1)}LambdaFunction`;

function tableActions(roleId: string): string[] {
  const role = resources[roleId]!;
  return role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement)
    .flatMap((statement: any) => [statement.Action].flat())
    .filter((action: string) => action.startsWith('dynamodb:'))
    .map((action: string) => action.slice('dynamodb:'.length))
    .sort();
}

describe('the deployable package (serverless package --stage prod)', () => {
  beforeAll(async () => {
    // The dashboard function embeds the built page, as `npm run deploy` builds it first.
    await ensureDashboardBuilt();
    out = mkdtempSync(join(tmpdir(), 'crm-package-'));
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js'), 'package', '--stage', 'prod', '--package', out],
      {
        cwd: ROOT,
        env: { ...deployEnv(process.env), SLS_TELEMETRY_DISABLED: '1' },
        stdio: 'ignore',
      },
    );
    resources = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('gives every function only the table actions it uses', () => {
    const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual(Object.keys(EXPECTED).map(logicalId).sort());
    for (const [fn, actions] of Object.entries(EXPECTED)) {
      const roleId = resources[logicalId(fn)]!.Properties.Role['Fn::GetAtt'][0];
      expect(tableActions(roleId), fn).toEqual([...actions].sort());
    }
  });

  it('scopes table permissions to this table and its indexes, with no wildcard actions', () => {
    const statements = Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Role')
      .flatMap((role) => role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement));
    for (const statement of statements) {
      expect([statement.Action].flat().some((action: string) => action.includes('*'))).toBe(false);
      if ([statement.Action].flat().some((action: string) => action.startsWith('dynamodb:'))) {
        expect(JSON.stringify(statement.Resource)).toMatch(/CrmTable/);
      }
    }
    expect(Object.keys(resources).some((id) => id === 'IamRoleLambdaExecution')).toBe(false);
  });

  it('creates the table on demand, with point-in-time recovery, deletion protection and TTL, kept on stack removal', () => {
    const table = resources.CrmTable!;
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      },
    });
  });

  it('runs the offer timer every minute, for a minute, and gives it the sparse index of pending offers', () => {
    const rule = Object.values(resources).find(
      (r) => r.Type === 'AWS::Events::Rule' && JSON.stringify(r.Properties.Targets).includes('ExpireOffersLambdaFunction'),
    );
    expect(rule?.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(resources.ExpireOffersLambdaFunction!.Properties.Timeout).toBe(60);
    const table = resources.CrmTable!.Properties;
    expect(table.GlobalSecondaryIndexes.find((index: { IndexName: string }) => index.IndexName === 'GSI5')).toMatchObject({
      KeySchema: [
        { AttributeName: 'GSI5PK', KeyType: 'HASH' },
        { AttributeName: 'GSI5SK', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
  });

  it('derives events and the audit trail from the table stream: old and new images, from the oldest record, retried until published, only the items that make them', () => {
    expect(resources.CrmTable!.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const mapping = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')!;
    expect(JSON.stringify(mapping.Properties.FunctionName)).toContain('PublishEventsLambdaFunction');
    expect(mapping.Properties).toMatchObject({ StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: -1, BatchSize: 100 });
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      dynamodb: {
        Keys: { SK: { S: ['CONTACT', 'OPERATOR', 'SOURCE', 'APIKEY', 'ASSIGNMENT', { prefix: 'SUBSCRIPTION#' }] } },
      },
    });
    const rule = Object.values(resources).find(
      (r) => r.Type === 'AWS::Events::Rule' && JSON.stringify(r.Properties.Targets).includes('DeliverEventsLambdaFunction'),
    );
    expect(rule?.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(resources.DeliverEventsLambdaFunction!.Properties.Timeout).toBe(90);
  });

  it('caps the whole API with stage throttling, whatever the keys’ own budgets', () => {
    expect(resources.HttpApiStage!.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 2000,
      ThrottlingBurstLimit: 4000,
    });
  });

  it('reads national phone numbers as Russian in every function unless the deploy says otherwise', () => {
    const functions = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    for (const fn of functions) expect(fn.Properties.Environment.Variables.DEFAULT_PHONE_REGION).toBe('RU');
  });

  it('allows no cross-origin browser calls on prod unless a stage lists origins', () => {
    const api = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });
});
