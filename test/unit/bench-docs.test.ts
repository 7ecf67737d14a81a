import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS,
  DOCS_PAGE,
  DOCS_RESULTS,
  markdownTable,
  README,
  readSaved,
  renderSection,
  renderSummary,
  sectionsOf,
  unpadded,
} from '../../scripts/bench/report';

describe('docs/benchmarks.md', () => {
  const sections = sectionsOf(readFileSync(DOCS_PAGE, 'utf8'));

  it('has a generated section for every benchmark, each with its results in docs/bench/', () => {
    expect([...sections.keys()].sort()).toEqual([...BENCHMARKS].sort());
    for (const name of BENCHMARKS) expect(existsSync(join(DOCS_RESULTS, `${name}.json`)), name).toBe(true);
  });

  it.each(BENCHMARKS)('shows the %s tables exactly as npm run bench:docs writes them from the JSON', (name) => {
    expect(unpadded(sections.get(name)!)).toBe(unpadded(renderSection(name, readSaved(name))));
  });
});

describe('README', () => {
  it('sums the benchmarks up exactly as npm run bench:docs writes it from the JSON', () => {
    expect(unpadded(sectionsOf(readFileSync(README, 'utf8')).get('summary')!)).toBe(unpadded(renderSummary(readSaved)));
  });
});

describe('a results table', () => {
  it('has a column for every field any row has, numbers grouped, counts by kind spelled out', () => {
    expect(
      markdownTable([
        { level: 1, per_second: 1234.5, errors: {} },
        { level: 2, errors: { '504': 3 }, late: null },
      ]),
    ).toBe(
      ['| level | per_second | errors | late |', '| --- | --- | --- | --- |', '| 1 | 1,234.5 | none | – |', '| 2 | – | 504: 3 | – |'].join(
        '\n',
      ),
    );
  });
});
