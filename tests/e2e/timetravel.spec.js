// Time travel, as a learner uses it: rewind a finished run, and export it.
import { test, expect, open, preset, toMs, SHOTS } from './fixtures.js';
import { readFileSync } from 'node:fs';

const lastKind = (page) => page.getByTestId('event-log').locator('li').last().getAttribute('data-kind');

test('rewinding the seed to between the fire and the second poll shows the task queued and the wake lit', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await expect(page.getByTestId('live')).toBeDisabled();
  await expect(page.getByTestId('cursor-forward')).toBeDisabled();
  // Back, one recorded event at a time, until the newest event shown is the timer's wake.
  for (let i = 0; i < 20 && (await lastKind(page)) !== 'woken'; i++) {
    await page.getByTestId('cursor-back').click();
  }
  expect(await lastKind(page)).toBe('woken');
  await expect(page.getByTestId('ready-queue')).toContainText('howdy');
  await expect(page.getByTestId('timers')).toContainText('none pending');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('scheduled');
  await expect(page.getByTestId('code').locator('.lit')).toContainText('waker.wake()');
  const at = toMs(await page.getByTestId('cursor-time').textContent());
  expect(at).toBeGreaterThanOrEqual(2000); // "2.00 s": the timer's deadline, no earlier
  await page.screenshot({ path: `${SHOTS}rewound.png`, fullPage: true });
  // One more step back: before the wake, the task is idle and its timer pending.
  await page.getByTestId('cursor-back').click();
  await expect(page.getByTestId('ready-queue')).not.toContainText('howdy');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('idle');
  // Forward, then Live: back to the finished run.
  await page.getByTestId('cursor-forward').click();
  expect(await lastKind(page)).toBe('woken');
  await page.getByTestId('live').click();
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('done');
  // The run's last event is the end of the host tick that polled the task to completion.
  expect(await lastKind(page)).toBe('tick-ended');
  await expect(page.getByTestId('event-log').locator('li[data-kind=completed]')).toHaveCount(1);
});

test('a run exports as our own trace and as Chrome Trace Event JSON', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const [ours] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  const trace = JSON.parse(readFileSync(await ours.path(), 'utf8'));
  expect(trace.format).toBe('waker-playground-trace');
  expect(trace.version).toBe(4);
  // The program's own observations are events too: the line behind the timer, by byte offsets.
  const sources = trace.events.filter((e) => e[2] === 'source');
  expect(sources.some((e) => e[3] === 'timer' && e[5] > e[4]), JSON.stringify(sources)).toBe(true);
  expect(trace.tasks).toEqual([[1, 'howdy']]);
  const kinds = trace.events.map((e) => e[2]);
  expect(kinds).toContain('timer-fired');
  expect(kinds.slice(-2)).toEqual(['completed', 'tick-ended']);
  const fired = trace.events.find((e) => e[2] === 'timer-fired');
  const armed = trace.events.find((e) => e[2] === 'timer-armed');
  expect(fired[0] - armed[0]).toBeGreaterThanOrEqual(2000 * 1e6); // nanoseconds: no earlier than 2 s
  const [perfetto] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-perfetto').click()]);
  expect(perfetto.suggestedFilename()).toMatch(/perfetto\.json$/);
  const chrome = JSON.parse(readFileSync(await perfetto.path(), 'utf8'));
  const polls = chrome.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'poll');
  expect(polls).toHaveLength(2);
  // Its times start at the run's 0 ms, as the page's do: the first poll within 100 ms (in µs),
  // the second no earlier than the 2 s timer.
  expect(polls[0].ts).toBeLessThan(100_000);
  expect(polls[1].ts).toBeGreaterThanOrEqual(2_000_000);
  expect(polls[1].ts).toBeLessThan(3_000_000);
  await expect(page.getByTestId('notices')).toContainText('Open https://ui.perfetto.dev and drop the file there');
  // Next to the buttons: which file Import reads.
  await expect(page.getByTestId('import-hint')).toContainText('reads a file saved by Export trace');
  // Imported by mistake, the Perfetto file is named as what it is, with where it opens.
  await page.getByTestId('import-trace').setInputFiles(await perfetto.path());
  await expect(page.getByTestId('notices')).toContainText('this is a Chrome Trace Event file (what "Export for Perfetto" saves): open it at ui.perfetto.dev');
  expect(polls.every((e) => typeof e.dur === 'number' && typeof e.ts === 'number')).toBe(true);
  expect(chrome.traceEvents.some((e) => e.ph === 'M' && e.args.name === 'JS timers')).toBe(true);
});

test('an exported trace imports back to the same panels, and a corrupted one is refused with the field and event', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  for (let i = 0; i < 20 && (await lastKind(page)) !== 'woken'; i++) await page.getByTestId('cursor-back').click();
  const panels = async () => ({
    queue: await page.getByTestId('ready-queue').textContent(),
    timers: await page.getByTestId('timers').textContent(),
    tasks: await page.getByTestId('metrics').textContent(),
    lit: await page.getByTestId('code').locator('.lit').allTextContents(),
  });
  const before = await panels();
  await page.screenshot({ path: `${SHOTS}before-export.png` });
  await page.getByTestId('live').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  const file = await download.path();
  await page.getByTestId('import-trace').setInputFiles(file);
  await expect(page.getByTestId('notices')).toContainText('Imported');
  await expect(page.getByTestId('status')).toHaveText('imported: a read-only replay');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('done');
  for (let i = 0; i < 20 && (await lastKind(page)) !== 'woken'; i++) await page.getByTestId('cursor-back').click();
  expect(await panels()).toEqual(before);
  await page.screenshot({ path: `${SHOTS}after-import.png` });

  // A corrupted file: one event with a kind that does not exist.
  const text = readFileSync(file, 'utf8').replace('"poll-started"', '"poll-exploded"');
  await page.getByTestId('import-trace').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('notices')).toContainText('broken.json could not be imported: event 1, kind: "poll-exploded" is not an event kind');
  // And a file that is not JSON at all.
  await page.getByTestId('import-trace').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('notices')).toContainText('notes.txt could not be imported: file: not valid JSON');
});

test('the playhead: dragged to 1.0 s, then a poll at a time with Shift and the arrow keys', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const playhead = page.getByTestId('playhead');
  await playhead.fill('1000');
  await expect(page.getByTestId('cursor-time')).toHaveText('1.00 s');
  const timer = page.getByTestId('timers').locator('tbody tr');
  await expect(timer).toHaveCount(1);
  const remaining = await timer.locator('td').nth(3).textContent();
  // "1.00 s": the 2 s timer, seen at 1.0 s.
  expect(toMs(remaining)).toBeGreaterThan(900);
  expect(toMs(remaining)).toBeLessThan(1100);
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('idle');
  await page.screenshot({ path: `${SHOTS}playhead-1s.png` });
  // End, then back over the second poll: the first poll's lines are lit.
  await playhead.focus();
  await page.keyboard.press('End');
  expect(await lastKind(page)).toBe('tick-ended');
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await lastKind(page)).toBe('poll-pending');
  await expect(page.getByTestId('code').locator('.lit').first()).toBeVisible();
  await expect(page.getByTestId('code').locator('.lit')).toContainText(['waker.replace']);
  await page.keyboard.press('ArrowRight');
  expect(await lastKind(page)).not.toBe('poll-pending');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('event-log').locator('li[data-kind]')).toHaveCount(0);
  await expect(page.getByTestId('cursor-time')).toHaveText('0.00 ms');
});

test('on the virtual clock the 1,000-timer preset completes at once, and the link keeps the clock', async ({ page }) => {
  await open(page);
  await preset(page, 'thousand');
  await page.getByTestId('clock').selectOption('virtual');
  await expect(page).toHaveURL(/clock=virtual/);
  const t0 = Date.now();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 10000 });
  const wall = Date.now() - t0;
  // Its timers are due from 100 ms to 2,996 ms of virtual time. The run ends at the last one's
  // time, as the scenario says, while on the wall clock it took well under the scenario's own
  // length: a run on the real clock could not finish before its last timer.
  console.log(`virtual 1,000-timer run: ${wall} ms on the wall clock`);
  expect(wall).toBeLessThan(2500);
  await expect(page.getByTestId('metrics-count')).toContainText('1000 tasks');
  await expect(page.getByTestId('metrics-row').filter({ hasNotText: 'done' })).toHaveCount(0);
  const span = toMs(await page.getByTestId('cursor-time').textContent());
  expect(span).toBeGreaterThanOrEqual(2990); // "3.00 s", shown with three digits
  expect(span).toBeLessThanOrEqual(3010);
  // The first fire is at its scenario time too: t0's 100 ms, exactly.
  await page.getByTestId('playhead').focus();
  await page.keyboard.press('Home');
  await page.getByTestId('next-timer').click();
  expect(await lastKind(page)).toBe('timer-fired');
  await expect(page.getByTestId('cursor-time')).toHaveText('100 ms');
  await page.getByTestId('playhead').fill('500');
  await expect(page.getByTestId('cursor-time')).toHaveText('500 ms');
  await page.screenshot({ path: `${SHOTS}virtual-thousand.png` });
  // A reload of the link runs on the virtual clock again.
  await page.reload();
  await expect(page.getByTestId('clock')).toHaveValue('virtual');
});

test('on the virtual clock Step walks through the recorded run, and Next timer jumps to the next fire', async ({ page }) => {
  await open(page);
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('step').click();
  // The whole run happened at once; the playhead starts after its first event.
  await expect(page.getByTestId('status')).toHaveText('finished');
  await expect(page.getByTestId('event-log').locator('li[data-kind]')).toHaveCount(1);
  await page.getByTestId('step').click();
  await expect(page.getByTestId('event-log').locator('li[data-kind]')).toHaveCount(2);
  await page.getByTestId('next-timer').click();
  expect(await lastKind(page)).toBe('timer-fired');
  await expect(page.getByTestId('cursor-time')).toHaveText('2.00 s');
  await page.getByTestId('next-timer').click();
  await expect(page.getByTestId('notices')).toContainText('No timer fires after the playhead');
  await page.getByTestId('playhead').focus();
  await page.keyboard.press('End');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('notices')).toContainText('end of the recorded run');
});

test('past its history cap a run says plainly that its start cannot be replayed, and the playhead stops there', async ({ page }) => {
  // ?history=1000 keeps the last 1,000 events; the 1,000-timer preset records many more.
  await open(page, '/?history=1000');
  await preset(page, 'thousand');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  const cap = page.getByTestId('replay-cap');
  await expect(cap).toContainText('a run keeps its last 1000 events');
  const dropped = Number(/oldest (\d+) events/.exec(await cap.textContent())[1]);
  expect(dropped).toBeGreaterThan(1000);
  // Home goes as far back as what was kept, and no further.
  await page.getByTestId('playhead').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('cursor-back')).toBeDisabled();
  expect(toMs(await page.getByTestId('cursor-time').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('timers')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}replay-cap.png` });
});

test('a history option out of range is refused with a message, and the default is kept', async ({ page }) => {
  await open(page, '/?history=5');
  await expect(page.getByTestId('notices')).toContainText('history should be a number of events from 1000 to 1000000, not "5"');
  // A run of several thousand events (the cap test above drops more than 1,000 of it at
  // history=1000): neither 5 nor the lowest allowed cap would keep it whole; the default does.
  await preset(page, 'thousand');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 10000 });
  await expect(page.getByTestId('replay-cap')).toHaveCount(0);
  await page.getByTestId('playhead').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('cursor-time')).toHaveText('0.00 ms');
});

test('a trace file dropped on the page imports it, and a bad one dropped is refused with its name', async ({ page }) => {
  await open(page);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-trace').click()]);
  const text = readFileSync(await download.path(), 'utf8');
  // Back to a fresh page, with a different scenario: only the drop can bring the seed's run back.
  await open(page, '/#t=other:sleep(10)');
  const drop = async (name, body) => {
    const data = await page.evaluateHandle(([n, b]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([b], n, { type: 'application/json' }));
      return dt;
    }, [name, body]);
    await page.locator('main.layout').dispatchEvent('dragover', { dataTransfer: data });
    await page.locator('main.layout').dispatchEvent('drop', { dataTransfer: data });
  };
  await drop('seed-run.json', text);
  await expect(page.getByTestId('notices')).toContainText('Imported');
  await expect(page.getByTestId('status')).toHaveText('imported: a read-only replay');
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'howdy' })).toContainText('done');
  await expect(page.getByTestId('event-log').locator('li[data-kind=timer-fired]')).toHaveCount(1);
  await drop('broken.json', text.replace('"poll-started"', '"poll-exploded"'));
  await expect(page.getByTestId('notices')).toContainText('broken.json could not be imported: event 1, kind: "poll-exploded" is not an event kind');
});
