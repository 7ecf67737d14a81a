/**
 * Points the library at the local stack's table unless TABLE_NAME / DYNAMODB_ENDPOINT say otherwise
 * (a deployed table: TABLE_NAME=lead-distribution-crm-prod and AWS credentials, no endpoint).
 */
export function useLocalTableByDefault(): void {
  process.env.TABLE_NAME ??= 'lead-distribution-crm-local';
  if (process.env.TABLE_NAME === 'lead-distribution-crm-local') {
    process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8001}`;
  }
}
