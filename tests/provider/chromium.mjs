#!/usr/bin/env node
// Real-browser variant of browser.mjs: `$BROWSER URL` (use chromium.sh as $BROWSER).
//
// Opens URL in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core, which never downloads browsers), signs in on oidc-provider's
// devInteractions login page, confirms the consent page, waits for the redirect to
// the redirect_uri (oidctl's loopback listener) to load, then logs the page's
// visible text and saves a screenshot. Quiet: nothing on stdout/stderr.
//
// Environment:
//   TEST_BROWSER_MODE        approve (default) | deny (click "[ Cancel ]" on the login
//                            page) | ignore (exit 0 at once)
//   TEST_BROWSER_USER        login name (default alice)
//   TEST_BROWSER_LOG         JSON-lines log file (append); events: start, page, login,
//                            consent, abort, callback {status, url, text, screenshot},
//                            error, done
//   TEST_BROWSER_SCREENSHOT  PNG path for the callback page (default: a file in the
//                            system temp dir, named in the log)
//   CHROMIUM_PATH            browser binary (default /usr/bin/chromium)
//   TEST_BROWSER_TIMEOUT_MS  overall budget (default 60000)
//
// Only loopback hosts (127.0.0.0/8, [::1], localhost) are loaded; every other request
// (e.g. the Google Fonts @import in oidc-provider's pages) is aborted, and Chromium
// runs with background networking off, so nothing leaves the machine. TLS errors
// are ignored (the provider may use a test CA that Chromium does not trust).
//
// Exit status: 0 when the callback page loaded (or mode ignore), 1 otherwise.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const logFile = process.env.TEST_BROWSER_LOG;
function log(event, fields = {}) {
  if (!logFile) return;
  try {
    fs.appendFileSync(logFile, `${JSON.stringify({
      ts: new Date().toISOString(), pid: process.pid, browser: 'chromium', event, ...fields,
    })}\n`);
  } catch { /* ignore */ }
}

const startUrl = process.argv[2];
const mode = process.env.TEST_BROWSER_MODE || 'approve';
const user = process.env.TEST_BROWSER_USER || 'alice';
const budget = Number(process.env.TEST_BROWSER_TIMEOUT_MS || 60000);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let browserContext;
let userDataDir;
async function cleanup() {
  try { await browserContext?.close(); } catch { /* ignore */ }
  if (userDataDir) {
    try { fs.rmSync(userDataDir, { recursive: true, force: true }); } catch { /* ignore */ }
  }
}
async function finish(code, fields = {}) {
  await cleanup();
  log('done', { exit: code, ...fields });
  process.exit(code);
}
process.on('uncaughtException', (err) => { log('error', { message: String(err?.stack || err) }); finish(1); });
process.on('unhandledRejection', (err) => { log('error', { message: String(err?.stack || err) }); finish(1); });
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => finish(1, { signal: sig }));
const watchdog = setTimeout(() => { log('error', { message: `timeout after ${budget}ms` }); finish(1); }, budget);

log('start', { url: startUrl, mode, user });
if (!startUrl) { log('error', { message: 'no URL argument' }); await finish(1); }
if (mode === 'ignore') await finish(0, { mode });
if (!['approve', 'deny'].includes(mode)) { log('error', { message: `unsupported TEST_BROWSER_MODE ${mode} for chromium` }); await finish(1); }

const start = new URL(startUrl);
const target = start.searchParams.get('redirect_uri') || start.searchParams.get('post_logout_redirect_uri');
const isTarget = (href) => {
  let u;
  try { u = new URL(href); } catch { return false; }
  if (target) {
    const t = new URL(target);
    return u.origin === t.origin && u.pathname === t.pathname;
  }
  return u.origin !== start.origin && /^https?:$/.test(u.protocol);
};
const isLoopback = (href) => {
  try {
    const h = new URL(href).hostname;
    return h === 'localhost' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);
  } catch { return false; }
};

// First promise to fulfil wins; losers may reject later without consequence.
const firstOf = (promises) => new Promise((resolve) => {
  let left = promises.length;
  for (const p of promises) {
    p.then(resolve, () => { left -= 1; if (left === 0) resolve('unknown'); });
  }
});

const { chromium } = await import('playwright-core');

userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oidctl-chromium-'));
browserContext = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions', '--no-default-browser-check',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication',
  ],
  ignoreHTTPSErrors: true,
  viewport: { width: 900, height: 700 },
  timeout: 30000,
});
// Keep Chromium on loopback.
await browserContext.route('**/*', (route) => {
  const u = route.request().url();
  if (isLoopback(u) || u.startsWith('data:') || u.startsWith('about:')) return route.continue();
  log('blocked', { url: u });
  return route.abort('blockedbyclient');
});

const page = browserContext.pages()[0] || await browserContext.newPage();
page.setDefaultTimeout(20000);

let callbackResponse;
page.on('response', (res) => {
  if (res.request().isNavigationRequest() && isTarget(res.url())) callbackResponse = res;
});
const reachedTarget = page.waitForURL((u) => isTarget(u.href), { waitUntil: 'load', timeout: budget });
reachedTarget.catch(() => {});

await page.goto(startUrl, { waitUntil: 'domcontentloaded' }).catch((err) => {
  // A redirect straight to the target that fails to load is reported below.
  log('goto', { error: String(err.message || err) });
});

for (let step = 0; step < 10 && !isTarget(page.url()); step += 1) {
  const loginInput = page.locator('input[name=login]');
  const consentForm = page.locator('form:has(input[name=prompt][value=consent])');
  // Wait for one of: login page, consent page, target reached.
  const which = await firstOf([
    loginInput.waitFor({ state: 'visible' }).then(() => 'login'),
    consentForm.waitFor({ state: 'attached' }).then(() => 'consent'),
    reachedTarget.then(() => 'target'),
  ]);
  log('page', { prompt: which, url: page.url() });
  if (which === 'target') break;
  if (which === 'unknown') {
    const text = await page.evaluate(() => document.body?.innerText || '').catch(() => '');
    log('error', { message: 'unexpected page', url: page.url(), text: text.slice(0, 2000) });
    await finish(1);
  }
  if (mode === 'deny') {
    log('abort', { at: which });
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => {}), page.getByText('[ Cancel ]').click()]);
    continue;
  }
  if (which === 'login') {
    await loginInput.fill(user);
    await page.locator('input[name=password]').fill('test-password');
    log('login', { user });
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => {}), page.locator('button[type=submit]').first().click()]);
  } else {
    log('consent', {});
    await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => {}), consentForm.locator('button[type=submit]').click()]);
  }
}

try {
  await reachedTarget;
  await page.waitForLoadState('load');
} catch (err) {
  log('error', { message: `callback page did not load: ${err.message}`, url: page.url() });
  await finish(1);
}

const text = await page.evaluate(() => document.body?.innerText || '');
const title = await page.title();
const screenshot = process.env.TEST_BROWSER_SCREENSHOT
  || path.join(os.tmpdir(), `oidctl-callback-${process.pid}-${Date.now()}.png`);
await page.screenshot({ path: screenshot, fullPage: true });
log('callback', {
  url: page.url(),
  status: callbackResponse?.status(),
  title,
  text,
  screenshot,
});
clearTimeout(watchdog);
await finish(0, { status: callbackResponse?.status() });
