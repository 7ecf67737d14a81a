import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AIMS as COLD_AIMS } from './cold-start';
import { AIMS as COST_AIMS } from './cost';
import { ROOT, resultsDir } from './common';

/** One table of a benchmark's results: what the console prints and docs/benchmarks.md shows. */
export interface Table {
  title: string;
  rows: Record<string, unknown>[];
}

/** A results file as `saveResults` writes it. */
interface SavedResults {
  measured_at: string;
  node: string;
  cpu: string;
  cores: number;
  results: any;
}

export const BENCHMARKS = ['cold-start', 'cost', 'heat', 'versus-seed', 'storm', 'offers', 'events', 'fairness'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

/** Each benchmark's results as tables: said once, for the console and for the docs. */
export const TABLES: Record<Benchmark, (results: any) => Table[]> = {
  'cold-start': (results) => [
    {
      title: `Cold start: bundle size and module init, median of ${results.runs} fresh processes; aims < ${COLD_AIMS.bundleKb} KB, < ${COLD_AIMS.initMs} ms`,
      rows: results.functions,
    },
  ],
  cost: (results) => [
    {
      title: `Cost per registration: aims for a new lead <= ${COST_AIMS.roundTrips} round trips, <= ${COST_AIMS.requests} requests, <= ${COST_AIMS.wcu} write units, <= ${COST_AIMS.usdPerMillion} USD per million; Lambda arm64 512 MB at ${results.assumed_lambda_ms} ms`,
      rows: [results.before, ...results.scenarios],
    },
  ],
  heat: (results) => [
    {
      title: `Heat of a storm of ${results.shape.registrations} registrations on ${results.shape.sources} sources of ${results.shape.operatorsPerSource} operators, from ${results.shape.containers} containers: write units per registration on each partition and the registrations a second it allows (1,000 units a second a partition); aims ${results.aims.systemPerSecond} a second in all, ${results.aims.sourcePerSecond} per source`,
      rows: results.partitions,
    },
  ],
  'versus-seed': (results) =>
    results.skipped
      ? [{ title: `The seed's storm, side by side: not measured (${results.skipped})`, rows: [] }]
      : [
          {
            title: `The seed's storm (${results.shape.contacts} contacts from ${results.shape.leads} leads, ${results.shape.operators} operators of max_load ${results.shape.maxLoad}, concurrency ${results.shape.concurrency}) through each build in turns, by the seed's own driver: this one at ${results.ratio}x the seed's requests a second (the median of ${results.ratios.join(', ')})`,
            rows: results.rows,
          },
        ],
  storm: (results) => [
    {
      title: `Registration storm over HTTP (the local API + DynamoDB Local in memory): ${results.shape.registrations} registrations from ${results.shape.leads} leads, ${results.shape.operators} operators of max_load ${results.shape.maxLoad}`,
      rows: results.levels.map(({ error_samples: _samples, ...level }: Record<string, unknown>) => level),
    },
  ],
  offers: (results) => [{ title: 'Lapsed offers moving on through the local stack (ms after offer_expires_at)', rows: [results] }],
  events: (results) => [
    { title: 'Outbound events through the local stack: ms from the change to a receiver on 127.0.0.1', rows: results.latency },
    {
      title: `Cost of events per registration, one subscription to everything: USD ${results.cost.usd_per_million_registrations} per million registrations; the delivery timer ${results.cost.delivery_timer_usd_per_month} USD a month`,
      rows: results.cost.steps,
    },
  ],
  fairness: (results) => [
    {
      title: `Fairness under concurrency, in process on DynamoDB Local: smooth weighted at ${results.throughput_ratio}x weighted random's throughput (aim >= ${results.aim_throughput_ratio})`,
      rows: results.rows,
    },
  ],
};

/** A value as a table shows it, on the console and in the docs: counts by kind as `201: 998, 500: 2`. */
const text = (value: unknown): string => {
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key}: ${text(count)}`).join(', ');
  }
  return String(value);
};
const cell = (value: unknown): string => text(value).replaceAll('|', '\\|');

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: Record<string, unknown>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => text(row[column]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map((column) => text(row[column]))));
}

export function markdownTable(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map((row) => line(columns.map((column) => cell(row[column]))))].join('\n');
}

const measuredOn = (saved: SavedResults) => `${saved.measured_at.slice(0, 10)} on ${saved.cpu} (${saved.cores} cores), Node ${saved.node}`;

/** The generated part of a benchmark's section in docs/benchmarks.md. */
export function renderSection(name: Benchmark, saved: SavedResults): string {
  return [
    `_Measured ${measuredOn(saved)}: \`docs/bench/${name}.json\`, written into this page by \`npm run bench:docs\`._`,
    ...TABLES[name](saved.results).flatMap((table) => [`**${table.title}**`, ...(table.rows.length ? [markdownTable(table.rows)] : [])]),
  ].join('\n\n');
}

/** README's summary: the storm beside the seed's, a registration's round trips and cost before and after, the ceilings. */
export function renderSummary(saved: (name: Benchmark) => SavedResults): string {
  const cost = saved('cost');
  const newLead = cost.results.scenarios.find((row: { scenario: string }) => row.scenario === 'new lead');
  const heat = saved('heat');
  const versus = saved('versus-seed');
  const rows: Record<string, unknown>[] = [
    {
      measure: 'a new lead registered: round trips, requests, write units',
      before: `${cost.results.before.round_trips}, ${cost.results.before.requests}, ${cost.results.before.wcu}`,
      now: `${newLead.round_trips}, ${newLead.requests}, ${newLead.wcu}`,
      measured: measuredOn(cost),
    },
    {
      measure: 'USD per million registrations (new leads; DynamoDB, Lambda, HTTP API)',
      before: cost.results.before.total_usd_per_million,
      now: newLead.total_usd_per_million,
      measured: measuredOn(cost),
    },
    {
      measure: 'registrations a second before a partition is hot: all sources, one source',
      before: '~1,000, ~500',
      now: `${heat.results.system_ceiling_per_second.toLocaleString('en-US')}, ${heat.results.source_ceiling_per_second.toLocaleString('en-US')}`,
      measured: measuredOn(heat),
    },
    versus.results.skipped
      ? {
          measure: "the seed's storm through npm start, beside the seed's build",
          before: '0.30x',
          now: 'not measured',
          measured: versus.results.skipped,
        }
      : {
          measure: "the seed's storm through npm start, beside the seed's build: requests a second (median of the rounds)",
          before: '0.30x',
          now: `${versus.results.ratio}x (rounds: ${versus.results.ratios.join(', ')})`,
          measured: measuredOn(versus),
        },
  ];
  return markdownTable(rows);
}

export const DOCS_PAGE = join(ROOT, 'docs', 'benchmarks.md');
export const README = join(ROOT, 'README.md');
export const DOCS_RESULTS = join(ROOT, 'docs', 'bench');
const START = (name: string) => `<!-- bench:${name} -->`;
const END = (name: string) => `<!-- /bench:${name} -->`;

/** A page's generated sections, as written between their markers. */
export function sectionsOf(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const [, name, body] of page.matchAll(/<!-- bench:([\w-]+) -->\n([\s\S]*?)\n<!-- \/bench:\1 -->/g)) sections.set(name!, body!);
  return sections;
}

export const readSaved = (name: Benchmark): SavedResults => JSON.parse(readFileSync(join(DOCS_RESULTS, `${name}.json`), 'utf8'));

const replaceSection = (page: string, name: string, body: string) =>
  page.replace(new RegExp(`${START(name)}\\n[\\s\\S]*?\\n${END(name).replace('/', '\\/')}`), () => `${START(name)}\n${body}\n${END(name)}`);

/**
 * npm run bench:docs: copies the results `npm run bench` left in bench/results/ into docs/bench/
 * (those it finds), then rewrites every benchmark's section of docs/benchmarks.md, and README's
 * summary, from docs/bench/. A unit test fails when a section and its JSON disagree, so no figure in
 * the tables is typed by hand.
 */
function main() {
  mkdirSync(DOCS_RESULTS, { recursive: true });
  let page = readFileSync(DOCS_PAGE, 'utf8');
  for (const name of BENCHMARKS) {
    const fresh = join(resultsDir(), `${name}.json`);
    if (existsSync(fresh)) copyFileSync(fresh, join(DOCS_RESULTS, `${name}.json`));
    if (!existsSync(join(DOCS_RESULTS, `${name}.json`))) continue;
    page = replaceSection(page, name, renderSection(name, readSaved(name)));
    console.log(`docs/benchmarks.md: ${name} from docs/bench/${name}.json`);
  }
  writeFileSync(DOCS_PAGE, page);
  writeFileSync(README, replaceSection(readFileSync(README, 'utf8'), 'summary', renderSummary(readSaved)));
  console.log('README.md: the summary');
  // In the project's format (Biome pads tables and folds short arrays), as `npm run lint` checks.
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'format', '--write', DOCS_PAGE, README, DOCS_RESULTS],
    {
      stdio: 'ignore',
    },
  );
}

/** A generated section as compared: a table's cells without the padding the formatter adds. */
export const unpadded = (markdown: string) => markdown.replace(/ *\| */g, '|').replace(/\|-+(?=\|)/g, '|---');

if (require.main === module) main();
