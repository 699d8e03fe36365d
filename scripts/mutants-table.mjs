// Reads cargo-mutants' outcomes for each area (and target/mutants/<area>/shard.txt, the sample
// they are, if not all) (target/mutants/<area>/mutants.out/outcomes.json),
// writes target/mutants/summary.json ({"core": {caught, missed, timeout, unviable, ...}, "play": …})
// and rewrites the README's table between <!-- mutants:begin --> and <!-- mutants:end -->.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const AREAS = ['core', 'play'];
const GOAL = { core: 90, play: 80 };
const summary = {};
for (const area of AREAS) {
  const file = `target/mutants/${area}/mutants.out/outcomes.json`;
  if (!existsSync(file)) continue;
  const o = JSON.parse(readFileSync(file, 'utf8'));
  const count = (kind) => o.outcomes.filter((x) => x.scenario !== 'Baseline' && x.summary === kind).length;
  const s = {
    caught: count('CaughtMutant'),
    missed: count('MissedMutant'),
    timeout: count('Timeout'),
    unviable: count('Unviable'),
    total_mutants: o.total_mutants,
    shard: (existsSync(`target/mutants/${area}/shard.txt`) && readFileSync(`target/mutants/${area}/shard.txt`, 'utf8').trim()) || null,
  };
  s.tested = s.caught + s.missed + s.timeout + s.unviable;
  // Viable = built; a timeout counts as caught (the mutant hangs a test), as cargo-mutants' docs say.
  const viable = s.caught + s.missed + s.timeout;
  s.caught_percent = viable ? Math.round((1000 * (s.caught + s.timeout)) / viable) / 10 : null;
  s.missed_list = o.outcomes
    .filter((x) => x.summary === 'MissedMutant')
    .map((x) => {
      const m = x.scenario.Mutant;
      return m.name ?? `${m.file}:${m.span?.start?.line ?? '?'}: ${m.replacement ?? ''}`;
    });
  summary[area] = s;
}
writeFileSync('target/mutants/summary.json', JSON.stringify(summary, null, 2) + '\n');

const rows = AREAS.filter((a) => summary[a]).map((a) => {
  const s = summary[a];
  const of = s.shard ? `${s.tested} (sample: shard ${s.shard})` : `${s.tested} (all)`;
  return `| \`src/${a}\` | ${of} | ${s.caught} | ${s.missed} | ${s.timeout} | ${s.unviable} | ${s.caught_percent ?? '–'} % | ≥ ${GOAL[a]} % |`;
});
const table = [
  '| area | mutants tested | caught | missed | timeout | unviable | caught of viable | goal |',
  '|---|---|---|---|---|---|---|---|',
  ...rows,
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const re = /<!-- mutants:begin -->[\s\S]*<!-- mutants:end -->/;
if (re.test(readme)) {
  writeFileSync('README.md', readme.replace(re, `<!-- mutants:begin -->\n${table}\n<!-- mutants:end -->`));
}
console.log(table);
