import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { isValidApiKey, presentedKey } from '../../lib/auth/api-keys';

/** The HTTP API's Lambda authorizer: lets a request through only with a live API key. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<{ isAuthorized: boolean }> => {
  const key = presentedKey(event.headers ?? {});
  return { isAuthorized: key !== undefined && (await isValidApiKey(key)) };
};
