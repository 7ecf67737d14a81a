import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { EmbeddedSite, SiteFile } from '../lib/dashboard/site';

const ROOT = join(__dirname, '..');
const WEB = join(ROOT, 'web');
/** What the dashboard function bundles (see `functions/dashboard/serve.ts`). */
export const SITE_FILE = join(WEB, 'dist', 'dashboard.site');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const TEXT = /^text\/|^image\/svg/;

/** Everything the build depends on: the front end's sources and config, and the locked dependencies. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(WEB, 'dist') && entry.name !== 'node_modules') visit(path);
      } else {
        hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  visit(WEB);
  return hash.update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex');
}

function siteFile(fileName: string, content: string | Uint8Array): SiteFile {
  const contentType = CONTENT_TYPES[extname(fileName)] ?? 'application/octet-stream';
  const bytes = Buffer.from(content);
  const base64 = !TEXT.test(contentType);
  return {
    contentType,
    body: base64 ? bytes.toString('base64') : bytes.toString('utf8'),
    base64,
    etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`,
    immutable: fileName.startsWith('assets/'),
  };
}

/** Builds the front end with Vite and writes it, as one file, where the dashboard function bundles it from. */
export async function buildDashboard(): Promise<EmbeddedSite> {
  const inputs = inputsHash();
  // Vite is ESM-only and heavy; loaded only when a build is needed.
  const { build } = await import('vite');
  const result = await build({ configFile: join(WEB, 'vite.config.mts'), logLevel: 'warn', build: { write: false } });
  const outputs = Array.isArray(result) ? result : [result];
  const site: EmbeddedSite = { inputsHash: inputs, files: {} };
  for (const output of outputs) {
    if (!('output' in output)) throw new Error('The dashboard build returned a watcher, not files');
    for (const file of output.output) {
      site.files[file.fileName] = siteFile(file.fileName, file.type === 'chunk' ? file.code : file.source);
    }
  }
  if (!site.files['index.html']) throw new Error('The dashboard build produced no index.html');
  // Written to a temporary name and renamed, so that concurrent builds (parallel test files) never
  // leave a half-written file for serverless-esbuild to bundle.
  mkdirSync(join(WEB, 'dist'), { recursive: true });
  const temporary = `${SITE_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(site));
  renameSync(temporary, SITE_FILE);
  return site;
}

function builtInputsHash(): string | undefined {
  try {
    return (JSON.parse(readFileSync(SITE_FILE, 'utf8')) as EmbeddedSite).inputsHash;
  } catch {
    return undefined;
  }
}

/** Builds the dashboard unless the last build was made from the same sources. Returns whether it built. */
export async function ensureDashboardBuilt(): Promise<boolean> {
  if (builtInputsHash() === inputsHash()) return false;
  await buildDashboard();
  return true;
}

if (require.main === module) {
  const started = Date.now();
  buildDashboard()
    .then((site) => {
      const files = Object.entries(site.files).map(([name, file]) => `${name} (${Math.round(file.body.length / 1024)} KB)`);
      console.log(`Dashboard built in ${Date.now() - started} ms: ${files.join(', ')} -> ${relative(ROOT, SITE_FILE)}`);
    })
    .catch((error: Error) => {
      console.error(`Dashboard build failed: ${error.message}`);
      process.exit(1);
    });
}
