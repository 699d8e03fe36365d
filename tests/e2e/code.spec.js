// The scenario as async Rust, as a learner writes it: the editor, the console, the lit lines.
import { test, expect, open, toMs, SHOTS } from './fixtures.js';
import { readFileSync } from 'node:fs';

// The example, as a learner would type it (tests/lang.rs runs the same file natively).
const EXAMPLE = readFileSync(new URL('../common/issue-example.rs.txt', import.meta.url), 'utf8');

/** Opens the code editor with `text` in it. */
async function write(page, text) {
  await open(page);
  await page.getByTestId('edit-as-code').click();
  await page.getByTestId('code-editor').fill(text);
}

/** The console's lines as [ms, text]. */
async function consoleLines(page) {
  const rows = await page.getByTestId('console').locator('li:not(.empty)').evaluateAll((lis) =>
    lis.map((li) => [li.querySelector('.t').textContent, li.querySelector('.text').textContent]));
  return rows.map(([t, text]) => [toMs(t), text]);
}

test('the issue\'s example runs: howdy at once, the join no earlier than 700 ms, the learner\'s own line lit', async ({ page }) => {
  await write(page, EXAMPLE);
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('howdy!');
  const [[howdyAt]] = await consoleLines(page);
  expect(howdyAt).toBeLessThan(200);
  // While the 2 s timer is pending, main waits at line 3: the await tree and the lit line say so.
  await expect(page.getByTestId('await-tree')).toContainText('await at line 3');
  await expect(page.getByTestId('program-code').locator('li.lit')).toHaveAttribute('data-line', '3');
  await expect(page.getByTestId('program-code').locator('li.lit')).toContainText('main waits here');
  await page.screenshot({ path: `${SHOTS}code-running.png`, fullPage: true });
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  // "fast" prints after the 2 s timer, the join (its slower sleep is 700 ms) and the 100 ms select.
  const lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['howdy!', 'fast']);
  expect(lines[1][0]).toBeGreaterThanOrEqual(2000 + 700 + 100);
  // The worker was a task of its own.
  await expect(page.getByTestId('metrics-row').filter({ hasText: 'worker' })).toContainText('done');
});

test('a syntax error shows line:col, and Run says why it cannot run', async ({ page }) => {
  await write(page, 'async fn main() {\n    let x = 1\n}\n');
  await expect(page.getByTestId('code-error')).toHaveText('3:1: expected `;`, found `}`');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('notices')).toContainText('the program has an error at 3:1');
  await page.getByTestId('code-editor').fill('async fn main() {\n    match x {}\n}\n');
  await expect(page.getByTestId('code-error')).toHaveText('2:11: cannot find value `x` in this scope');
  await expect(page.locator('.code-editor .gutter .err')).toHaveText('2');
  // Code outside the language is named all at once, with what the playground runs.
  await page.getByTestId('code-editor').fill('macro_rules! m { () => {} }\nextern fn f() {}\nasync fn main() {}\n');
  await expect(page.getByTestId('code-error')).toContainText('1:1: `macro_rules`, `extern` are outside what the playground runs');
});

test('a loop that never awaits is stopped with the blocking message, and the page stays responsive', async ({ page }) => {
  await write(page, 'async fn main() {\n    println!("start");\n    loop {}\n}\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText(
    'error (line 3:5): this poll ran 100,000 statements without awaiting: this is what blocking the executor looks like');
  // The run is over, and its one task ended in that error: the badge says so.
  await expect(page.getByTestId('status')).toHaveText('finished: a task failed');
  // Still responsive: the editor takes typing, and Reset works.
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('console')).toHaveCount(0);
  await page.getByTestId('code-editor').fill('async fn main() {}');
  await expect(page.getByTestId('code-error')).toHaveCount(0);
});

test('editing a pending sleep(5000) to sleep(500) reschedules that timer: the task ends well before 5 s', async ({ page }) => {
  await write(page, 'async fn main() {\n    sleep(5000).await;\n    println!("woke");\n}\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('await-tree')).toContainText('await at line 2');
  await page.getByTestId('code-editor').fill('async fn main() {\n    sleep(500).await;\n    println!("woke");\n}\n');
  await page.getByTestId('code-editor').blur();
  // The pending timer is re-armed for 500 ms from when it was armed: due later, or (on a machine
  // slow enough that 500 ms went by before the edit) due now. Either way it fires well before 5 s.
  await expect(page.getByTestId('notices')).toContainText(/line 2:11: timer 1 (rescheduled while pending|is already past its new deadline: it fires now)/);
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 3000 });
  const [[wokeAt, text]] = await consoleLines(page);
  expect(text).toBe('woke');
  expect(wokeAt).toBeGreaterThanOrEqual(500);
  expect(wokeAt).toBeLessThan(2000);
  // Any other change applies to the next run, and says so (made while a 5 s sleep is pending,
  // however slow the machine).
  await page.getByTestId('reset').click();
  await page.getByTestId('code-editor').fill('async fn main() {\n    sleep(5000).await;\n    println!("woke");\n}\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('await-tree')).toContainText('await at line 2');
  await page.getByTestId('code-editor').fill('async fn main() {\n    sleep(5000).await;\n    println!("changed");\n}\n');
  await page.getByTestId('code-editor').blur();
  await expect(page.getByTestId('notices')).toContainText('changes apply to the next run');
});

test('a shared link restores the program', async ({ page }) => {
  await write(page, EXAMPLE);
  await expect(page).toHaveURL(/#code=/);
  const link = page.url();
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByTestId('code-editor')).toHaveValue(EXAMPLE);
  // A hostile code= link is refused with a message that names the problem, and the page works.
  await page.goto('about:blank');
  await page.goto(link.replace(/#code=.*/, '#code=ab+c'));
  await expect(page.getByTestId('notices')).toContainText('code: not URL-safe base64 at character 3');
  await expect(page.getByTestId('run')).toBeEnabled();
});

test('presets written as programs: select! in a loop, on the virtual clock, prints what its caption promises', async ({ page }) => {
  await open(page);
  await page.getByTestId('preset').selectOption('select-loop');
  await expect(page.getByTestId('code-editor')).toHaveValue(/async fn created_once/);
  await expect(page.getByTestId('preset-caption')).toContainText('makes its timeout once');
  await expect(page).toHaveURL(/#p=select-loop/);
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  expect(await consoleLines(page)).toEqual([
    [500, 'created once: timeout after 2 ticks'],
    [2000, 'recreated: 10 ticks, and the 500 ms timeout never fired'],
  ]);
  await page.screenshot({ path: `${SHOTS}code-select-loop.png`, fullPage: true });
});

test('the deepest programs the limits allow run in the page without exhausting its stack', async ({ page }) => {
  // An async fn that awaits itself (boxed, as rustc requires) stops at 32 nested awaits; 30
  // nested blocks awaiting at the bottom run. Either way the page lives on (the fixture fails on
  // a crash or a console error).
  await write(page, 'async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    down(n + 1).await;\n}\n');
  await expect(page.getByTestId('code-error')).toContainText('5:5: recursion in an `async fn` requires boxing');
  await page.getByTestId('code-editor').fill('async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    Box::pin(down(n + 1)).await;\n}\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('awaits nest more than 32 deep here');
  await page.getByTestId('reset').click();
  await page.getByTestId('code-editor').fill(`async fn main() {\n${'{ '.repeat(30)}sleep(5).await; println!("deep");${' }'.repeat(30)}\n}\n`);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('deep');
});

test('in the engine tabs a select lights its own poll, and its loser\'s cancel lights the drop in the select', async ({ page }) => {
  await open(page);
  await page.getByTestId('preset').selectOption('select');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  await page.getByTestId('event-log').locator('li[data-kind=timer-cancelled] button').first().click();
  await expect(page.getByTestId('code').locator('.lit')).toContainText(['self.futures.clear()']);
  // The first poll stored the waker in both timers: the select polled each branch.
  await page.getByTestId('event-log').locator('li[data-kind=poll-pending] button').first().click();
  await expect(page.getByTestId('code').locator('.lit').first()).toContainText('Pin::new(f).poll(cx)');
});

test('the step form runs as a program: its tasks are async fns that fn main spawns, and a form edit changes the running program\'s number', async ({ page }) => {
  await open(page);
  // The seed: one task, howdy, made of one 2 s sleep. Give it a second sleep that has not run yet.
  await page.getByTestId('add-step').first().selectOption('sleep');
  const durations = page.getByTestId('duration');
  await durations.nth(1).fill('300');
  await durations.nth(1).press('Enter');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('program-generated')).toBeVisible();
  const code = page.getByTestId('program-code');
  await expect(code).toContainText('fn main() {');
  await expect(code).toContainText('spawn(howdy());');
  await expect(code.locator('li.lit')).toContainText('TimerFuture::new(Duration::from_millis(2000)).await;');
  await expect(code.locator('li.lit')).toContainText('howdy waits here');
  // The step still to come: edited in the form, the program says so, and the run uses it.
  await durations.nth(1).fill('50');
  await durations.nth(1).press('Enter');
  await expect(page.getByTestId('notices')).toContainText('this run will use 50 ms');
  await expect(code).toContainText('TimerFuture::new(Duration::from_millis(50)).await;');
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const done = await page.getByTestId('metrics-row').filter({ hasText: 'howdy' }).textContent();
  expect(done).toContain('done');
  // The edit moved the completion: 2,000 + 50 ms, where the unedited run would end at 2,300.
  const completed = await page.getByTestId('event-log').locator('li[data-kind="completed"]').evaluateAll((els) => els.map((e) => Number(e.dataset.atMs)));
  expect(completed.length).toBe(1);
  expect(completed[0]).toBeGreaterThanOrEqual(2050);
  expect(completed[0]).toBeLessThan(2300);
  await page.screenshot({ path: `${SHOTS}form-as-program.png`, fullPage: true });
});

test('the lazy preset: the never-awaited sleep\'s cancel lights TimerFuture\'s Drop, not a select\'s', async ({ page }) => {
  await open(page, '/#p=lazy');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
  await page.getByTestId('event-log').locator('li[data-kind="timer-cancelled"] button').first().click();
  await expect(page.getByTestId('code-caption')).toContainText('never awaited was dropped');
  await expect(page.getByTestId('code').locator('.lit')).toContainText('fn cancel(&self)');
  await expect(page.getByTestId('console')).toContainText('dropped without ever being awaited');
});

const CHAPTER = readFileSync(new URL('../../src/play/programs/own_timer.rs', import.meta.url), 'utf8');

/** Steps the playhead back until a lit line of the program contains `text` (at most 40 steps). */
async function backUntil(page, text) {
  const lit = page.getByTestId('program-code').locator('li.lit').filter({ hasText: text });
  for (let i = 0; i < 40; i++) {
    if (await lit.count() > 0) return lit;
    await page.getByTestId('cursor-back').click();
  }
  throw new Error(`no lit line with ${text}`);
}

test('the chapter\'s own TimerFuture, typed: done! no earlier than 2 s after howdy!, its poll, the waker clone and the wake lit at their lines', async ({ page }) => {
  await write(page, CHAPTER);
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  await page.getByTestId('run').click();
  // While its timer is pending, main waits at its own TimerFuture's .await.
  await expect(page.getByTestId('program-code').locator('li.lit').filter({ hasText: 'TimerFuture::new(Duration::new(2, 0)).await' }))
    .toContainText('main waits here');
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const lines = await consoleLines(page);
  expect(lines.map(([, t]) => t)).toEqual(['howdy!', 'done!']);
  expect(lines[1][0] - lines[0][0]).toBeGreaterThanOrEqual(2000);
  await expect(page.getByTestId('metrics-row').first()).toContainText('done');
  // Rewinding: the second poll's Ready, then the timeout callback's wake, then (2 s earlier) the
  // first poll storing the waker.
  await expect(await backUntil(page, 'Poll::Ready(())')).toContainText('ran in main');
  await expect(await backUntil(page, 'waker.wake()')).toContainText('a wake comes from here');
  await expect(await backUntil(page, 'cx.waker().clone()')).toContainText('waker is cloned here');
  await page.screenshot({ path: `${SHOTS}own-timer-rewound.png`, fullPage: true });
});

test('the hand-written presets run on the virtual clock at exact times, and a panic is a failed task, in the status badge too', async ({ page }) => {
  await open(page);
  await page.getByTestId('preset').selectOption('own-timeout');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  expect(await consoleLines(page)).toEqual([[500, 'timed out after 500 ms'], [800, 'work finished: 42']]);
  await write(page, 'async fn main() {\n    let v: Vec<u32> = Vec::new();\n    println!("{}", v[3]);\n}\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('panicked (line 3:20): index out of bounds: the len is 0 but the index is 3');
  await expect(page.getByTestId('metrics-row').first()).toContainText('panicked');
  await expect(page.getByTestId('await-tree-failed')).toContainText('main ✗ panicked');
  // The status badge says so too, not a plain "finished".
  await expect(page.getByTestId('status')).toHaveText('finished: a task panicked');
  await expect(page.getByTestId('status')).toHaveClass(/failed/);
});

test('the console keeps a line\'s spaces: {:#?} indents, {:>6} pads, runs of spaces stay', async ({ page }) => {
  await write(page, 'fn main() {\n    println!("{:#?}", (1, vec![2]));\n    println!("a    b");\n    println!("[{:>6}]", 42);\n}\n');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('console')).toContainText('a    b');
  // innerText is the text as laid out (a line each): collapsed whitespace would read `1,`,
  // `a b` and `[ 42]`.
  const shown = await page.getByTestId('console').locator('li:not(.empty) .text').evaluateAll((els) => els.map((e) => e.innerText));
  expect(shown).toEqual(['(', '    1,', '    [', '        2,', '    ],', ')', 'a    b', '[    42]']);
});

test('a program with an error can be shared: the link opens it in the editor with its error', async ({ page }) => {
  const broken = 'async fn main() {\n    let x = 1\n    println!("{x}");\n}\n';
  await write(page, broken);
  await expect(page.getByTestId('code-error')).toHaveText('3:5: expected `;`, found `println`');
  // The address bar keeps it (a reload does not lose it), and Share copies it.
  await expect(page).toHaveURL(/#code=/);
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-link').inputValue();
  expect(url).toContain('#code=' + Buffer.from(broken).toString('base64url'));
  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByTestId('code-editor')).toHaveValue(broken);
  await expect(page.getByTestId('code-error')).toHaveText('3:5: expected `;`, found `println`');
  await expect(page.getByTestId('notices')).toContainText('The link\'s program has an error');
});
