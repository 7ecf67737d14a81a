import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

/** What each page says exists: `npm run` scripts, links to files, and paths in the repository written as code. */
const claims = PAGES.map((page) => {
  const text = read(page);
  return {
    page,
    scripts: [...text.matchAll(/npm run ([a-z][a-z:-]*)/g)].map((match) => match[1]!),
    links: [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target)),
    // web/dist is what `npm run build` writes, not part of a clone.
    paths: [...text.matchAll(/`((?:lib|functions|scripts|test|web|docs)\/[A-Za-z0-9_./-]+)`/g)]
      .map((match) => match[1]!)
      .filter((path) => !path.startsWith('web/dist/')),
  };
});

describe('README, CONTRIBUTING and docs/', () => {
  it('show only npm scripts that package.json has', () => {
    const missing = claims.flatMap(({ page, scripts: named }) =>
      named.filter((name) => !scripts.includes(name)).map((name) => `${page}: npm run ${name}`),
    );
    expect(missing).toEqual([]);
    expect(claims.flatMap((claim) => claim.scripts).length).toBeGreaterThan(10);
  });

  it('link only to files that exist', () => {
    const broken = claims.flatMap(({ page, links }) =>
      links.filter((target) => !existsSync(join(ROOT, dirname(page), target))).map((target) => `${page}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it('name only paths of the repository that exist', () => {
    const gone = claims.flatMap(({ page, paths }) =>
      paths.filter((path) => !existsSync(join(ROOT, path.replace(/\/$/, '')))).map((path) => `${page}: ${path}`),
    );
    expect(gone).toEqual([]);
    expect(claims.flatMap((claim) => claim.paths).length).toBeGreaterThan(20);
  });
});
