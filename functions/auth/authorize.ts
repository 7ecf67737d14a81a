import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { presentedKey, verifyApiKey } from '../../lib/auth/api-keys';
import { takeRequest } from '../../lib/auth/rate-limit';
import type { CallerContext } from '../../lib/auth/roles';

/**
 * The HTTP API's Lambda authorizer: lets a request through only with a live API key, and hands the
 * key's role (and an operator key's operator) to the function in its context, so that no function
 * reads the key again. A key past its request budget is let through marked, so that the function
 * answers 429 with `Retry-After` (an authorizer can only allow or refuse, and its refusal is a 403).
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<{ isAuthorized: boolean; context?: CallerContext }> => {
  const presented = presentedKey(event.headers ?? {});
  const key = presented === undefined ? undefined : await verifyApiKey(presented);
  if (!key) return { isAuthorized: false };
  const context: CallerContext = { role: key.role, key_id: key.id, key_name: key.name };
  if (key.operator_id !== null) context.operator_id = key.operator_id;
  const { allowed, retryAfterSeconds } = await takeRequest(key.id, key.role);
  if (!allowed) context.retry_after = retryAfterSeconds;
  return { isAuthorized: true, context };
};
