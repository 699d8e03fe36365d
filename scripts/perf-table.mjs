// Writes the README's performance table from target/bench/results.json (made by `make bench`),
// between the markers <!-- perf-table:start --> and <!-- perf-table:end -->. Never edit the table
// by hand: run `node scripts/perf-table.mjs` after a benchmark run.
import { readFileSync, writeFileSync } from 'node:fs';
import { tableRows } from '../tests/bench/rows.mjs';

const results = JSON.parse(readFileSync('target/bench/results.json', 'utf8'));
const env = JSON.parse(readFileSync('target/bench/environment.json', 'utf8'));
const rows = tableRows(results);
const table = [
  `Generated from \`target/bench/results.json\` by \`scripts/perf-table.mjs\`: Chromium ${env.chromium}, ${env.date.slice(0, 10)}, ${env.cores ?? '?'} cores.`,
  '',
  '| workload | measure | measured | goal | |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const start = '<!-- perf-table:start -->';
const end = '<!-- perf-table:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} block`);
writeFileSync('README.md', `${readme.slice(0, a + start.length)}\n${table}\n${readme.slice(b)}`);
console.log(`README.md: ${rows.length} rows from target/bench/results.json`);
