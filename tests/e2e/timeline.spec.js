// The timeline as a reader uses it: hover anything, zoom and pan, and a frame loop that rests.
import { test, expect, open, preset, SHOTS } from './fixtures.js';

const GUTTER = 92; // src/ui/draw.rs: the lane names' column
const HEADER = 24; // the time axis

/** The time range the canvas shows, [t0, t1] in ms. */
async function range(page) {
  const text = await page.locator('canvas.timeline-canvas').getAttribute('data-range');
  // Not drawn yet: no range, which no comparison accepts, so a poll asks again.
  return text === null ? [NaN, NaN] : text.split(' ').map(Number);
}

/** The page x of run time `t`. */
async function xOf(page, t) {
  const box = await page.locator('canvas.timeline-canvas').boundingBox();
  const [t0, t1] = await range(page);
  return box.x + GUTTER + ((t - t0) / (t1 - t0)) * (box.width - GUTTER - 12);
}

/** Runs the select preset (1 s against 3 s) on the virtual clock, to the end. */
async function finishedSelect(page) {
  await open(page);
  await preset(page, 'select');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  await expect.poll(async () => (await range(page))[1]).toBeGreaterThan(1000);
}

test('hovering the middle of a bar describes it, and every timer under the pointer is offered', async ({ page }) => {
  await finishedSelect(page);
  const box = await page.locator('canvas.timeline-canvas').boundingBox();
  // Half way through the 1 s timer, far from either end of its bar. The two timers run side by
  // side, each in its own row.
  const x = await xOf(page, 500);
  await page.mouse.move(x, box.y + HEADER + 5);
  const tip = page.locator('.tooltip');
  await expect(tip).toBeVisible();
  const first = (await tip.textContent()).split('\n');
  expect(first[0]).toMatch(/^timer 1: armed at .* due at 1\.00 s; fired/);
  expect(first.some((l) => /^timer 2: .* cancelled at 1\.00 s/.test(l)), first.join(' | ')).toBe(true);
  // One row down: the 3 s timer is the one under the pointer, so it comes first.
  await page.mouse.move(x, box.y + HEADER + 12);
  await expect(tip).toContainText('timer 2');
  expect((await tip.textContent()).split('\n')[0]).toMatch(/^timer 2:/);
  await page.screenshot({ path: `${SHOTS}timeline-hover.png`, clip: { x: box.x - 10, y: box.y - 50, width: box.width + 20, height: 200 } });
});

test('Ctrl+wheel zooms about the pointer, a drag pans, Fit run and Zoom to selection frame the view', async ({ page }) => {
  await finishedSelect(page);
  const box = await page.locator('canvas.timeline-canvas').boundingBox();
  const [a0, a1] = await range(page);
  await expect(page.getByTestId('timeline-range')).toHaveText('Whole run');
  await expect(page.getByTestId('timeline-fit')).toBeDisabled();
  // Zoom in about the 1 s fire: it stays under the pointer.
  const x = await xOf(page, 1000);
  await page.mouse.move(x, box.y + 60);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  await expect.poll(async () => { const [b0, b1] = await range(page); return b1 - b0; }).toBeLessThan((a1 - a0) * 0.8);
  expect(Math.abs((await xOf(page, 1000)) - x)).toBeLessThan(2);
  await expect(page.getByTestId('timeline-range')).toContainText('Zoomed');
  // A plain wheel is left to the page: the view does not change.
  const zoomed = await range(page);
  await page.mouse.wheel(0, 100);
  await page.waitForTimeout(100);
  expect(await range(page)).toEqual(zoomed);
  // Drag left by 100 px: later times come into view. (The wheel may have scrolled the page.)
  await page.locator('canvas.timeline-canvas').scrollIntoViewIfNeeded();
  Object.assign(box, await page.locator('canvas.timeline-canvas').boundingBox());
  await page.mouse.move(x, box.y + 60);
  await page.mouse.down();
  await page.mouse.move(x - 100, box.y + 60, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await range(page))[0]).toBeGreaterThan(zoomed[0]);
  const [p0, p1] = await range(page);
  const perPx = (zoomed[1] - zoomed[0]) / (box.width - GUTTER - 12);
  expect(p0 - zoomed[0]).toBeCloseTo(100 * perPx, 0);
  expect(p1 - p0).toBeCloseTo(zoomed[1] - zoomed[0], 3);
  // A drag is not a click: the playhead did not move.
  await expect(page.getByTestId('live')).toBeDisabled();
  // Fit run shows the whole run again.
  await page.getByTestId('timeline-fit').click();
  await expect.poll(() => range(page)).toEqual([a0, a1]);
  // Click the first poll: it is selected, the playhead moves, and Zoom to selection frames it.
  await page.mouse.click(await xOf(page, 0.5), box.y + HEADER + 2 * 7 + 7 + 4);
  await expect(page.getByTestId('timeline-detail')).toContainText('poll #1');
  await page.getByTestId('timeline-zoom-selection').click();
  await expect.poll(async () => (await range(page))[0]).toBeLessThan(0);
  const [s0, s1] = await range(page);
  expect(s0).toBeLessThan(0);
  expect(s1 - s0).toBeLessThan(5);
  await page.locator('canvas.timeline-canvas').screenshot({ path: `${SHOTS}timeline-zoomed.png` });
  // The keys do the same: 0 fits, + and - zoom.
  await page.locator('canvas.timeline-canvas').focus();
  await page.keyboard.press('0');
  await expect.poll(() => range(page)).toEqual([a0, a1]);
  await page.keyboard.press('+');
  await expect.poll(async () => { const [k0, k1] = await range(page); return k1 - k0; }).toBeCloseTo((a1 - a0) / 2, 3);
});

test('the frame loop stops once a run has ended, and wakes up to redraw a seek', async ({ page }) => {
  await page.addInitScript(() => {
    window.__frames = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => { window.__frames++; return raf(cb); };
  });
  await finishedSelect(page);
  const frames = () => page.evaluate(() => window.__frames);
  // The loop notices within about half a second that nothing can change by itself.
  await page.waitForTimeout(1000);
  const before = await frames();
  await page.waitForTimeout(1000);
  expect(await frames() - before).toBeLessThan(3);
  // A seek wakes it: the playhead is drawn where the learner put it.
  const [, t1] = await range(page);
  await page.getByTestId('cursor-back').click();
  await expect.poll(frames).toBeGreaterThan(before + 1);
  expect((await range(page))[1]).toBe(t1);
});
