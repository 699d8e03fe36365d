// The mdBook preprocessor end to end: `mdbook-waker-playground install` copies the release build
// (dist/) into a book, `mdbook build` turns ```waker-playground fences into iframes, and the built
// book, served under a subpath, shows working embeds with no other host. With `same-origin = true`
// the embeds work from a host that sends no CORS header. A bad fence fails the build, naming the
// chapter and the line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test, expect, SHOTS, tempDir } from './fixtures.js';
import { serve } from './server.mjs';

const REPO = new URL('../../', import.meta.url).pathname;
const DIST = join(REPO, 'dist');
const CRATE = join(REPO, 'mdbook-waker-playground');
const BIN_DIR = join(REPO, 'target', 'debug');
const BIN = join(BIN_DIR, 'mdbook-waker-playground');
const PREFIX = '/mybook/';

/** mdbook: $MDBOOK, else the one scripts/setup.sh test installs, else whatever is on PATH. */
function mdbookPath() {
  if (process.env.MDBOOK) return process.env.MDBOOK;
  const installed = join(homedir(), '.cargo', 'bin', 'mdbook');
  return existsSync(installed) ? installed : 'mdbook';
}

/** The newest modification time under `dir`, in ms. */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** mdBook 0.4: $MDBOOK04, else the one scripts/setup.sh test installs beside 0.5. */
function mdbook04Path() {
  return process.env.MDBOOK04 || join(homedir(), '.local', 'mdbook-0.4', 'bin', 'mdbook');
}

/** Runs mdbook (`bin`: which one) with the preprocessor's folder first on PATH (as a reader's
 * setup would have it). */
function mdbook(args, bin = mdbookPath()) {
  return spawnSync(bin, args, {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${BIN_DIR}:${process.env.PATH}` },
    timeout: 120_000,
  });
}

function writeBook(files) {
  const dir = tempDir('wp-mdbook-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const INTRO = `# Intro

The seed, running by itself:

\`\`\`waker-playground preset=seed autoplay
\`\`\`

How to write one, shown as code:

\`\`\`\`markdown
\`\`\`waker-playground preset=lost-waker
\`\`\`
\`\`\`\`

The end of the intro.
`;

const DEEP = `# Deep

\`\`\`waker-playground title="Two timers race"
// the loser is cancelled
t=race:select(300,700)
\`\`\`
`;

const CODE = `# Code

A fence may hold a program in the playground's language:

\`\`\`waker-playground autoplay title="Two sleeps, joined"
async fn main() {
    println!("howdy!");
    join!(sleep(300), sleep(1500));
    println!("done");
}
\`\`\`
`;

test.describe('the mdBook preprocessor', () => {
  test.beforeAll(() => {
    test.setTimeout(900_000);
    const version = mdbook(['--version']);
    expect(version.status, `mdbook is missing (${mdbookPath()}): run scripts/setup.sh test\n${version.error || ''}`).toBe(0);
    // The preprocessor is built against mdbook-preprocessor 0.5.4: test with that mdBook.
    expect(version.stdout).toContain('v0.5.4');
    expect(existsSync(join(DIST, 'index.html')), `${DIST} is missing: run make build`).toBe(true);
    // Build the preprocessor when it is missing or older than its sources.
    const sources = Math.max(newest(join(CRATE, 'src')), statSync(join(CRATE, 'Cargo.toml')).mtimeMs);
    if (!existsSync(BIN) || statSync(BIN).mtimeMs < sources) {
      execFileSync('cargo', ['build', '-p', 'mdbook-waker-playground'], {
        cwd: REPO,
        stdio: 'inherit',
        timeout: 900_000,
        env: { ...process.env, CARGO_BUILD_JOBS: process.env.CARGO_BUILD_JOBS || '1' },
      });
    }
  });

  test('install, build, and every embed works under a subpath', async ({ page }) => {
    test.setTimeout(120_000);
    const book = writeBook({
      'book.toml': '[book]\ntitle = "Async in practice"\n\n[output.html]\ndefault-theme = "navy"\n',
      'src/SUMMARY.md': '# Summary\n\n- [Intro](./intro.md)\n  - [Deep](./part/deep.md)\n- [Code](./code.md)\n',
      'src/intro.md': INTRO,
      'src/part/deep.md': DEEP,
      'src/code.md': CODE,
    });

    const install = spawnSync(BIN, ['install', book, '--dist', DIST], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toContain('added [preprocessor.waker-playground]');
    expect(readFileSync(join(book, 'book.toml'), 'utf8')).toContain('[preprocessor.waker-playground]\ncommand = "mdbook-waker-playground"\nafter = ["links"]\n');
    expect(existsSync(join(book, 'src', 'waker-playground', 'index.html'))).toBe(true);
    // The install marker is published with the book: the tool and its version, no local path.
    expect(readFileSync(join(book, 'src', 'waker-playground', '.waker-playground-install'), 'utf8')).toMatch(/^mdbook-waker-playground \d+\.\d+\.\d+\n$/);

    const build = mdbook(['build', book]);
    expect(build.status, build.stderr).toBe(0);
    // mdBook copied the installed playground into the output: no other host is needed.
    expect(existsSync(join(book, 'book', 'waker-playground', 'index.html'))).toBe(true);

    const server = await serve(join(book, 'book'), 0, '127.0.0.1', {}, PREFIX);
    const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400 && r.url().includes('/waker-playground/')) failed.push(`${r.status()} ${r.url()}`); });
    try {
      // The intro: one embed (the fence shown inside ````markdown stays code), which autoplays.
      await page.goto(`${base}intro.html`);
      await expect(page.locator('main h1')).toHaveText('Intro');
      const frames = page.locator('main iframe');
      await expect(frames).toHaveCount(1);
      // The installed copy's page by name: hosts without directory indexes work too.
      await expect(frames).toHaveAttribute('src', 'waker-playground/index.html?embed&autoplay&theme=dark#p=seed');
      await expect(frames).toHaveAttribute('title', 'Waker Playground: The seed: one 2 s timer');
      expect((await frames.getAttribute('sandbox')).split(/\s+/)).not.toContain('allow-same-origin');
      await expect(page.locator('main pre code', { hasText: '```waker-playground preset=lost-waker' })).toBeVisible();
      await expect(page.locator('main')).toContainText('The end of the intro.');
      await frames.scrollIntoViewIfNeeded(); // loading="lazy", and autoplay waits to be seen
      const seed = page.frameLocator('main iframe');
      await expect(seed.getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
      await expect(seed.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
      await page.screenshot({ path: `${SHOTS}mdbook-preprocessor-intro.png` });

      // The nested chapter: a relative URL one folder up, the fence's title, no autoplay.
      await page.goto(`${base}part/deep.html`);
      await expect(page.locator('main h1')).toHaveText('Deep');
      const deep = page.locator('main iframe');
      await expect(deep).toHaveCount(1);
      expect(await deep.getAttribute('src')).toMatch(/^\.\.\/waker-playground\/index\.html\?embed/);
      await expect(deep).toHaveAttribute('src', '../waker-playground/index.html?embed&theme=dark&title=Two%20timers%20race#t=race:select(300,700)');
      await expect(deep).toHaveAttribute('title', 'Waker Playground: Two timers race');
      await deep.scrollIntoViewIfNeeded();
      const race = page.frameLocator('main iframe');
      await expect(race.getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
      await expect(race.getByTestId('embed-title')).toHaveText('Two timers race');
      await expect(race.getByTestId('status')).toHaveText('not started');
      await race.getByTestId('run').click();
      await expect(race.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
      await expect(race.getByTestId('embed-counts')).toHaveText('timers: 2 armed · 1 fired · 1 cancelled');
      await page.screenshot({ path: `${SHOTS}mdbook-preprocessor-deep.png` });

      // A program fence: its link carries the program, and the embed shows it, lit, with its
      // console, as it runs.
      await page.goto(`${base}code.html`);
      const code = page.locator('main iframe');
      await expect(code).toHaveCount(1);
      expect(await code.getAttribute('src')).toMatch(/^waker-playground\/index\.html\?embed&autoplay&theme=dark&title=Two%20sleeps%2C%20joined#code=[A-Za-z0-9_-]+$/);
      await code.scrollIntoViewIfNeeded();
      const program = page.frameLocator('main iframe');
      await expect(program.getByTestId('console')).toContainText('howdy!', { timeout: 20_000 });
      // While the join waits, its line is lit in the reader's program.
      await expect(program.getByTestId('program-code').locator('li.lit')).toContainText('join!(sleep(300), sleep(1500));');
      await expect(program.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
      await expect(program.getByTestId('console')).toContainText('done');
      await page.screenshot({ path: `${SHOTS}mdbook-preprocessor-code.png`, fullPage: true });
      expect(failed).toEqual([]);
    } finally {
      server.close();
    }
  });

  test('same-origin = true: embeds work from a host without CORS, and a fence in a 10th list item stays in it', async ({ page }) => {
    test.setTimeout(120_000);
    const steps = Array.from({ length: 9 }, (_, i) => `${i + 1}. Step ${i + 1}.\n`).join('');
    const book = writeBook({
      'book.toml': '[book]\ntitle = "Same origin"\n\n[preprocessor.waker-playground]\ncommand = "mdbook-waker-playground"\nsame-origin = true\n',
      'src/SUMMARY.md': '# Summary\n\n- [Ten steps](./steps.md)\n',
      // A body-only fence without title=, indented like the text of item 10 (column 4).
      'src/steps.md': `# Ten steps\n\n${steps}10. The tenth step:\n\n    \`\`\`waker-playground\n    t=race:select(300,700)\n    \`\`\`\n\nAfter the list.\n`,
    });
    const install = spawnSync(BIN, ['install', book, '--dist', DIST], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stdout).toContain('already has [preprocessor.waker-playground]');
    const build = mdbook(['build', book]);
    expect(build.status, build.stderr).toBe(0);

    // A host that does not send Access-Control-Allow-Origin.
    const server = await serve(join(book, 'book'), 0, '127.0.0.1', { 'access-control-allow-origin': null }, PREFIX);
    const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400 && r.url().includes('/waker-playground/')) failed.push(`${r.status()} ${r.url()}`); });
    try {
      await page.goto(`${base}steps.html`);
      await expect(page.locator('main ol > li')).toHaveCount(10);
      const frame = page.locator('main ol > li').nth(9).locator('iframe');
      await expect(frame).toHaveCount(1);
      await expect(page.locator('main iframe')).toHaveCount(1);
      await expect(page.locator('main ol > li').nth(9)).toContainText('The tenth step:');
      await expect(page.locator('main > p', { hasText: 'After the list.' })).toBeVisible();
      // The chapter's name is the frame's title and, through the query, the embed's heading.
      await expect(frame).toHaveAttribute('src', 'waker-playground/index.html?embed&title=Ten%20steps#t=race:select(300,700)');
      await expect(frame).toHaveAttribute('title', 'Waker Playground: Ten steps');
      await expect(frame).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
      await frame.scrollIntoViewIfNeeded();
      const race = page.frameLocator('main iframe');
      await expect(race.getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
      await expect(race.getByTestId('embed-title')).toHaveText('Ten steps');
      // The frame has the book's own origin: nothing was loaded cross-origin.
      const origin = await page.frame({ url: /waker-playground\/index\.html/ }).evaluate(() => self.origin);
      expect(origin).toBe(new URL(base).origin);
      await race.getByTestId('run').click();
      await expect(race.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
      await page.screenshot({ path: `${SHOTS}mdbook-preprocessor-same-origin.png` });
      expect(failed).toEqual([]);
    } finally {
      server.close();
    }
  });

  test('mdBook 0.4 builds a book with the same binary: its protocol is told from its input', async ({ page }) => {
    test.setTimeout(120_000);
    const version = mdbook(['--version'], mdbook04Path());
    expect(version.status, `mdbook 0.4 is missing (${mdbook04Path()}): run scripts/setup.sh test\n${version.error || ''}`).toBe(0);
    expect(version.stdout).toMatch(/v0\.4\.(4\d|[5-9]\d)/);
    const book = writeBook({
      'book.toml': '[book]\ntitle = "Still on 0.4"\n\n[output.html]\ndefault-theme = "navy"\n',
      'src/SUMMARY.md': '# Summary\n\n- [Intro](./intro.md)\n  - [Deep](./part/deep.md)\n- [Code](./code.md)\n',
      'src/intro.md': INTRO,
      'src/part/deep.md': DEEP,
      'src/code.md': CODE,
    });
    const install = spawnSync(BIN, ['install', book, '--dist', DIST], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const build = mdbook(['build', book], mdbook04Path());
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).not.toContain('warning: built for');
    expect(existsSync(join(book, 'book', 'waker-playground', 'index.html'))).toBe(true);

    const server = await serve(join(book, 'book'), 0, '127.0.0.1', {}, PREFIX);
    const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
    try {
      // Every chapter came back from the preprocessor: the nested one too, with its embed.
      await page.goto(`${base}part/deep.html`);
      await expect(page.locator('main h1')).toHaveText('Deep');
      await expect(page.locator('main iframe')).toHaveAttribute('src', '../waker-playground/index.html?embed&theme=dark&title=Two%20timers%20race#t=race:select(300,700)');
      await page.goto(`${base}code.html`);
      const code = page.locator('main iframe');
      await expect(code).toHaveCount(1);
      await code.scrollIntoViewIfNeeded();
      const program = page.frameLocator('main iframe');
      await expect(program.getByTestId('console')).toContainText('howdy!', { timeout: 20_000 });
      await expect(program.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
      await expect(program.getByTestId('console')).toContainText('done');
      await page.screenshot({ path: `${SHOTS}mdbook-04-code.png`, fullPage: true });
    } finally {
      server.close();
    }
    // A bad fence fails the 0.4 build too, naming the chapter and the line.
    const bad = writeBook({
      'book.toml': '[book]\ntitle = "Broken on 0.4"\n\n[preprocessor.waker-playground]\ncommand = "mdbook-waker-playground"\n',
      'src/SUMMARY.md': '# Summary\n\n- [Wakers](./wakers.md)\n',
      'src/wakers.md': '# Wakers\n\n```waker-playground preset=seed colour=red\n```\n',
    });
    const failed = mdbook(['build', bad], mdbook04Path());
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toContain('chapter "Wakers" (src/wakers.md), line 3: unknown option "colour"');
  });

  test('a listing included from a file, anchored, runs under mdBook 0.5 and 0.4; rustdoc_include\'s hidden lines run unseen', async ({ page }) => {
    test.setTimeout(120_000);
    const LISTING = 'use std::time::Duration;\n\n// ANCHOR: main\nasync fn main() {\n    println!("howdy!");\n' +
      '    TimerFuture::new(Duration::from_millis(300)).await;\n    println!("done");\n}\n// ANCHOR_END: main\n';
    for (const [bin, label] of [[mdbookPath(), '0.5'], [mdbook04Path(), '0.4']]) {
      const book = writeBook({
        'book.toml': `[book]\ntitle = "Included on ${label}"\n`,
        'src/SUMMARY.md': '# Summary\n\n- [Listings](./listings.md)\n',
        'listings/timer.rs': LISTING,
        'src/listings.md': '# Listings\n\n```waker-playground autoplay title="The whole file, the use hidden"\n{{#rustdoc_include ../listings/timer.rs:main}}\n```\n\n' +
          'Just the anchor:\n\n```waker-playground title="The anchor"\n{{#include ../listings/timer.rs:main}}\n```\n',
      });
      const install = spawnSync(BIN, ['install', book, '--dist', DIST], { encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      expect(readFileSync(join(book, 'book.toml'), 'utf8')).toContain('after = ["links"]');
      const build = mdbook(['build', book], bin);
      expect(build.status, `${label}: ${build.stderr}`).toBe(0);
      const server = await serve(join(book, 'book'), 0, '127.0.0.1', {}, PREFIX);
      try {
        await page.goto(`http://127.0.0.1:${server.address().port}${PREFIX}listings.html`);
        const frames = page.locator('main iframe');
        await expect(frames).toHaveCount(2);
        // The rustdoc_include'd listing: the whole file runs, its first two lines (hidden by
        // rustdoc_include, outside the anchor) are not shown.
        await expect(frames.first()).toHaveAttribute('src', /[?&]hide=1-2[&#]/);
        await frames.first().scrollIntoViewIfNeeded();
        const whole = page.frameLocator('main iframe').first();
        await expect(whole.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
        await expect(whole.getByTestId('console')).toContainText('done');
        const shown = whole.getByTestId('program-code').locator('li');
        await expect(shown.first()).toHaveAttribute('data-line', '3');
        await expect(whole.getByTestId('program-code')).not.toContainText('use std::time::Duration');
        // The plain include: the anchor's lines only, nothing hidden.
        const anchor = frames.nth(1);
        expect(await anchor.getAttribute('src')).not.toContain('hide=');
        await anchor.scrollIntoViewIfNeeded();
        const part = page.frameLocator('main iframe').nth(1);
        await expect(part.getByTestId('program-code').locator('li').first()).toContainText('async fn main() {');
        await part.getByTestId('run').click();
        await expect(part.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
        if (label === '0.4') await page.screenshot({ path: `${SHOTS}mdbook-04-included.png`, fullPage: true });
      } finally {
        server.close();
      }
    }
  });

  test('rust-blocks = "button": an accepted rust block gets a button that swaps in a working embed, under 0.5 and 0.4', async ({ page }) => {
    test.setTimeout(120_000);
    const ACCEPTED = 'async fn main() {\n    println!("before");\n    sleep(200).await;\n    println!("after");\n}\n';
    // `macro_rules!` is outside the playground's language: mdBook's own behaviour, and nothing of ours.
    const REFUSED = 'macro_rules! twice {\n    ($x:expr) => {\n        $x * 2\n    };\n}\n\nfn main() {\n    println!("{}", twice!(2));\n}\n';
    for (const [bin, label] of [[mdbookPath(), '0.5'], [mdbook04Path(), '0.4']]) {
      const book = writeBook({
        // mdBook's own play button asks play.rust-lang.org for its crates as the page loads,
        // which a machine without the internet turns into page errors: it is off here.
        'book.toml': `[book]\ntitle = "Buttons on ${label}"\n\n[output.html.playground]\nrunnable = false\n\n` +
          '[preprocessor.waker-playground]\ncommand = "mdbook-waker-playground"\nrust-blocks = "button"\n',
        'src/SUMMARY.md': '# Summary\n\n- [Blocks](./blocks.md)\n',
        'src/blocks.md': `# Blocks\n\nOne that runs here:\n\n\`\`\`rust\n${ACCEPTED}\`\`\`\n\nOne that does not:\n\n\`\`\`rust\n${REFUSED}\`\`\`\n\nThe end.\n`,
      });
      const install = spawnSync(BIN, ['install', book, '--dist', DIST], { encoding: 'utf8' });
      expect(install.status, install.stderr).toBe(0);
      const build = mdbook(['build', book], bin);
      expect(build.status, `${label}: ${build.stderr}`).toBe(0);
      const server = await serve(join(book, 'book'), 0, '127.0.0.1', {}, PREFIX);
      try {
        await page.goto(`http://127.0.0.1:${server.address().port}${PREFIX}blocks.html`);
        await expect(page.locator('main pre')).toHaveCount(2);
        const buttons = page.locator('main button.waker-playground-run');
        await expect(buttons).toHaveCount(1);
        await expect(buttons).toHaveText('Run in the page');
        await expect(page.locator('main iframe')).toHaveCount(0);
        await buttons.click();
        // The accepted block is swapped for its embed; the refused one stays mdBook's.
        await expect(page.locator('main iframe')).toHaveCount(1);
        await expect(page.locator('main pre')).toHaveCount(1);
        await expect(page.locator('main pre')).toContainText('macro_rules! twice');
        await expect(buttons).toHaveCount(0);
        const frame = page.frameLocator('main iframe');
        await expect(frame.getByTestId('console')).toContainText('after', { timeout: 20_000 });
        await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
        await expect(page.locator('main')).toContainText('The end.');
        if (label === '0.5') await page.screenshot({ path: `${SHOTS}mdbook-run-button.png`, fullPage: true });
      } finally {
        server.close();
      }
    }
  });

  test('bad fences fail the build, naming the chapter, the line and the problem', async () => {
    const book = writeBook({
      'book.toml': '[book]\ntitle = "Broken"\n\n[preprocessor.waker-playground]\ncommand = "mdbook-waker-playground"\n',
      'src/SUMMARY.md': '# Summary\n\n- [Good](./good.md)\n- [Wakers](./part/wakers.md)\n',
      'src/good.md': '# Good\n\n```waker-playground preset=join\n```\n',
      // A bad option, a fence in a blockquote (which cannot become an embed), and a title with
      // spaces but no double quotes.
      'src/part/wakers.md':
        '# Wakers\n\nSome text.\n\n```waker-playground preset=seed colour=red\n```\n\n> A note:\n>\n> ```waker-playground preset=seed\n> ```\n' +
        '\n```waker-playground title=Two words\nt=a:yield\n```\n',
    });
    const build = mdbook(['build', book]);
    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain('chapter "Wakers" (src/part/wakers.md), line 5: unknown option "colour"');
    expect(build.stderr).toContain(
      'chapter "Wakers" (src/part/wakers.md), line 10: a waker-playground fence inside a blockquote, or indented 4+ spaces',
    );
    expect(build.stderr).toContain(
      'chapter "Wakers" (src/part/wakers.md), line 13: unknown option "words": title and caption values with spaces need double quotes: title="Two words"',
    );
    expect(build.stderr).toContain('3 bad fences; no embed was written');
    // Nothing was rendered from the broken book.
    expect(existsSync(join(book, 'book', 'part', 'wakers.html'))).toBe(false);
  });
});
