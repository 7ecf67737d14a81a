import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD, functions } from '../serverless';
import { ensureDashboardBuilt } from './dashboard';

const ROOT = join(__dirname, '..');

/** Where the local stack's bundles go (gitignored; not `.esbuild/`, which serverless-esbuild deletes after packaging). */
export const LOCAL_BUILD = '.local-build';

/**
 * Every function bundled once, with serverless.ts's esbuild settings, into `dir` (inside the
 * repository, so that a handler resolves `node_modules` as it does under serverless-esbuild):
 * `dir/functions/<handler>.js`, what the local API loads. The test run builds them once and hands
 * the folder to every local stack it starts (`LOCAL_FUNCTIONS_DIR`).
 */
export async function bundleFunctions(dir: string): Promise<string> {
  await ensureDashboardBuilt(); // the dashboard function embeds the built page
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entryPoints = [...new Set(Object.values(functions).map((fn) => fn.handler.replace(/\.handler$/, '')))];
  await build({
    entryPoints: entryPoints.map((entry) => ({ in: join(ROOT, `${entry}.ts`), out: entry })),
    outdir: dir,
    bundle: ESBUILD.bundle,
    minify: ESBUILD.minify,
    sourcemap: ESBUILD.sourcemap,
    target: ESBUILD.target,
    platform: 'node',
    format: 'cjs',
    external: ESBUILD.exclude,
    loader: ESBUILD.loader,
    logLevel: 'silent',
  });
  return dir;
}
