import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD, functions } from '../serverless';
import { ensureDashboardBuilt } from './dashboard';

const ROOT = join(__dirname, '..');

/** Where the local stack's bundles go (gitignored; not `.esbuild/`, which serverless-esbuild deletes after packaging). */
export const LOCAL_BUILD = '.local-build';

/** A function's handler file without its extension: `functions/operators/create` for `functions/operators/create.handler`. */
const entryOf = (fn: { handler: string }) => fn.handler.replace(/\.handler$/, '');

/** Where a function's bundle is in a folder `bundleFunctions` filled: `functions/<handler>.js`, as the local API loads it. */
export const bundleOf = (dir: string, fn: { handler: string }) => join(dir, `${entryOf(fn)}.js`);

/**
 * Every function bundled once, with serverless.ts's esbuild settings, into `dir` (inside the
 * repository, so that a handler resolves `node_modules` as it does under serverless-esbuild):
 * `bundleOf(dir, name)`, what the local API loads. The test run builds them once and hands the
 * folder to every local stack it starts (`LOCAL_FUNCTIONS_DIR`). One build of every entry, no code
 * splitting: each bundle is what a build of its own would be, and esbuild parses the shared code
 * once. `bundleSdk` bundles the AWS SDK too (the cold-start benchmark's comparison). Answers each
 * bundle's size in bytes by its path.
 */
export async function bundleFunctions(dir: string, { bundleSdk = false } = {}): Promise<Map<string, number>> {
  await ensureDashboardBuilt(); // the dashboard function embeds the built page
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entryPoints = [...new Set(Object.values(functions).map(entryOf))];
  const { metafile } = await build({
    entryPoints: entryPoints.map((entry) => ({ in: join(ROOT, `${entry}.ts`), out: entry })),
    outdir: dir,
    absWorkingDir: ROOT,
    bundle: ESBUILD.bundle,
    minify: ESBUILD.minify,
    sourcemap: ESBUILD.sourcemap,
    target: ESBUILD.target,
    platform: 'node',
    format: 'cjs',
    external: bundleSdk ? [] : ESBUILD.exclude,
    loader: ESBUILD.loader,
    metafile: true,
    logLevel: 'silent',
  });
  return new Map(Object.entries(metafile.outputs).map(([path, output]) => [join(ROOT, path), output.bytes]));
}
