// Browser test of the rasd page, in Debian's headless Chromium driven by playwright-core.
//
//   node test.mjs                       # starts `$RASD_BIN serve --db $RASD_DB` on a free loopback port
//   RASD_URL=http://127.0.0.1:8080 node test.mjs   # or uses a server already running
//
// It loads the page, checks the timeline and the network are drawn, searches, opens an event, finds
// the highlighted evidence (source, target, trigger), opens a document holding <script>, <img onerror>
// and javascript: links and checks they are shown as text and run nothing, and saves screenshots in
// out/. Exits non-zero on the first failure; prints "N passed, 0 failed" at the end.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
mkdirSync(out, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch (e) { /* not up yet */ }
    if (Date.now() > end) throw new Error('server did not answer at ' + url);
    await new Promise((r) => setTimeout(r, 150));
  }
}

let passed = 0;
function check(cond, what) {
  if (!cond) throw new Error('FAILED: ' + what);
  passed += 1;
  console.log('ok - ' + what);
}

let server = null;
let base = process.env.RASD_URL;
if (!base) {
  const bin = process.env.RASD_BIN || join(here, '../../target/release/rasd');
  const db = process.env.RASD_DB;
  if (!db) throw new Error('set RASD_DB (a database made by rasd ingest) or RASD_URL');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  server.on('exit', (code) => { if (code) console.error('rasd serve exited with ' + code); });
}

const profile = mkdtempSync(join(tmpdir(), 'rasd-chromium-'));
let browser = null;
try {
  await waitFor(base + '/api/meta', 20000);
  // a fresh, empty profile directory (playwright passes it as --user-data-dir)
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    locale: 'ar',
  });
  const page = await browser.newPage();
  const problems = [];
  page.on('dialog', async (d) => { problems.push('dialog: ' + d.message()); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  // nothing but the server itself is ever asked for
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

  // overview: timeline bars and network nodes
  await page.goto(base + '/#/');
  await page.waitForSelector('svg.chart rect.bar', { timeout: 15000 });
  check(await page.locator('svg.chart rect.bar').count() > 0, 'timeline bars drawn');
  check(await page.locator('svg.net g.node').count() >= 2, 'network nodes drawn');
  check(await page.locator('table.events tr.ev').count() > 0, 'event list filled');
  check(await page.evaluate(() => document.documentElement.dir) === 'rtl', 'page is right-to-left');
  await page.screenshot({ path: join(out, 'overview.png'), fullPage: true });

  // a filter is a linkable URL
  await page.selectOption('#filters select[name=type]', 'CONSULT');
  await page.waitForFunction(() => location.hash.includes('type=CONSULT'));
  await page.waitForSelector('table.events tr.ev');
  const types = await page.locator('table.events tr.ev .badge').allTextContents();
  check(types.length > 0 && types.every((t) => t.includes('CONSULT')), 'type filter in the URL and the list');

  // search, then open the first hit's event
  await page.fill('#q', 'لافروف');
  await page.press('#q', 'Enter');
  await page.waitForSelector('ol.hits li', { timeout: 15000 });
  check(page.url().includes('#/search?'), 'search has its own URL');
  check(await page.locator('ol.hits li').count() > 0, 'search returns documents');
  check(await page.locator('ol.hits mark').count() > 0, 'search snippets mark the words');
  await page.click('ol.hits li a.hit-title >> nth=0');
  await page.waitForSelector('.article .hl-trigger', { timeout: 15000 });
  check(/#\/event\//.test(page.url()), 'event has its own URL');
  for (const role of ['source', 'target', 'trigger']) {
    const n = await page.locator('.article .hl-' + role).count();
    check(n > 0, `evidence highlighted: ${role}`);
  }
  const trigger = (await page.locator('.article .hl-trigger').first().textContent()).trim();
  check(trigger.length > 0, `trigger text «${trigger}»`);
  const colours = await page.evaluate(() => ['source', 'target', 'trigger', 'date', 'place'].map((r) => {
    const probe = document.createElement('span');
    probe.className = 'hl hl-' + r;
    document.body.appendChild(probe);
    const c = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return c;
  }));
  check(new Set(colours).size === 5, 'five distinct evidence colours');
  await page.screenshot({ path: join(out, 'event.png'), fullPage: false });
  // reload the event URL: the same view comes back
  await page.reload();
  await page.waitForSelector('.article .hl-trigger', { timeout: 15000 });
  check(true, 'event URL reloads to the same view');

  // hostile article text is shown as text and runs nothing
  const hostile = process.env.RASD_HOSTILE_QUERY || 'onerror';
  const r = await fetch(base + '/api/search?q=' + encodeURIComponent(hostile));
  const found = await r.json();
  if (found.documents && found.documents.length) {
    const id = found.documents[0].id;
    await page.goto(base + '/#/doc/' + encodeURIComponent(id));
    await page.waitForSelector('.article', { timeout: 15000 });
    await page.waitForTimeout(300);
    const art = page.locator('.article');
    const text = await art.textContent();
    check(text.includes('<script>') && text.includes('onerror'), 'hostile markup shown as text');
    check(await art.locator('script, img, iframe, a[href^="javascript"]').count() === 0, 'no element made from article text');
    check(await page.evaluate(() => !document.title.includes('pwned') && !window.__pwned), 'no article script ran');
    check(await page.locator('a[href^="javascript"]').count() === 0, 'no javascript: link on the page');
    await page.screenshot({ path: join(out, 'hostile.png'), fullPage: false });
  } else {
    console.log('# no hostile document in this store (ingest tests/browser/hostile.txt to test it)');
  }
  check(problems.length === 0, 'no dialogs, page errors or console errors' + (problems.length ? ': ' + problems.join(' | ') : ''));
  check(foreign.length === 0, 'no request leaves the server' + (foreign.length ? ': ' + foreign.join(' ') : ''));
  console.log(`${passed} passed, 0 failed`);
} catch (e) {
  console.error(e.message || e);
  console.log(`${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
