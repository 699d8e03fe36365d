// What a newcomer stumbled on, each kept fixed: rewinding that says where it is, arrow keys that
// move the playhead, zoomed ticks that tell themselves apart, names that fit, marks not hidden.
import { test, expect, open, preset, SHOTS } from './fixtures.js';

const canvas = (page) => page.getByTestId('timeline').locator('canvas');

test('rewinding says which event the playhead is on, so each Back click shows a change', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await expect(page.getByTestId('cursor-event')).toHaveCount(0); // live: no cursor
  const seen = [];
  for (let i = 0; i < 6; i++) {
    await page.getByTestId('cursor-back').click();
    const text = await page.getByTestId('cursor-event').textContent();
    seen.push(text);
  }
  // Six clicks, six different readouts, each naming its event, counting down.
  expect(new Set(seen).size).toBe(6);
  const numbers = seen.map((t) => Number(/^event (\d+) of (\d+) · /.exec(t)[1]));
  numbers.forEach((n, i) => i > 0 && expect(n).toBe(numbers[i - 1] - 1));
  // The readout names the task and what happened, in the event log's words.
  expect(seen.some((t) => /howdy: /.test(t))).toBe(true);
});

test('the arrow keys on the timeline select events and move the playhead to each', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await canvas(page).focus();
  await page.keyboard.press('Home');
  const first = await page.getByTestId('cursor-time').textContent();
  await expect(page.getByTestId('cursor-event')).toBeVisible();
  await expect(page.getByTestId('live')).toBeEnabled(); // rewound
  await page.keyboard.press('End');
  await expect(page.getByTestId('cursor-time')).not.toHaveText(first);
  // The readout and the selected event's description agree on the time.
  await expect(page.getByTestId('timeline-detail')).not.toBeEmpty();
});

test('zoomed to a selection, the tick labels all differ', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await canvas(page).focus();
  await page.keyboard.press('End'); // the last event, at about 2 s
  await page.getByTestId('timeline-zoom-selection').click();
  await expect(page.getByTestId('timeline-range')).toContainText('Zoomed');
  await expect.poll(async () => (await canvas(page).getAttribute('data-ticks'))?.split('|').length ?? 0).toBeGreaterThan(2);
  const ticks = (await canvas(page).getAttribute('data-ticks')).split('|');
  expect(new Set(ticks).size, ticks.join(' ')).toBe(ticks.length);
});

test('select! in a loop: names fit their lane and their console column, and the fixed function shows whole', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page);
  await preset(page, 'select-loop');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const labels = (await canvas(page).getAttribute('data-labels')).split('|');
  expect(labels).toContain('created_… ✓');
  for (const l of labels) expect([...l].length, l).toBeLessThanOrEqual(11);
  // The console says "name: message" (read aloud or copied), and the name never overlaps it.
  const line = page.getByTestId('console').locator('li', { hasText: 'created once:' });
  await expect(line).toHaveText(/created_once: created once: timeout after 2 ticks/);
  const who = await line.locator('.who').boundingBox();
  const text = await line.locator('.text').boundingBox();
  expect(who.x + who.width).toBeLessThanOrEqual(text.x);
  await expect(line.locator('.who')).toHaveAttribute('title', 'created_once');
  // Every line of the program fits its panel: the fixed created_once() is on screen, not cut.
  const box = page.getByTestId('program-code');
  const { sh, ch } = await box.evaluate((e) => ({ sh: e.scrollHeight, ch: e.clientHeight }));
  expect(sh).toBeLessThanOrEqual(ch + 1);
  await page.screenshot({ path: `${SHOTS}select-loop.png`, fullPage: true });
});

test('the lazy preset: the cancel mark at the end of the run is drawn over the "now" line, not under it', async ({ page }) => {
  await open(page, '/?theme=light');
  await preset(page, 'lazy');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await page.waitForTimeout(300); // a frame after the last event
  const found = await canvas(page).evaluate((c) => {
    const css = getComputedStyle(c);
    const rgb = (v) => {
      const probe = document.createElement('div');
      probe.style.color = css.getPropertyValue(v).trim();
      document.body.append(probe);
      const m = getComputedStyle(probe).color.match(/\d+/g).map(Number);
      probe.remove();
      return m;
    };
    const [now, cancel] = [rgb('--tl-now'), rgb('--tl-cancel')];
    const near = (p, q, tol) => Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) <= tol;
    const ctx = c.getContext('2d');
    const { width, height } = c;
    const img = ctx.getImageData(0, 0, width, height).data;
    const px = (x, y) => [img[(y * width + x) * 4], img[(y * width + x) * 4 + 1], img[(y * width + x) * 4 + 2]];
    // The now line: the column with the most pixels of its hue (a line 1.5 px wide is blended
    // with the background at its edges; orange boxes have far less blue than green).
    const reddish = (p) => p[0] - p[1] > 50 && p[0] - p[2] > 50 && Math.abs(p[1] - p[2]) < 30 && near([now[0], 0, 0], [p[0], 0, 0], 60);
    let best = -1, bestCount = 0;
    for (let x = 0; x < width; x++) {
      let n = 0;
      for (let y = 0; y < height; y++) if (reddish(px(x, y))) n++;
      if (n > bestCount) { best = x; bestCount = n; }
    }
    let cancelOnIt = 0;
    for (let y = 0; y < height; y++) if (near(px(best, y), cancel, 30)) cancelOnIt++;
    return { best, bestCount, cancelOnIt };
  });
  expect(found.bestCount).toBeGreaterThan(10); // the now line is there (most of the lane's height)
  expect(found.cancelOnIt).toBeGreaterThan(0); // and the cancel mark shows on top of it
});

test('on a phone, the Tasks table and the program say that they scroll sideways, and hide no column', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page, '/?theme=dark');
  await preset(page, 'select-loop');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const wrap = page.locator('.metrics .table-wrap');
  const m = await wrap.evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth, bg: getComputedStyle(e).backgroundImage }));
  expect(m.sw).toBeGreaterThan(m.cw); // it does scroll...
  expect(m.bg).toContain('gradient'); // ...and its edge shades where more is
  await expect(page.getByTestId('metrics-scroll-cue')).toBeVisible();
  // Every column is there to scroll to, the idle time too.
  const hidden = await page.getByTestId('metrics').locator('th').evaluateAll((ths) => ths.filter((t) => getComputedStyle(t).display === 'none').length);
  expect(hidden).toBe(0);
  await wrap.scrollIntoViewIfNeeded();
  const idle = page.getByTestId('metrics').locator('th', { hasText: 'idle' });
  expect((await idle.boundingBox()).x).toBeGreaterThan(360); // off to the right...
  await wrap.evaluate((e) => { e.scrollLeft = e.scrollWidth; });
  await expect(idle).toBeInViewport(); // ...until the table is swiped
  // The program's long lines scroll too, with the same shade.
  const code = await page.getByTestId('program-code').evaluate((e) => ({ sw: e.scrollWidth, cw: e.clientWidth, bg: getComputedStyle(e).backgroundImage }));
  expect(code.sw).toBeGreaterThan(code.cw);
  expect(code.bg).toContain('gradient');
  // The console's times stay on one line.
  const t = page.getByTestId('console').locator('.t').last();
  const box = await t.boundingBox();
  expect(box.height).toBeLessThan(22);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.locator('.metrics').screenshot({ path: `${SHOTS}phone-tasks.png` });
});

test('an embed opened on its own at 700×420 never scrolls itself on autoplay: its title and link stay in view', async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 420 });
  for (const p of ['seed', 'lost-in-join']) {
    await page.goto('about:blank'); // a new load, not a hash change
    await open(page, `/?embed&autoplay#p=${p}`);
    await expect(page.getByTestId('status')).not.toHaveText('not started', { timeout: 6000 });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.scrollY), p).toBe(0);
    await expect(page.getByTestId('embed-title')).toBeInViewport();
    await expect(page.getByTestId('open-full')).toBeInViewport();
  }
});

test('an imported trace shows its own scenario everywhere: the editor, the program lit, and one count of polls', async ({ page }) => {
  await open(page);
  await preset(page, 'own-timer');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const ranPolls = await page.locator('.mode-line .counts').textContent();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  const file = await download.path();
  // Another scenario on screen, then the import.
  await preset(page, 'join');
  await expect(page.getByTestId('edit-as-code')).toBeVisible(); // the form: the join's tasks
  await page.getByTestId('import-trace').setInputFiles(file);
  await expect(page.getByTestId('status')).toHaveText('imported: a read-only replay');
  await expect(page.getByTestId('notices')).toContainText('The form shows the scenario it was recorded from');
  // The editor holds the program that ran; Your program shows it, with its console.
  await expect(page.getByTestId('code-editor')).toHaveValue(/impl Future for TimerFuture/);
  await expect(page.getByTestId('program-code')).toContainText('impl Future for TimerFuture');
  await expect(page.getByTestId('console')).toContainText('done!');
  // The Executor panel and the Tasks table count the same polls, the run's.
  const counts = await page.locator('.mode-line .counts').textContent();
  expect(counts).toBe(ranPolls);
  const polls = Number(/(\d+) polls?/.exec(counts)[1]);
  const perTask = await page.getByTestId('metrics-row').evaluateAll((rows) => rows.map((r) => Number(r.children[3].textContent)));
  expect(perTask.reduce((a, b) => a + b, 0)).toBe(polls);
  expect(polls).toBeGreaterThan(0);
});

test('the stale-waker presets are labelled "stale waker", as their captions say, and the lost-waker ones "lost waker"', async ({ page }) => {
  await open(page);
  for (const [id, owner, label] of [['stale-waker', 'stale_waker', 'stale waker'], ['own-stale-waker', null, 'stale waker'], ['lost-waker', null, 'lost waker']]) {
    await preset(page, id);
    await page.getByTestId('clock').selectOption('virtual');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('status')).not.toHaveText(/not started|running/, { timeout: 8000 });
    const warned = page.getByTestId('metrics-row').filter({ hasText: label });
    await expect(warned, id).toHaveCount(1);
    if (owner) await expect(warned).toContainText(owner);
    const other = label === 'stale waker' ? 'lost waker' : 'stale waker';
    await expect(page.getByTestId('metrics')).not.toContainText(other);
    await page.getByTestId('reset').click();
  }
});

test('a forgotten Interval on the virtual clock stops when the page has kept all it can, and its first lines stay', async ({ page }) => {
  // It fires 864,000 times in the virtual day: the run used to drop its oldest events, the
  // console's lines among them, and the console showed nothing.
  const src = 'async fn main() {\n    println!("hello");\n    gloo_timers::callback::Interval::new(100, || {}).forget();\n    println!("bye");\n}\n';
  await open(page, '/#code=' + Buffer.from(src).toString('base64url') + '&clock=virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notices')).toContainText('recorded as many events as the page keeps', { timeout: 30000 });
  await expect(page.getByTestId('console')).toContainText('hello');
  await expect(page.getByTestId('console')).toContainText('bye');
  await page.screenshot({ path: `${SHOTS}interval-forgotten.png` });
});
