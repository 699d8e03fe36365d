// The editor with the scrollbars a reader has (Playwright hides them by default; a separate
// file, as a browser launched differently needs its own worker).
import { test, expect, open } from './fixtures.js';

// With the scrollbars a reader has (Playwright hides them by default): they make the field's
// view smaller than the layers', which is where a scrolled layer used to stop short.
test.use({
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      ignoreDefaultArgs: ['--hide-scrollbars'],
    },
});

test('scrolled to the bottom right, the colours, the line numbers and the error mark stay on the text', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await open(page);
  await page.getByTestId('preset').selectOption('own-timer');
  const ed = page.getByTestId('code-editor');
  // An error on the last line, far right.
  const src = (await ed.inputValue()) + `\nfn tail() { let y = 1 + ${'2 + '.repeat(40)}; }\n`;
  await ed.fill(src);
  await expect(page.getByTestId('code-error')).toBeVisible();
  await ed.evaluate((el) => { el.scrollTop = el.scrollHeight; el.scrollLeft = el.scrollWidth; el.dispatchEvent(new Event('scroll')); });
  // The error's character, where the field draws it: measured with the field's own font.
  const want = await ed.evaluate((el, at) => {
    const cs = getComputedStyle(el);
    const c = document.createElement('canvas').getContext('2d');
    c.font = `${cs.fontSize} ${cs.fontFamily}`;
    const before = el.value.slice(0, at);
    const line = before.split('\n').length - 1;
    const col = before.length - before.lastIndexOf('\n') - 1;
    const r = el.getBoundingClientRect();
    return { x: r.left + parseFloat(cs.paddingLeft) + col * c.measureText('x').width - el.scrollLeft,
             y: r.top + parseFloat(cs.paddingTop) + line * parseFloat(cs.lineHeight) - el.scrollTop };
  }, src.lastIndexOf(';'));
  const got = await page.getByTestId('code-error-mark').boundingBox();
  expect(Math.abs(got.x - want.x), `x ${got.x} vs ${want.x}`).toBeLessThan(1.5);
  expect(Math.abs(got.y - want.y), `y ${got.y} vs ${want.y}`).toBeLessThan(4);
  // The gutter's number for that line is level with it.
  const num = await page.locator('.code-editor .gutter .err').boundingBox();
  expect(Math.abs(num.y - got.y)).toBeLessThan(4);
  // The field does show scrollbars here (else this test proves nothing).
  expect(await ed.evaluate((el) => el.offsetHeight - el.clientHeight)).toBeGreaterThan(5);
});
