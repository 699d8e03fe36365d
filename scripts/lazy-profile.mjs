// `make lazy-profile`: records which functions the page runs before it asks for the language
// module, into tools/lazy-split/primary.txt (the functions the split keeps in the page's part).
//
// It instruments the last build's whole module (target/lazy/full_bg.wasm, kept by the build's
// hook), serves dist/ with it in place of the split pair, and in Chromium does what a reader does
// before the second module is there: opens the full page, and an embed of each preset (running
// those that show: the step form's) and of a program. The loader is held back throughout (`wakerLazy` never ready), so what
// runs is what the primary must hold. Then `make build` again, to split by the new profile.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const PORT = 8117;
const tool = 'target/release/lazy-split';
const www = 'target/lazy/www';
execFileSync('cargo', ['build', '-q', '--release', '-p', 'lazy-split'], { stdio: 'inherit' });
rmSync(www, { recursive: true, force: true });
cpSync('dist', www, { recursive: true });
const bg = readdirSync(www).find((f) => f.endsWith('_bg.wasm'));
for (const f of readdirSync(www).filter((f) => f.endsWith('_lazy.wasm'))) rmSync(`${www}/${f}`);
execFileSync(tool, ['--instrument', 'target/lazy/full_bg.wasm', `${www}/${bg}`], { stdio: 'inherit' });

const server = spawn('node', ['tests/e2e/server.mjs', www, String(PORT)], { stdio: 'ignore' });
process.on('exit', () => server.kill());
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const hits = new Set();

// One page: the loader never loads; at the end, the instrumented module's globals say which
// functions ran.
async function visit(path, act) {
  console.log(`visiting ${path}`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => {
    throw new Error(`${path}: ${e.message}`);
  });
  // The loader is replaced the moment boot.js sets it (a setter, not a timer: a timer could
  // fire after the first module had registered itself with the real one, and the page's
  // profile was then lost).
  await page.addInitScript(() => {
    let lazy;
    Object.defineProperty(globalThis, 'wakerLazy', {
      configurable: true,
      get: () => lazy,
      set(v) {
        lazy = Object.assign(v, {
          register(e) {
            globalThis.profiledExports = e;
          },
          ready: () => false,
          preload: () => new Promise(() => {}),
          load() {
            throw new Error('the language module was asked for while profiling');
          },
        });
      },
    });
  });
  await page.goto(`http://127.0.0.1:${PORT}${path}`);
  await act(page);
  await page.waitForFunction(() => globalThis.profiledExports !== undefined, null, { timeout: 5000 }).catch(() => {
    throw new Error(`${path}: the first module never registered with the loader`);
  });
  const ran = await page.evaluate(() =>
    Object.entries(globalThis.profiledExports)
      .filter(([k, g]) => k.startsWith('hit') && g.value)
      .map(([k]) => Number(k.slice(3))),
  );
  ran.forEach((i) => hits.add(i));
  console.log(`${path}: ${ran.length} functions`);
  await page.close();
}

const run = async (page) => {
  await page.waitForSelector('[data-testid=run]:not([disabled])');
  await page.getByTestId('run').hover();
  await page.getByTestId('run').click();
  // Finished, or stuck (the lost-waker presets never finish, on purpose).
  await page.getByTestId('status').filter({ hasText: /finished|stuck/ }).waitFor({ timeout: 20_000 });
};
// A program's link, and the full page, render once the language is there: only their start
// runs before it. A step-form scenario shows and runs without it.
const startOrRun = async (page) => {
  const shown = await page.waitForSelector('[data-testid=run]:not([disabled])', { timeout: 1500 }).then(() => true, () => false);
  if (shown) await run(page);
};
await visit('/', (page) => page.waitForTimeout(400));
await visit('/?embed#p=seed', run);
const presets = [...readFileSync('src/play/presets.rs', 'utf8').matchAll(/^\s*id: "([a-z0-9-]+)",$/gm)].map((m) => m[1]);
if (presets.length < 10) throw new Error(`only ${presets.length} presets found in src/play/presets.rs`);
for (const id of presets) await visit(`/?embed#p=${id}&clock=virtual`, startOrRun);
await visit(`/?embed#code=${Buffer.from('async fn main() {}\n').toString('base64url')}`, startOrRun);
await visit('/?embed&code#p=seed', startOrRun);
// The link's other forms: tasks written out, the driver, the other run modes, autoplay, a theme.
await visit('/?embed#t=a:sleep(120),yield*2;b:select(30,60),spin(5);c:join(10,20)&timers=driver&mode=macro&slow=5', run);
await visit('/?embed#t=a:sleep(120),lost_waker&mode=frame&clock=virtual', async (page) => {
  await page.waitForSelector('[data-testid=run]:not([disabled])');
  await page.getByTestId('run').click();
  await page.waitForTimeout(1000);
});
await visit('/?embed&theme=dark&title=T&caption=C#p=seed&mode=manual', (page) => page.waitForTimeout(400));
await visit('/?embed&autoplay#p=join&clock=virtual', (page) => page.getByTestId('status').filter({ hasText: 'finished' }).waitFor({ timeout: 20_000 }));
await browser.close();
server.kill();

writeFileSync('target/lazy/hits.txt', [...hits].join('\n'));
execFileSync(tool, ['--names', 'target/lazy/full_bg.wasm', 'target/lazy/hits.txt', 'tools/lazy-split/primary.txt'], { stdio: 'inherit' });
console.log(`tools/lazy-split/primary.txt: ${readFileSync('tools/lazy-split/primary.txt', 'utf8').split('\n').length} lines`);
