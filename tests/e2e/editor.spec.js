// The code editor, used as a learner uses it: highlighting from the playground's own lexer, the
// error underlined where the check says, the keys editors have, undo, Ctrl+Enter, and a phone.
import { test, expect, open, SHOTS } from './fixtures.js';
import { readFileSync } from 'node:fs';

const SAMPLE = readFileSync(new URL('../common/highlight-sample.rs.txt', import.meta.url), 'utf8');
// What the lexer makes of the sample: tests/highlight.rs fails when this file is stale.
const TOKENS = JSON.parse(readFileSync(new URL('../common/highlight-sample.tokens.json', import.meta.url), 'utf8'));

async function editor(page, text) {
  await open(page);
  await page.getByTestId('edit-as-code').click();
  const ed = page.getByTestId('code-editor');
  await ed.fill(text);
  return ed;
}

/** Puts the caret at byte `at` of an ASCII text (selection `to` when given). */
async function caret(ed, at, to = at) {
  await ed.focus();
  await ed.evaluate((el, [a, b]) => el.setSelectionRange(a, b), [at, to]);
}

test('the coloured spans are the lexer\'s tokens, and the layer holds exactly the text', async ({ page }) => {
  await editor(page, SAMPLE);
  const layer = page.getByTestId('code-highlight');
  const spans = await layer.locator('[data-tok]').evaluateAll((els) => els.map((e) => [e.textContent, e.dataset.tok]));
  expect(spans).toEqual(TOKENS);
  // Every character is drawn once, in place: the layer's text is the field's (plus the line the
  // field shows after a final line break).
  expect(await layer.textContent()).toBe(SAMPLE + '\n');
  // The keyword the language refuses carries the check's message, shown on hover.
  const ext = layer.locator('[data-tok=unsupported]', { hasText: 'extern' });
  await expect(ext).toHaveAttribute('title', /`extern` is outside what the playground runs/);
  const box = await ext.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('code-editor')).toHaveAttribute('title', /`extern`, the macro `shout!` are outside what the playground runs/);
  // The colours differ by kind (the theme draws them).
  const colour = (tok) => layer.locator(`[data-tok=${tok}]`).first().evaluate((e) => getComputedStyle(e).color);
  const colours = new Set(await Promise.all(['keyword', 'string', 'comment', 'macro', 'number', 'unsupported'].map(colour)));
  expect(colours.size).toBe(6);
  // The field's own text is transparent: what the reader sees is the layer.
  expect(await page.getByTestId('code-editor').evaluate((e) => getComputedStyle(e).color)).toBe('rgba(0, 0, 0, 0)');
});

test('the error is underlined at the reported line and column, with its message, and the gutter marked', async ({ page }) => {
  const src = 'async fn main() {\n    let x = (1 + 2;\n}\n';
  const ed = await editor(page, src);
  const error = page.getByTestId('code-error');
  await expect(error).toHaveText(/^2:19: /);
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(ed).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.code-editor .gutter .err')).toHaveText('2');
  const mark = page.getByTestId('code-error-mark');
  await expect(mark).toHaveCount(1);
  // The mark sits where line 2, column 19 is drawn in the field: measured from the field's own
  // font, not from the mark.
  const want = await ed.evaluate((el) => {
    const cs = getComputedStyle(el);
    const c = document.createElement('canvas').getContext('2d');
    c.font = `${cs.fontSize} ${cs.fontFamily}`;
    const r = el.getBoundingClientRect();
    return {
      x: r.left + parseFloat(cs.paddingLeft) + 18 * c.measureText('x').width - el.scrollLeft,
      y: r.top + parseFloat(cs.paddingTop) + 1 * parseFloat(cs.lineHeight) - el.scrollTop,
    };
  });
  const got = await mark.boundingBox();
  expect(Math.abs(got.x - want.x)).toBeLessThan(1.5);
  expect(Math.abs(got.y - want.y)).toBeLessThan(4);
  // The message is beside it, on its line.
  await expect(page.locator('.code-error-note')).toContainText('expected');
  const note = await page.locator('.code-error-note').boundingBox();
  expect(Math.abs(note.y - got.y)).toBeLessThan(3);
  // Fixed: no mark, no error.
  await ed.fill('async fn main() {\n    let x = (1 + 2);\n}\n');
  await expect(mark).toHaveCount(0);
  await expect(ed).toHaveAttribute('aria-invalid', 'false');
});

test('Tab, Shift+Tab, Enter and Ctrl+/ edit as editors do, and undo takes each back in turn', async ({ page }) => {
  const src = 'async fn main() {\nlet a = 1;\nlet b = 2;\n}';
  const ed = await editor(page, src);
  const history = [src];
  // Tab on two selected lines indents both.
  await caret(ed, 18, 38);
  await page.keyboard.press('Tab');
  history.push('async fn main() {\n    let a = 1;\n    let b = 2;\n}');
  await expect(ed).toHaveValue(history.at(-1));
  // Shift+Tab on the caret's line outdents it.
  await caret(ed, 24);
  await page.keyboard.press('Shift+Tab');
  history.push('async fn main() {\nlet a = 1;\n    let b = 2;\n}');
  await expect(ed).toHaveValue(history.at(-1));
  // Ctrl+/ comments the selected lines at their smallest indent, and again takes it back.
  await caret(ed, 18, 42);
  await page.keyboard.press('Control+/');
  history.push('async fn main() {\n// let a = 1;\n//     let b = 2;\n}');
  await expect(ed).toHaveValue(history.at(-1));
  // Enter after `{` keeps the indent and adds one; the `}` goes to a line of its own.
  const v = history.at(-1).replace('}', '{}');
  await ed.fill(v);
  history.push(v);
  await caret(ed, v.length - 1);
  await page.keyboard.press('Enter');
  history.push(v.slice(0, -1) + '\n    \n}');
  await expect(ed).toHaveValue(history.at(-1));
  // The caret is on the new, indented line: typing goes there.
  await page.keyboard.type('x');
  await expect(ed).toHaveValue(v.slice(0, -1) + '\n    x\n}');
  // Undo: the typed x, then each edit above, one at a time.
  await page.keyboard.press('Control+z');
  for (let i = history.length - 1; i >= 0; i--) {
    await expect(ed).toHaveValue(history[i]);
    if (i > 0) await page.keyboard.press('Control+z');
  }
  // Redo brings the first edit back.
  await page.keyboard.press('Control+Shift+z');
  await expect(ed).toHaveValue(history[1]);
});

test('Escape, then Tab, leaves the editor: the keyboard is never trapped', async ({ page }) => {
  const ed = await editor(page, 'async fn main() {}\n');
  await caret(ed, 0);
  await page.keyboard.press('Tab');
  await expect(ed).toHaveValue('    async fn main() {}\n');
  await expect(ed).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(ed).not.toBeFocused();
  await expect(page.getByTestId('back-to-form')).toBeFocused();
  await expect(ed).toHaveValue('    async fn main() {}\n');
});

test('the bracket at the caret and its partner are marked', async ({ page }) => {
  const src = 'async fn main() {\n    let v = [(1), 2];\n}\n';
  const ed = await editor(page, src);
  const marked = page.getByTestId('code-highlight').locator('.code-bracket');
  await caret(ed, src.indexOf('['));
  await page.keyboard.press('ArrowRight'); // the caret is after `[`
  await expect(marked).toHaveText(['[', ']']);
  const [open, close] = await marked.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().x));
  expect(close).toBeGreaterThan(open);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowDown'); // the caret goes after the final `}`, on the short last line
  await expect(marked).toHaveText(['{', '}']);
  await ed.blur();
  await expect(marked).toHaveCount(0);
});

test('Ctrl+Enter runs the program as it is now, even while a run is going', async ({ page }) => {
  const ed = await editor(page, 'async fn main() {\n    sleep(3000).await;\n    println!("first");\n}\n');
  await ed.focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('status')).toHaveText(/running/);
  await ed.fill('async fn main() {\n    sleep(100).await;\n    println!("second");\n}\n');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('console')).toContainText('second');
  await expect(page.getByTestId('status')).toHaveText('finished');
  await expect(page.getByTestId('console')).not.toContainText('first');
  // Ctrl+Enter adds no line break.
  await expect(ed).toHaveValue('async fn main() {\n    sleep(100).await;\n    println!("second");\n}\n');
});

test('at 360 px the editor and the program stack, with no sideways scroll, and the editor is a labelled text field', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await open(page);
  await page.getByTestId('preset').selectOption('book-executor');
  const ed = page.getByTestId('code-editor');
  await expect(ed).toHaveAttribute('aria-label', /The program, in async Rust/);
  await expect(ed).toHaveJSProperty('tagName', 'TEXTAREA');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // One column: the timeline, then the program, then the editor; each fills the width.
  const top = async (sel) => (await page.locator(sel).first().boundingBox()).y;
  const [timeline, program, code] = [await top('.timeline'), await top('.program'), await top('.editor')];
  expect(timeline).toBeLessThan(program);
  expect(program).toBeLessThan(code);
  const w = (await page.locator('.code-editor').boundingBox()).width;
  expect(w).toBeGreaterThan(300);
  await page.screenshot({ path: `${SHOTS}editor-360.png`, fullPage: false });
});

test('at 1400 px, a program open puts the editor and "Your program" side by side, half the width each', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page);
  await page.getByTestId('preset').selectOption('book-executor');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  const ed = await page.locator('.editor').boundingBox();
  const prog = await page.locator('.program').boundingBox();
  expect(prog.x).toBeGreaterThan(ed.x + ed.width - 1);
  expect(ed.width).toBeGreaterThan(600);
  expect(Math.abs(ed.width - prog.width)).toBeLessThan(40);
  // Scrolled down to the event log, the timeline is still on screen.
  await page.getByTestId('event-log').scrollIntoViewIfNeeded();
  const tl = await page.locator('.timeline').boundingBox();
  expect(tl.y).toBeGreaterThanOrEqual(-1);
  expect(tl.y).toBeLessThan(50);
  await page.screenshot({ path: `${SHOTS}editor-1400.png`, fullPage: false });
});

test('Ctrl+/ twice on a block with a blank line gives it back, and a missing } names the line that opened it', async ({ page }) => {
  const src = 'async fn main() {\n    let a = 1;\n\n    let b = 2;\n}\n';
  const ed = await editor(page, src);
  await caret(ed, 18, 45);
  await page.keyboard.press('Control+/');
  await expect(ed).toHaveValue('async fn main() {\n    // let a = 1;\n\n    // let b = 2;\n}\n');
  await page.keyboard.press('Control+/');
  await expect(ed).toHaveValue(src);
  await ed.fill('async fn main() {\n    if true {\n        sleep(1).await;\n}\n');
  await expect(page.getByTestId('code-error')).toContainText('to close the block opened at line 1:17');
  await expect(page.getByTestId('code-error')).not.toContainText('byte');
});

test('typed as a person types, a closing } goes back one indent, and Escape then Shift+Tab leaves without editing', async ({ page }) => {
  const ed = await editor(page, '');
  await ed.focus();
  await page.keyboard.type('async fn main() {\nif true {\nsleep(1).await;\n}\n}');
  await expect(ed).toHaveValue('async fn main() {\n    if true {\n        sleep(1).await;\n    }\n}');
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  await caret(ed, 22);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(ed).not.toBeFocused();
  await expect(ed).toHaveValue('async fn main() {\n    if true {\n        sleep(1).await;\n    }\n}');
});

test('"Back to the step form" can be undone, and an empty form still opens the editor', async ({ page }) => {
  await open(page);
  await page.getByTestId('preset').selectOption('own-timer');
  const ed = page.getByTestId('code-editor');
  await ed.fill((await ed.inputValue()) + '// mine\n');
  const mine = await ed.inputValue();
  await page.getByTestId('back-to-form').click();
  await expect(ed).toHaveCount(0);
  await expect(page.getByTestId('notices')).toContainText('The program was dropped');
  await page.getByTestId('undo').click();
  await expect(ed).toHaveValue(mine);
  // No tasks in the form: Edit as code opens an editor with an empty main.
  await page.getByTestId('back-to-form').click();
  while (await page.locator('.remove-task').count()) await page.locator('.remove-task').first().click();
  await page.getByTestId('edit-as-code').click();
  await expect(ed).toHaveValue('async fn main() {\n    \n}\n');
});
