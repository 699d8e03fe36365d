// What keeps a big run smooth (issue 19), checked for what the reader sees: a panel out of view
// lets a live run's refreshes go by but is never wrong at the end, the Run click does not build
// the panels below the fold, the event log still follows the newest event once it is in view, and
// the timeline redraws from its ResizeObserver and for a new theme.
import { test, expect, open, preset } from './fixtures.js';

const DEFER_MS = 500; // src/ui/hooks/use_deferred.rs

/** The rows of the Tasks table, as [task, state] pairs. */
async function taskRows(page) {
  return page.locator('[data-testid=metrics-row]').evaluateAll((rows) => rows.map((r) => [r.querySelector('th').textContent, r.querySelector('td').textContent]));
}

test('out of view, the Tasks table lets a live run go by, at most half a second behind, and is exact at the end', async ({ page }) => {
  await open(page);
  await preset(page, 'thousand');
  // The click's own task starts the run and draws the timeline; the table is not built in it,
  // though it is in view before the run (it is built in a task of its own right after).
  const inClick = await page.evaluate(async () => {
    document.querySelector('[data-testid=run]').click();
    // The click's task and its microtasks (Yew renders in those) are over when a timeout set
    // now fires: timeouts of equal delay run in the order they were set, and the table's own
    // task is set during the render, after this one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      status: document.querySelector('[data-testid=status]').textContent,
      rows: document.querySelectorAll('[data-testid=metrics-row]').length,
    };
  });
  expect(inClick).toEqual({ status: 'running', rows: 0 });
  // It is built within its staleness bound (plus a generous margin for a loaded machine).
  await expect(page.getByTestId('metrics-row').first()).toBeAttached({ timeout: DEFER_MS + 1500 });
  // The run's panels push it below the fold at 1400 × 1000 (more than a tenth of a screen).
  expect((await page.locator('section.metrics').boundingBox()).y).toBeGreaterThan(1100);
  // While the run goes on out of view, what it shows changes by whole renewals, not every
  // refresh: sampled 24 times, 50 ms apart, it shows about one version per 500 ms of the time
  // the sampling took (on a loaded machine a sample can take longer than 50 ms).
  const versions = new Set();
  const started = Date.now();
  for (let i = 0; i < 24; i++) {
    versions.add(JSON.stringify(await taskRows(page)));
    await page.waitForTimeout(50);
  }
  const took = Date.now() - started;
  expect(versions.size, `${versions.size} versions in ${took} ms`).toBeLessThanOrEqual(Math.ceil(took / DEFER_MS) + 2);
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  // At the end it is exact at once: every task shown is done, none still pending.
  const rows = await taskRows(page);
  expect(rows.every(([, state]) => state === 'done')).toBe(true);
  // A row for every task, but only those in the table's scroll box (and a few either side)
  // are built: about 30 of the thousand.
  expect(rows.length).toBeGreaterThanOrEqual(10);
  expect(rows.length).toBeLessThanOrEqual(60);
  await expect(page.getByTestId('metrics')).toHaveAttribute('aria-rowcount', '1001');
  await expect(page.getByTestId('metrics-count')).toContainText('1000 tasks');
  // Scrolled to its end, the table shows the last task, done, at its place among the thousand.
  await page.locator('section.metrics .table-wrap').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = page.getByTestId('metrics-row').last();
  await expect(last.locator('th')).toHaveText('t999');
  await expect(last).toHaveAttribute('aria-rowindex', '1001');
  await expect(last.locator('td').first()).toHaveText('done');
  expect((await taskRows(page)).length).toBeLessThanOrEqual(60);
  // The spacers stand for the rows not built, no more, no less: the table is as tall as its
  // headings and a thousand rows, and scrolled to the 500th row's place, the row under the
  // headings is the 500th (t499, at index 501: the headings are row 1).
  const wrap = page.locator('section.metrics .table-wrap');
  const at = await wrap.evaluate(async (el) => {
    const head = el.querySelector('thead').getBoundingClientRect().height;
    const rowH = el.querySelector('tr[data-testid=metrics-row]').getBoundingClientRect().height;
    const tall = el.scrollHeight;
    el.scrollTop = 499 * rowH;
    await new Promise((r) => setTimeout(r, 200));
    const top = el.getBoundingClientRect().top + head;
    const under = [...el.querySelectorAll('tr[data-testid=metrics-row]')].find((r) => r.getBoundingClientRect().bottom > top + 2);
    return { tall, expected: head + 1000 * rowH, index: Number(under.getAttribute('aria-rowindex')), name: under.querySelector('th').textContent };
  });
  expect(Math.abs(at.tall - at.expected), JSON.stringify(at)).toBeLessThan(25);
  expect(at.index, JSON.stringify(at)).toBe(501);
  expect(at.name).toBe('t499');
});

test('scrolled into view during a live run, the Tasks table and the event log are current at once', async ({ page }) => {
  await open(page);
  await preset(page, 'thousand');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await page.waitForTimeout(300);
  await page.locator('section.log').scrollIntoViewIfNeeded();
  // In view, the log is renewed every refresh and follows the newest event: within a few frames
  // its last row is the newest event of the run, and the list is scrolled to its end.
  const followed = async () => page.getByTestId('event-log').evaluate((ol) => {
    const atEnd = Math.abs(ol.scrollHeight - ol.clientHeight - ol.scrollTop) <= 2;
    return atEnd && ol.querySelectorAll('li.event').length > 0;
  });
  await expect.poll(followed, { timeout: 2000, intervals: [50] }).toBe(true);
  // The log changes between two refreshes in view (a deferred panel would hold for 500 ms).
  const last = () => page.locator('[data-testid=event-log] li.event').last().getAttribute('data-at-ms');
  const first = await last();
  await expect.poll(last, { timeout: 400, intervals: [25] }).not.toBe(first);
  await page.locator('section.metrics').scrollIntoViewIfNeeded();
  const shown = () => taskRows(page).then(JSON.stringify);
  const a = await shown();
  await expect.poll(shown, { timeout: 400, intervals: [25] }).not.toBe(a);
});

test('the timeline redraws at its new width when its box is resized, and in the new colours of a new theme', async ({ page }) => {
  await open(page, '/?theme=auto');
  await preset(page, 'seed');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  const canvas = page.locator('canvas.timeline-canvas');
  const width = () => canvas.evaluate((c) => c.width / devicePixelRatio);
  const wide = await width();
  // Narrower: one column. The canvas follows its box (its ResizeObserver), with no frame
  // reading the box's size.
  await page.setViewportSize({ width: 800, height: 1000 });
  await expect.poll(width).toBeLessThan(wide - 200);
  const box = await page.getByTestId('timeline').evaluate((el) => el.clientWidth);
  expect(Math.abs((await width()) - box)).toBeLessThanOrEqual(1);
  // A new theme: the background the canvas paints follows it, though the run ended long ago
  // (its frame loop had gone to sleep).
  const bg = () => canvas.evaluate((c) => Array.from(c.getContext('2d').getImageData(2, 2, 1, 1).data.slice(0, 3)));
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(async () => (await bg()).reduce((a, b) => a + b, 0)).toBeGreaterThan(600);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(async () => (await bg()).reduce((a, b) => a + b, 0)).toBeLessThan(200);
});

test('after Reset, the next run\'s Tasks table starts at its top, not where the last one was scrolled', async ({ page }) => {
  await open(page);
  await preset(page, 'thousand');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  const wrap = page.locator('section.metrics .table-wrap');
  await wrap.scrollIntoViewIfNeeded();
  await wrap.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(page.getByTestId('metrics-row').last().locator('th')).toHaveText('t999');
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('metrics-row')).toHaveCount(0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  // A new box, at its top, with the first rows built in it (not a spacer where they were).
  const first = page.getByTestId('metrics-row').first();
  await expect(first.locator('th')).toHaveText('t0');
  await expect(first).toHaveAttribute('aria-rowindex', '2');
  const [row, box] = [await first.boundingBox(), await wrap.boundingBox()];
  expect(row.y).toBeGreaterThanOrEqual(box.y);
  expect(row.y).toBeLessThan(box.y + 120);
});
