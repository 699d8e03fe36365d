// The async book's executor chapter, run in the page as pasted: threads, channels, the learner's
// own executor followed by the panels.
import { test, expect, open, preset, toMs, SHOTS } from './fixtures.js';
import { readFileSync } from 'node:fs';

const BOOK = readFileSync(new URL('../../src/play/programs/threads/book_executor.rs', import.meta.url), 'utf8');

/** The console's lines as [ms, text]. */
async function consoleLines(page) {
  const rows = await page.getByTestId('console').locator('li:not(.empty)').evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('.t').textContent, li.querySelector('.text').textContent]));
  return rows.map(([t, text]) => [toMs(t), text]);
}

/** Runs the program in the editor (or the preset loaded) to its end. */
async function runToEnd(page, timeout = 8000) {
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout });
}

test('the book\'s executor runs as pasted: howdy, done no earlier than 2 s, and a lane each for main, the thread and the Task', async ({ page }) => {
  await open(page);
  await page.getByTestId('edit-as-code').click();
  await page.getByTestId('code-editor').fill(BOOK);
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('howdy!');
  // While the timer thread sleeps: main is blocked in its recv(), the thread in thread::sleep.
  await expect(page.getByTestId('await-tree')).toContainText('blocked at line');
  await page.screenshot({ path: `${SHOTS}book-executor-running.png`, fullPage: true });
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['howdy!', 'done!']);
  expect(lines[1][0]).toBeGreaterThanOrEqual(2000);
  // The learner's Task is a task of the panels: two polls, woken once by another (the thread).
  const taskRow = page.getByTestId('metrics-row').filter({ hasText: /^Task/ });
  await expect(taskRow).toContainText('done');
  for (const name of ['thread', 'main']) {
    await expect(page.getByTestId('metrics-row').filter({ hasText: name }).first()).toContainText('done');
  }
  // The timeline has a lane per task: the canvas draws three, the Task's first, in a group of
  // its own (their executor's), above our two threads.
  await expect(page.locator('canvas.timeline-canvas')).toHaveAttribute('data-lanes', '3');
  await expect(page.locator('canvas.timeline-canvas')).toHaveAttribute('data-guest-lanes', '1');
  // Both prints are the Task's own.
  await expect(page.getByTestId('console').locator('li', { hasText: 'done!' })).toContainText('Task');
});

test('rewound to between the thread\'s wake and the next poll, the Task waits in the ready queue and the learner\'s send is lit', async ({ page }) => {
  await open(page);
  await preset(page, 'book-executor');
  await runToEnd(page);
  // Back, one event at a time, to a moment where the Task is queued (woken, not yet polled)
  // and the lines that ran last are their wake_by_ref's.
  let found = false;
  for (let i = 0; i < 60 && !found; i++) {
    await page.getByTestId('cursor-back').click();
    const queued = (await page.getByTestId('ready-queue').first().textContent()).includes('Task');
    const lit = await page.getByTestId('program-code').locator('li.lit').allTextContents();
    found = queued && lit.some((l) => l.includes('arc_self.task_sender.send(cloned)'));
  }
  expect(found).toBe(true);
  const at = toMs(await page.getByTestId('cursor-time').textContent());
  expect(at).toBeGreaterThanOrEqual(2000);
  await expect(page.getByTestId('metrics-row').filter({ hasText: /^Task/ })).toContainText('scheduled');
  await page.screenshot({ path: `${SHOTS}book-executor-rewound.png`, fullPage: true });
  // Forward to the end: the Task is done.
  await page.getByTestId('live').click();
  await expect(page.getByTestId('metrics-row').filter({ hasText: /^Task/ })).toContainText('done');
});

test('the book\'s current spelling (waker.take(), wake()) runs the same', async ({ page }) => {
  const take = BOOK.replace('if let Some(waker) = &shared_state.waker {', 'if let Some(waker) = shared_state.waker.take() {')
    .replace('waker.wake_by_ref();', 'waker.wake()');
  expect(take).not.toBe(BOOK);
  await open(page);
  await page.getByTestId('edit-as-code').click();
  await page.getByTestId('code-editor').fill(take);
  await runToEnd(page);
  const lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['howdy!', 'done!']);
  expect(lines[1][0]).toBeGreaterThanOrEqual(2000);
});

test('block_on and the std Wake executor run as their presets say', async ({ page }) => {
  await open(page);
  await preset(page, 'book-block-on');
  await runToEnd(page);
  let lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual([
    'block_on polls the timer on this thread, and parks it in between',
    '1 s later: the timer thread woke us',
    'done, 1.5 s after the start',
  ]);
  expect(lines[1][0]).toBeGreaterThanOrEqual(1000);
  expect(lines[2][0]).toBeGreaterThanOrEqual(1500);
  await preset(page, 'book-wake');
  await runToEnd(page);
  lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['howdy!', 'done!']);
  expect(lines[1][0]).toBeGreaterThanOrEqual(2000);
});

test('a deadlock stops the run with each thread\'s line, and the page goes on', async ({ page }) => {
  await open(page);
  await preset(page, 'book-lost-wakeup');
  await page.getByTestId('run').click();
  const error = page.getByTestId('console').locator('li', { hasText: 'deadlock' });
  await expect(error).toContainText('`main` in `recv()`', { timeout: 8000 });
  expect(toMs(await error.locator('.t').textContent())).toBeGreaterThanOrEqual(2000);
  // The Task was woken and never polled again: it is left scheduled, in no queue (the ready
  // queue is their channel, and the wake sent it nowhere), and the Tasks table says so.
  const taskRow = page.getByTestId('metrics-row').filter({ hasText: /^Task/ });
  await expect(taskRow).toContainText('scheduled');
  await expect(taskRow).toContainText('woken, never queued');
  await expect(page.getByTestId('ready-queue').first()).not.toContainText('Task');
  // The event log tells their wake from ours.
  await expect(page.getByTestId('event-log')).toContainText('your wake code ran (did it queue the task?)');
  await page.screenshot({ path: `${SHOTS}book-lost-wakeup.png`, fullPage: true });
  // The page lives on: another preset runs.
  await preset(page, 'book-block-on');
  await runToEnd(page);
  await expect(page.getByTestId('console')).toContainText('done, 1.5 s after the start');
});

test('a RawWaker block_on pasted in runs: its vtable wakes the parked thread, and the Signal is their task', async ({ page }) => {
  const src = readFileSync(new URL('../oracle/threads/raw_waker_block_on.rs', import.meta.url), 'utf8');
  await open(page);
  await page.getByTestId('edit-as-code').click();
  await page.getByTestId('code-editor').fill(src);
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  await runToEnd(page);
  const lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['start', 'counts after the waker is gone: 1', '500 ms later']);
  expect(lines[1][0]).toBeGreaterThanOrEqual(500);
  // The waker's data is an Arc<Signal>: its block_on's polls are a task of theirs, in a lane
  // group of its own, done.
  await expect(page.getByTestId('metrics-row').filter({ hasText: /^Signal/ })).toContainText('done');
  await expect(page.locator('canvas.timeline-canvas')).toHaveAttribute('data-guest-lanes', '1');
  await page.screenshot({ path: `${SHOTS}raw-waker-block-on.png`, fullPage: true });
});
