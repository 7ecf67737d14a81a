/** Settings of one container, read from the environment. */
export interface Config {
  tableName: string;
  /** Set only for DynamoDB Local; deployed functions use the regional endpoint. */
  dynamodbEndpoint: string | undefined;
  region: string;
}

/** Reads the configuration; a missing TABLE_NAME fails with its name, on the first use of the table (config() is read lazily, once per container). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return {
    tableName,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-central-1',
  };
}

let cached: Config | undefined;

const REGION = /^[A-Z]{2}$/;
/** The country whose national phone numbers (`8 916 ...`) leads write in: DEFAULT_PHONE_REGION, RU unless set. */
export function defaultPhoneRegion(env: NodeJS.ProcessEnv = process.env): 'RU' | (string & {}) {
  const region = env.DEFAULT_PHONE_REGION || 'RU';
  if (!REGION.test(region)) throw new Error(`DEFAULT_PHONE_REGION must be a two-letter country code, not ${region}`);
  return region;
}

/** The container's configuration, read once. */
export const config = (): Config => (cached ??= readConfig());
