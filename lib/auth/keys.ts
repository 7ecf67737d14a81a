import { getOperator } from '../db/operators';
import { notFound } from '../errors';
import type { ApiKeyInput } from '../schemas/api-keys';
import { type ApiKeyInfo, createApiKey } from './api-keys';

/** Creates a key for the API's caller; an operator key must name an operator that exists. */
export async function issueApiKey(input: ApiKeyInput): Promise<ApiKeyInfo & { key: string }> {
  if (input.operator_id !== null && !(await getOperator(input.operator_id))) throw notFound('Operator', input.operator_id);
  return createApiKey(input.name, { role: input.role, operatorId: input.operator_id, expiresAt: input.expires_at });
}
