import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functions } from '../../serverless';
import { bundleFunctions, bundleOf, LOCAL_BUILD } from '../bundle';
import { median, ROOT, round } from './common';

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
  // A folder of its own (not `.esbuild/`, which packaging deletes): packaging may run beside it.
  mkdirSync(join(ROOT, LOCAL_BUILD), { recursive: true });
  const dir = mkdtempSync(join(ROOT, LOCAL_BUILD, 'bench-'));
  try {
    return await measureBundles(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measureBundles(dir: string) {
  const sizes = await bundleFunctions(dir, { bundleSdk: BUNDLE_SDK });
  const rows = [];
  for (const name of Object.keys(functions)) {
    const outfile = bundleOf(dir, functions[name]!);
    const bytes = sizes.get(outfile)!;
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
  const sdkProbe = join(dir, 'aws-sdk-only.js');
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
