import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ensureDashboardBuilt } from '../dashboard';
import { ESBUILD, functions } from '../../serverless';
import { median, ROOT, round } from './common';

const BUNDLE_DIR = join(ROOT, '.esbuild', 'bench');
export const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 20);
/** BENCH_COLD_BUNDLE_SDK=1 bundles the AWS SDK into each function, to compare with taking the runtime's. */
const BUNDLE_SDK = process.env.BENCH_COLD_BUNDLE_SDK === '1';
// The webhooks carry registration whole (routing, quotas, libphonenumber's metadata 118 KB, zod 96 KB): 255 KB on 2026-12-02.
export const AIMS = { bundleKb: 260, initMs: 100 };

/** Loads a bundle in a fresh Node process and prints how long `require` took, in ms. */
const INIT_PROBE = `const t = performance.now(); require(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

/**
 * Each function bundled as serverless.ts's custom.esbuild does it (minified, cjs, node22, the AWS
 * SDK external: the Lambda runtime provides it), then its module init time measured in fresh Node
 * processes: the part of a cold start this code controls.
 */
export async function coldStart() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  mkdirSync(BUNDLE_DIR, { recursive: true });
  await ensureDashboardBuilt(); // the dashboard function embeds the built page
  const { target, exclude, loader } = ESBUILD;
  const rows = [];
  for (const [name, fn] of Object.entries(functions)) {
    const entry = fn.handler.replace(/\.[^.]+$/, '');
    const outfile = join(BUNDLE_DIR, `${name}.js`);
    const result = await build({
      entryPoints: [join(ROOT, `${entry}.ts`)],
      outfile,
      bundle: true,
      minify: true,
      sourcemap: false,
      target,
      platform: 'node',
      format: 'cjs',
      external: BUNDLE_SDK ? [] : exclude,
      loader,
      metafile: true,
      logLevel: 'silent',
    });
    const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    const inits = Array.from({ length: RUNS }, () =>
      Number(execFileSync(process.execPath, ['-e', INIT_PROBE, outfile], { cwd: ROOT, encoding: 'utf8' })),
    );
    const bundleKb = round(bytes / 1024);
    const initMs = round(median(inits));
    rows.push({
      function: name,
      bundle_kb: bundleKb,
      init_ms_median: initMs,
      init_ms_max: round(Math.max(...inits)),
      within_aims: bundleKb < AIMS.bundleKb && initMs < AIMS.initMs,
    });
  }
  // What the runtime's AWS SDK alone costs to load, for comparison: most functions load it.
  const sdkProbe = join(BUNDLE_DIR, 'aws-sdk-only.js');
  writeFileSync(sdkProbe, "require('@aws-sdk/client-dynamodb'); require('@aws-sdk/lib-dynamodb');\n");
  const sdkInits = Array.from({ length: RUNS }, () =>
    Number(execFileSync(process.execPath, ['-e', INIT_PROBE, sdkProbe], { cwd: ROOT, encoding: 'utf8' })),
  );
  rows.push({
    function: '(AWS SDK v3 DynamoDB clients alone)',
    bundle_kb: 0,
    init_ms_median: round(median(sdkInits)),
    init_ms_max: round(Math.max(...sdkInits)),
    within_aims: median(sdkInits) < AIMS.initMs,
  });
  return rows;
}
