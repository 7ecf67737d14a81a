import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

/**
 * Outside the repository: the local stack's bundler watches it and would rebuild on new files. The
 * repository's packages are linked in, as a project that installed them would have them.
 */
const DIR = mkdtempSync(join(tmpdir(), 'generated-client-'));
symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(DIR, 'node_modules'), 'dir');

/**
 * The seed's flow as a team would write it against a client generated from `/openapi.json`
 * (openapi-typescript for the types, openapi-fetch for the calls): ids are numbers in paths, queries
 * and bodies alike, and every answer is typed.
 */
const FLOW = `import createClient from 'openapi-fetch';
import type { paths } from './openapi';

export async function seedFlow(baseUrl: string) {
  const api = createClient<paths>({ baseUrl });
  const must = <T>(answer: { data?: T; error?: unknown }): T => {
    if (answer.data === undefined) throw new Error(JSON.stringify(answer.error));
    return answer.data;
  };
  const operator = must(await api.POST('/operators', { body: { name: 'Оператор Иван', is_active: true, max_load: 5 } }));
  const operatorId: number = operator.id;
  const renamed = must(
    await api.PUT('/operators/{operator_id}', {
      params: { path: { operator_id: operatorId } },
      body: { name: 'Иван Обновленный', is_active: true, max_load: 7 },
    }),
  );
  const source = must(await api.POST('/sources', { body: { name: 'Telegram Bot' } }));
  must(await api.POST('/assignments', { body: { operator_id: operatorId, source_id: source.id, weight: 10 } }));
  const contact = must(await api.POST('/contacts', { body: { lead_external_id: '+79161234567', source_id: source.id } }));
  const mine = must(await api.GET('/contacts', { params: { query: { operator_id: operatorId, unassigned: false, limit: 10 } } }));
  const explained = must(await api.GET('/contacts/{contact_id}', { params: { path: { contact_id: contact.id } } }));
  const leads = must(await api.GET('/leads', { params: { query: { limit: 10 } } }));
  const missing = await api.GET('/operators/{operator_id}', { params: { path: { operator_id: 999 } } });
  return {
    renamed: renamed.name,
    assignedTo: contact.operator_id,
    mine: mine.map((one) => one.id),
    winner: explained.routing?.winner,
    leads: leads.map((lead) => lead.external_id),
    missing: { status: missing.response.status, detail: missing.error },
  };
}
`;

describe('a client generated from the served OpenAPI document', () => {
  const api = useApiStack();
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it('type-checks under strict TypeScript and runs the seed’s flow with integer ids', async () => {
    const document = (await api.request('GET', '/openapi.json')).body;
    writeFileSync(join(DIR, 'openapi.d.ts'), astToString(await openapiTS(document)));
    writeFileSync(join(DIR, 'flow.ts'), FLOW);

    const program = ts.createProgram([join(DIR, 'flow.ts')], {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);

    const { seedFlow } = (await import(join(DIR, 'flow.ts'))) as { seedFlow(baseUrl: string): Promise<unknown> };
    expect(await seedFlow(api.url)).toEqual({
      renamed: 'Иван Обновленный',
      assignedTo: 1,
      mine: [1],
      winner: 1,
      leads: ['+79161234567'],
      missing: { status: 404, detail: { detail: 'Operator 999 not found' } },
    });
  });
});
