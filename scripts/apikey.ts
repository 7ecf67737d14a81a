import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey } from '../lib/auth/api-keys';
import { ROLES, type Role } from '../lib/auth/roles';
import { useLocalTableByDefault } from './local-table';

const USAGE = `usage: npm run apikey -- create <name> [--role ${ROLES.join('|')}] [--operator <id>] [--expires <date>] | list | revoke <id>`;

/** `npm run apikey -- create|list|revoke`, against the local stack's table or the one in TABLE_NAME. */
async function main(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, operator: { type: 'string' }, expires: { type: 'string' } },
  });
  const [command, argument] = positionals;
  useLocalTableByDefault();
  if (command === 'create' && argument) {
    const role = (values.role ?? 'admin') as Role;
    if (!ROLES.includes(role)) throw new Error(`unknown role ${role}; ${USAGE}`);
    const expires = values.expires === undefined ? null : new Date(values.expires);
    if (expires && Number.isNaN(expires.getTime())) throw new Error(`--expires ${values.expires} is not a date`);
    const { key, ...info } = await createApiKey(argument, {
      role,
      operatorId: values.operator === undefined ? null : Number(values.operator),
      expiresAt: expires?.toISOString() ?? null,
    });
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
