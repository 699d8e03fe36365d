// Reads the outcomes of every cargo-mutants run kept for each area
// (tests/mutants/<area>/<when>-<shard>.json, each mutant's name and outcome, written there by
// scripts/mutants.sh and committed),
// writes target/mutants/summary.json ({"core": {caught, missed, timeout, unviable, ...}, "play": …})
// and rewrites the README's table between <!-- mutants:begin --> and <!-- mutants:end -->.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const AREAS = ['core', 'play'];
const GOAL = { core: 90, play: 80 };
const summary = {};
for (const area of AREAS) {
  // Every run kept for the area (samples add up), oldest first; a mutant's latest outcome counts.
  const dir = `tests/mutants/${area}`;
  const runs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  if (runs.length === 0) continue;
  const latest = new Map();
  let all = false;
  const where = (name) => name.replace(/:\d+:\d+:/, ':');
  for (const run of runs) {
    const o = JSON.parse(readFileSync(`${dir}/${run}`, 'utf8'));
    if (run.endsWith('-all.json')) all = true;
    // A run of the mutants a sample missed (`MUTANTS_RE`, named `…-again`) tests them on later
    // code, where a mutant's line may have moved: its outcome replaces the missed one of the same
    // file and mutation from an earlier run, when exactly one earlier missed mutant is that (two
    // mutants of one run are never taken for each other).
    const again = run.includes('-again');
    const earlier = new Map(latest);
    for (const x of o.outcomes) {
      let name = x.name;
      if (again && !earlier.has(name)) {
        const was = [...earlier].filter(([k, v]) => v === 'MissedMutant' && where(k) === where(name)).map(([k]) => k);
        if (was.length === 1) name = was[0];
      }
      latest.set(name, x.summary);
    }
  }
  // A mutant whose code is gone (the list of the code as it is now, `cargo mutants --list`,
  // written by scripts/mutants.sh, has no mutant of its file, function and mutation) can no
  // longer be caught or missed: it is counted apart, as gone.
  const listFile = `target/mutants/${area}-list.txt`;
  let gone = [];
  if (existsSync(listFile)) {
    const now = new Set(readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map(where));
    gone = [...latest.keys()].filter((k) => !now.has(where(k)));
    for (const k of gone) latest.delete(k);
  }
  const count = (kind) => [...latest.values()].filter((v) => v === kind).length;
  const s = {
    caught: count('CaughtMutant'),
    missed: count('MissedMutant'),
    timeout: count('Timeout'),
    unviable: count('Unviable'),
    runs: runs.map((r) => r.replace(/\.json$/, '')),
    gone: gone.length,
    gone_list: gone,
    whole: all,
  };
  s.tested = s.caught + s.missed + s.timeout + s.unviable;
  // Viable = built; a timeout counts as caught (the mutant hangs a test), as cargo-mutants' docs say.
  const viable = s.caught + s.missed + s.timeout;
  s.caught_percent = viable ? Math.round((1000 * (s.caught + s.timeout)) / viable) / 10 : null;
  s.missed_list = [...latest].filter(([, v]) => v === 'MissedMutant').map(([name]) => name);
  summary[area] = s;
}
mkdirSync('target/mutants', { recursive: true });
writeFileSync('target/mutants/summary.json', JSON.stringify(summary, null, 2) + '\n');

const rows = AREAS.filter((a) => summary[a]).map((a) => {
  const s = summary[a];
  const of = s.whole ? `${s.tested} (all)` : `${s.tested} (samples: ${s.runs.length} run${s.runs.length === 1 ? '' : 's'})`;
  const gone = s.gone ? ` (${s.gone} more gone with their code)` : '';
  return `| \`src/${a}\` | ${of}${gone} | ${s.caught} | ${s.missed} | ${s.timeout} | ${s.unviable} | ${s.caught_percent ?? '–'} % | ≥ ${GOAL[a]} % |`;
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
