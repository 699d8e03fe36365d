// The playground, used as a person would, in real Chromium.
import { test, expect, open, preset, polls, logTime, toMs, watch, SHOTS } from './fixtures.js';

test('the seed preset: the Ready poll comes no earlier than 2 s after the start', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('preset')).toHaveValue('seed');
  await page.screenshot({ path: `${SHOTS}start.png`, fullPage: true });
  const t0 = Date.now();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('running');
  await expect(page.getByTestId('timers')).toContainText('howdy');
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${SHOTS}running.png`, fullPage: true });
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const wall = Date.now() - t0;
  expect(wall).toBeGreaterThanOrEqual(2000);
  const ready = await logTime(page, 'poll returned Ready');
  const pending = await logTime(page, 'poll returned Pending');
  expect(ready).toBeGreaterThanOrEqual(2000);
  expect(pending).toBeLessThan(ready);
  await expect(page.getByTestId('event-log')).toContainText('timer 1 fired');
  await expect(page.getByTestId('metrics')).toContainText('done');
  await page.screenshot({ path: `${SHOTS}finished.png`, fullPage: true });
});

test('editing a pending 5,000 ms timer to 1,500 ms completes the task well before 5 s', async ({ page }) => {
  await open(page);
  await preset(page, 'live-edit');
  const field = page.getByTestId('duration').first();
  await expect(field).toHaveValue('5000');
  const t0 = Date.now();
  await page.getByTestId('run').click();
  await expect(page.locator('.live-badge').first()).toBeVisible();
  await page.waitForTimeout(200);
  // 1,500 ms, so the new deadline is still ahead when the edit lands, however slow the machine
  // (a shorter edit that is already past fires at once: the test below).
  await field.fill('1500');
  await field.press('Enter');
  await expect(page.getByTestId('notices')).toContainText('rescheduled while pending');
  const row = page.getByTestId('metrics-row').filter({ hasText: 'editable' });
  await expect(row).toContainText('done', { timeout: 10_000 });
  const line = await page.getByTestId('event-log').locator('li', { hasText: 'rescheduled: due at' }).first().textContent();
  const [, due, was] = /due at ([\d.]+ m?s) \(was ([\d.]+ m?s)\)/.exec(line);
  expect(toMs(due)).toBeGreaterThanOrEqual(1500);
  expect(toMs(was)).toBeGreaterThanOrEqual(5000);
  // Never before the new deadline, and well before the old one (a timer never fires early).
  const done = await logTime(page, 'completed', 'editable');
  expect(done).toBeGreaterThanOrEqual(1500);
  expect(done).toBeLessThan(5000);
  // And on the wall clock, which our own trace cannot fake: without the edit the task could not
  // finish before 5 s after Run; with it, Run to done (round trips included) stays under that.
  expect(Date.now() - t0).toBeLessThan(4800);
  await page.screenshot({ path: `${SHOTS}live-edit.png`, fullPage: true });
});

test('select: the loser timer is cancelled and never fires', async ({ page }) => {
  await open(page);
  await preset(page, 'select');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
  const log = page.getByTestId('event-log');
  await expect(log).toContainText('timer 1 fired');
  await expect(log).toContainText('timer 2 cancelled: clearTimeout');
  await expect(log).not.toContainText('timer 2 fired');
  await expect(page.locator('.executor .counts').last()).toContainText('1 fired · 1 cancelled');
  // Waiting past the loser's 3 s deadline changes nothing.
  await page.waitForTimeout(2300);
  await expect(log).not.toContainText('timer 2 fired');
  await page.screenshot({ path: `${SHOTS}select.png`, fullPage: true });
});

test('bad inputs get clear messages and never a panic', async ({ page }) => {
  await open(page);
  const field = page.getByTestId('duration').first();
  const cases = [
    ['', 'enter a duration'],
    ['-5', 'cannot be negative'],
    ['1.5', 'whole milliseconds'],
    ['abc', 'not a number'],
    ['1e3', 'not a number'],
    ['99999999999999999999', 'too large'],
    ['9'.repeat(60), 'too long'],
  ];
  for (const [text, message] of cases) {
    await field.fill(text);
    await expect(page.getByTestId('duration-error').first()).toContainText(message);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  }
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notices')).toContainText('Cannot run');
  await page.screenshot({ path: `${SHOTS}bad-input.png`, fullPage: true });

  // Over 2^31-1 ms is valid: it is chained, never fired early.
  await field.fill('3000000000');
  await expect(page.getByTestId('duration-error')).toHaveCount(0);

  // A bad task name.
  await page.getByTestId('task-name').first().fill('<img src=x onerror=alert(1)>');
  await expect(page.locator('.task .field-error').first()).toContainText('letters, digits');
  await expect(page.locator('img')).toHaveCount(0);
  await page.getByTestId('task-name').first().fill('howdy');

  // Zero tasks.
  await page.getByRole('button', { name: 'Remove task howdy' }).click();
  await expect(page.locator('.editor .empty')).toContainText('No tasks');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notices')).toContainText('no tasks');

  // Too many steps.
  await page.getByTestId('add-task').click();
  const add = page.getByTestId('add-step').first();
  for (let i = 0; i < 70; i++) await add.selectOption('yield');
  await expect(page.getByTestId('notices')).toContainText('at most 64 steps per task');
  await expect(page.getByTestId('step-row')).toHaveCount(64);
});

test('Remove task can be undone, by keyboard too: the task comes back where it was, steps and all', async ({ page }) => {
  await open(page);
  await preset(page, 'live-edit');
  const names = () => page.getByTestId('task-name').evaluateAll((els) => els.map((e) => e.value));
  const before = await names();
  expect(before.length).toBeGreaterThan(1);
  const steps = await page.getByTestId('task').first().getByTestId('step-row').count();
  await page.getByRole('button', { name: `Remove task ${before[0]}` }).focus();
  await page.keyboard.press('Enter');
  expect(await names()).toEqual(before.slice(1));
  await expect(page.getByTestId('notices')).toContainText(`Removed task ${before[0]}`);
  // The pressed button is gone; the focus is on Undo, so Enter again undoes.
  await expect(page.getByTestId('undo')).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await names()).toEqual(before);
  await expect(page.getByTestId('task').first().getByTestId('step-row')).toHaveCount(steps);
  await expect(page.getByTestId('undo')).toHaveCount(0);
});

test('reset wipes the timeline, and edits of steps still to come apply to the running task', async ({ page }) => {
  await open(page);
  await preset(page, 'live-edit');
  await page.getByTestId('run').click();
  await expect(page.locator('.timeline-empty')).toHaveCount(0);
  // companion: sleep(1500) then sleep(1500); make the second one short while the first runs.
  const second = page.getByTestId('task').nth(1).getByTestId('duration').nth(1);
  await expect(page.getByTestId('task-name').nth(1)).toHaveValue('companion');
  await second.fill('100');
  await second.press('Enter');
  await expect(page.getByTestId('notices')).toContainText('this run will use 100 ms');
  const row = page.getByTestId('metrics-row').filter({ hasText: 'companion' });
  await expect(row).toContainText('done', { timeout: 4000 });
  const done = await logTime(page, 'completed', 'companion');
  expect(done).toBeGreaterThanOrEqual(1600); // 1500 + the new 100 ms...
  expect(done).toBeLessThan(3000); // ...not 1500 + 1500
  await page.getByTestId('reset').click();
  await expect(page.locator('.timeline-empty')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('not started');
});

test('rapid repeated clicks do not break anything', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  for (let i = 0; i < 40; i++) {
    await page.getByTestId('step').click({ force: true, noWaitAfter: true });
    await page.getByTestId('run').click({ force: true, noWaitAfter: true });
    await page.getByTestId('pause').click({ force: true, noWaitAfter: true });
    await page.getByTestId('reset').click({ force: true, noWaitAfter: true });
  }
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
  // Exactly one run's numbers: the old runs were dropped, timers and all.
  await expect(page.locator('.executor .counts').last()).toContainText('2 armed · 2 fired · 0 cancelled');
});

test('step mode polls exactly one task per click', async ({ page }) => {
  await open(page);
  await preset(page, 'yield');
  await page.getByTestId('mode').selectOption('manual');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('ready-queue').locator('.chip')).toHaveText(['sleeper', 'yielder']);
  await expect(page.getByTestId('next')).toHaveText('next: sleeper');
  await expect(page.getByTestId('status')).toHaveText('manual: press Step');
  expect(await polls(page)).toBe(1);
  for (let n = 2; n <= 6; n++) {
    await page.getByTestId('step').click();
    await expect(page.locator('.mode-line .counts')).toContainText(`${n} polls`);
  }
  const log = page.getByTestId('event-log');
  await expect(log.locator('li[data-kind="poll-started"]')).toHaveCount(6);
  await expect(page.getByTestId('code-caption')).toContainText(/^[a-z-]+: /);
  await expect(page.getByTestId('code').locator('.lit').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}step.png`, fullPage: true });
});

test('the lost-waker warning appears and the task never completes', async ({ page }) => {
  await open(page);
  await preset(page, 'lost-waker');
  await page.getByTestId('run').click();
  const warning = page.getByTestId('warning-lost-waker');
  await expect(warning).toBeVisible({ timeout: 5000 });
  await expect(warning).toContainText('lost waker');
  await expect(page.getByTestId('status')).toContainText('stuck', { timeout: 5000 });
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'buggy' })).toContainText('idle');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'healthy' })).toContainText('done');
  // The buggy poll lights the buggy future, not TimerFuture's correct poll.
  const pending = page.getByTestId('event-log').locator('li[data-kind="poll-pending"]', { hasText: 'buggy' }).last();
  await pending.locator('button').click();
  await expect(page.getByTestId('code-caption')).toContainText('without storing a waker');
  await expect(page.getByTestId('code').locator('.lit')).toContainText('Poll::Pending');
  await expect(page.getByRole('tab', { name: 'Futures' })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${SHOTS}lost-waker.png`, fullPage: true });
});

test('the timeline shows details on hover and on keyboard focus', async ({ page }) => {
  await open(page);
  await preset(page, 'select');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
  const canvas = page.locator('.timeline-canvas');
  await canvas.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('timeline-detail')).toContainText('race');
  await page.keyboard.press('End');
  await expect(page.getByTestId('timeline-detail')).toContainText(/Ready|cancelled|fired/);
  const box = await canvas.boundingBox();
  let found = false;
  for (let x = box.x + 92; x < box.x + box.width && !found; x += 3) {
    await page.mouse.move(x, box.y + 24 + 15);
    found = (await page.locator('.tooltip').count()) > 0;
  }
  expect(found).toBe(true);
  // The tooltip describes what is under the pointer: the race lane's poll or timer, with its time.
  await expect(page.locator('.tooltip')).toContainText(/race/);
  await expect(page.locator('.tooltip')).toContainText(/\d+(\.\d+)? m?s/);
  // Moving off the canvas hides it again.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
  await expect(page.locator('.tooltip')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}timeline-hover.png` });
});

test('1,000 timers: the page answers clicks while they run, and every task completes', async ({ page }) => {
  await open(page);
  await preset(page, 'thousand');
  await page.getByTestId('run').click();
  await page.waitForTimeout(800);
  await page.getByTestId('pause').click();
  // The click is answered mid-run: the executor stops polling at once, while most tasks still wait.
  await expect(page.getByTestId('status')).toHaveText(/^paused/);
  // Its program (a form's 1,000 tasks) is too long to show, and the page says so.
  await expect(page.getByTestId('program-hidden')).toContainText(/\d{4} lines/);
  await expect(page.getByTestId('program-code')).toHaveCount(0);
  const atPause = await polls(page);
  const fired = Number(/(\d+) fired/.exec(await page.locator('.executor .counts').last().textContent())[1]);
  expect(fired).toBeLessThan(1000);
  await page.waitForTimeout(400);
  expect(await polls(page)).toBe(atPause);
  await page.getByTestId('run').click();
  await expect.poll(() => polls(page)).toBeGreaterThan(atPause);
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 15_000 });
  await expect(page.locator('.executor .counts').last()).toContainText('1000 armed · 1000 fired');
  await expect(page.getByTestId('log-window')).toContainText(/latest 2000 of \d+ events/);
  await page.locator('.timeline-scroll').evaluate((el) => { el.scrollTop = 10_000; });
  await page.waitForTimeout(100);
  await page.screenshot({ path: `${SHOTS}thousand.png`, fullPage: true });
});

test('dark theme and a 360 px wide screen', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 360, height: 800 }, colorScheme: 'dark' });
  const w = watch(page);
  await page.goto('/');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(15, 18, 22)');
  await page.screenshot({ path: `${SHOTS}mobile-dark.png`, fullPage: true });
  await w.check();
  await page.close();
});

test('slow motion, frame mode and the timer driver, together', async ({ page }) => {
  await open(page, '/#p=join&mode=frame&slow=200&timers=driver');
  await expect(page.getByTestId('slowmo')).toHaveValue('200');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  await expect(page.locator('.executor .counts').last()).toContainText('2 armed · 2 fired');
  // Slow motion: consecutive polls are at least 200 ms apart, read from each row's exact time
  // (the shown text is rounded to three digits). 0.1 ms is the coarsening of performance.now().
  const ms = (await page.getByTestId('event-log').locator('li[data-kind="poll-started"]').evaluateAll((els) => els.map((e) => e.dataset.atMs))).map(Number);
  expect(ms.length).toBe(3);
  expect(ms.every(Number.isFinite)).toBe(true);
  for (let i = 1; i < ms.length; i++) expect(ms[i] - ms[i - 1]).toBeGreaterThanOrEqual(199.9);
});

test('the event log filters by kind and by text', async ({ page }) => {
  await open(page, '/#t=race:select(300,700);other:join(500,500)');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
  const log = page.getByTestId('event-log');
  await page.getByTestId('log-filter').selectOption('timers');
  const kinds = await log.locator('li[data-kind]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.every((k) => k.startsWith('timer-'))).toBe(true);
  await page.getByTestId('log-filter').selectOption('all');
  await page.locator('.log-tools input[type=search]').fill('race');
  const who = await log.locator('li .who').allTextContents();
  expect(who.length).toBeGreaterThan(0);
  expect(who.every((w) => w === 'race')).toBe(true);
  await page.locator('.log-tools input[type=search]').fill('zzz');
  await expect(log).toContainText('no events match');
});

test('a live edit shorter than the time already gone by says the timer fires now, and why', async ({ page }) => {
  await open(page);
  await preset(page, 'live-edit');
  const field = page.getByTestId('duration').first();
  await page.getByTestId('run').click();
  await expect(page.locator('.live-badge').first()).toBeVisible();
  await page.waitForTimeout(400);
  await field.fill('100');
  await field.press('Enter');
  await expect(page.getByTestId('notices')).toContainText('is already past its new deadline: it fires now');
  await expect(page.getByTestId('notices')).toContainText('counts from when the timer was armed');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'editable' })).toContainText('done', { timeout: 3000 });
});

test('renaming the other task clears a name clash, and Run works again', async ({ page }) => {
  await open(page);
  await page.getByTestId('add-task').click();
  const names = page.getByTestId('task-name');
  await names.nth(1).fill('howdy');
  await expect(page.getByText('another task has this name').first()).toBeVisible();
  await names.nth(0).fill('first');
  await expect(page.getByText('another task has this name')).toHaveCount(0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('running');
});

test('each timer of a join has its own label', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  const labels = await page.getByTestId('duration').evaluateAll((inputs) => inputs.map((i) => i.labels[0]?.textContent));
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels.some((l) => /timer 2 of \d+ in step/.test(l))).toBe(true);
});

test('Enter on Run moves the focus to Pause, not to the page, and the next task never pushes Reset away', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  await page.getByTestId('mode').selectOption('manual');
  await page.getByTestId('run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('next')).toBeVisible();
  // Run is disabled while the run goes on, so the focus moves to its neighbour Pause, the button
  // a keyboard user wants next, rather than falling to the page.
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('pause')).toBeFocused();
  await expect(page.getByTestId('pause')).toBeEnabled();
  const [run, reset] = [await page.getByTestId('run').boundingBox(), await page.getByTestId('reset').boundingBox()];
  expect(Math.abs(run.y - reset.y)).toBeLessThan(4);
});

test('Enter on Run keeps the focus on Run when no run goes on after it: computed at once on the virtual clock', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toHaveText('finished');
  // Run lets go of the focus only when the run disables it; here it stays enabled, and focused.
  await expect(page.getByTestId('run')).toBeEnabled();
  await expect(page.getByTestId('run')).toBeFocused();
});

test('the event log takes the arrow keys', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  const rows = page.getByTestId('event-log').locator('li button');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.last()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(rows.nth((await rows.count()) - 2)).toBeFocused();
});

test('the code panel lights a line far down a file exactly on its text, and the files not shown add nothing to its scroll area', async ({ page }) => {
  await open(page);
  await preset(page, 'join');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  // The last event (the joiner's future dropped) lights a line past 1,000 of executor.rs.
  const box = page.locator('section.code .code-box');
  await box.scrollIntoViewIfNeeded();
  const m = await box.evaluate((el) => {
    const shown = el.querySelector('.source:not([hidden])');
    const node = shown.querySelector('pre.text code').firstChild;
    const text = node.textContent;
    // Where a line's text is: a range over the line in the file's one text node.
    const textTop = (line) => {
      let at = 0;
      for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, Math.max(at + 1, text.indexOf('\n', at)));
      return range.getClientRects()[0].top;
    };
    // A band for line 0 would sit at the top of the bands' layer: each band (the lit line, and
    // the muted `// @code` markers) must sit as far from its own line's text as that.
    const zero = shown.querySelector('.bands').getBoundingClientRect().top - textTop(0);
    const offsets = [...shown.querySelectorAll('.band')].map((band) => {
      const line = Number(band.dataset.line);
      return [line, band.getBoundingClientRect().top - textTop(line) - zero];
    });
    return {
      lit: Number(shown.querySelector('.band.lit').dataset.line),
      offsets,
      hidden: el.querySelectorAll('.source[hidden]').length,
      scroll: el.scrollHeight,
      shownHeight: shown.offsetHeight,
    };
  });
  expect(m.lit).toBeGreaterThan(1000);
  // No drift down the file (with a line height of 1.131rem, 3 px by line 1,300).
  for (const [line, off] of m.offsets) expect(Math.abs(off), `line ${line + 1}`).toBeLessThan(0.5);
  expect(m.hidden).toBe(2);
  // The shorter file shown, the longer ones hidden: the box scrolls over the shown one only.
  await page.locator('section.code').getByRole('tab', { name: 'TimerFuture' }).click();
  const h = await box.evaluate((el) => ({
    scroll: el.scrollHeight,
    shown: el.querySelector('.source:not([hidden])').offsetHeight,
    longest: Math.max(...[...el.querySelectorAll('.source')].map((s) => s.scrollHeight)),
  }));
  expect(h.longest).toBeGreaterThan(h.shown + 1000);
  expect(h.scroll).toBeLessThanOrEqual(h.shown + 1);
  // Sideways too: the narrowest file shown, the box scrolls only as far as its longest line.
  await page.locator('section.code').getByRole('tab', { name: 'Futures' }).click();
  const w = await box.evaluate((el) => ({
    scroll: el.scrollWidth,
    shown: el.querySelector('.source:not([hidden])').scrollWidth,
    widest: Math.max(...[...el.querySelectorAll('.source')].map((s) => s.scrollWidth)),
  }));
  expect(w.widest).toBeGreaterThan(w.shown + 100);
  expect(w.scroll).toBeLessThanOrEqual(w.shown + 1);
});
