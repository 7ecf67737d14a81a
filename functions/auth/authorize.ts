import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { presentedKey, verifyApiKey } from '../../lib/auth/api-keys';
import type { CallerContext } from '../../lib/auth/roles';

/**
 * The HTTP API's Lambda authorizer: lets a request through only with a live API key, and hands the
 * key's role (and an operator key's operator) to the function in its context, so that no function
 * reads the key again.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<{ isAuthorized: boolean; context?: CallerContext }> => {
  const presented = presentedKey(event.headers ?? {});
  const key = presented === undefined ? undefined : await verifyApiKey(presented);
  if (!key) return { isAuthorized: false };
  const context: CallerContext = { role: key.role, key_id: key.id, key_name: key.name };
  if (key.operator_id !== null) context.operator_id = key.operator_id;
  return { isAuthorized: true, context };
};
