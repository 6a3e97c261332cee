/**
 * `npx tsx scripts/screenshot.ts http://127.0.0.1:3000/trials [...]`: full-page screenshots of
 * pages in English and Chinese at laptop and phone widths, into artifacts/screenshots/.
 * Signs in first when SCREENSHOT_EMAIL and SCREENSHOT_PASSWORD are set.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.js';

const urls = process.argv.slice(2);
const out = 'artifacts/screenshots';
await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    for (const locale of ['en', 'zh-CN']) {
      const context = await browser.newContext({ viewport: { width, height }, locale });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') console.log(`console error on ${page.url()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => {
        console.log(`page error on ${page.url()}: ${error.message}`);
      });
      const email = process.env['SCREENSHOT_EMAIL'];
      const password = process.env['SCREENSHOT_PASSWORD'];
      const first = urls[0];
      if (email && password && first) {
        await page.goto(new URL('/login', first).href);
        await page.fill('#email', email);
        await page.fill('#password', password);
        await Promise.all([
          page.waitForURL((target) => target.pathname !== '/login'),
          page.click('button[type="submit"]'),
        ]);
      }
      for (const url of urls) {
        await page.goto(url.replace(/lang=\w+/, ''));
        await context.addCookies([{ name: 'lang', value: locale, url }]);
        await page.goto(url, { waitUntil: 'networkidle' });
        await page.waitForTimeout(300);
        const name = new URL(url).pathname.replace(/\W+/g, '_').replace(/^_|_$/g, '') || 'root';
        const file = `${out}/${name}-${locale}-${width}.png`;
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
