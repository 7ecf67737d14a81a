import { createApiKey, listApiKeys, revokeApiKey } from '../lib/auth/api-keys';
import { useLocalTableByDefault } from './local-table';

const USAGE = 'usage: npm run apikey -- create <name> | list | revoke <id>';

/** `npm run apikey -- create|list|revoke`, against the local stack's table or the one in TABLE_NAME. */
async function main([command, argument]: string[]): Promise<void> {
  useLocalTableByDefault();
  if (command === 'create' && argument) {
    const { key, ...info } = await createApiKey(argument);
    console.log(JSON.stringify(info));
    console.log(`key (shown only now, store it safely): ${key}`);
  } else if (command === 'list') {
    for (const info of await listApiKeys()) console.log(JSON.stringify(info));
  } else if (command === 'revoke' && argument) {
    console.log(JSON.stringify(await revokeApiKey(argument)));
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`apikey failed: ${error.message}`);
  process.exit(1);
});
