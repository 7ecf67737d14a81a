import { HEALTH_ROUTES } from './health';
import { OPERATOR_ROUTES } from './operators';
import { SOURCE_ROUTES } from './sources';
import { ASSIGNMENT_ROUTES } from './assignments';
import { CONTACT_ROUTES } from './contacts';
import { SUBSCRIPTION_ROUTES } from './subscriptions';
import { AUDIT_ROUTES } from './audit';
import { API_KEY_ROUTES } from './api-keys';
import { TELEGRAM_ROUTES } from './telegram';
import { LEAD_ROUTES } from './leads';
import { WEBHOOK_ROUTES } from './webhooks';

export type { Method, ResponseDoc, Route, TableAccess } from './route';

/**
 * Every route of the API, by the name of its function: `serverless.ts` deploys each with its IAM
 * role and authorizer, the OpenAPI document describes each, and each handler validates with its own
 * entry (`endpoint(OPERATOR_ROUTES.createOperator, ...)`, from its group's file, so that a function
 * bundles only its group's schemas). Adding an endpoint is one entry in its group's file and its handler.
 */
export const ROUTES = {
  ...HEALTH_ROUTES,
  ...OPERATOR_ROUTES,
  ...SOURCE_ROUTES,
  ...ASSIGNMENT_ROUTES,
  ...CONTACT_ROUTES,
  ...SUBSCRIPTION_ROUTES,
  ...AUDIT_ROUTES,
  ...API_KEY_ROUTES,
  ...TELEGRAM_ROUTES,
  ...LEAD_ROUTES,
  ...WEBHOOK_ROUTES,
};

export type RouteName = keyof typeof ROUTES;
