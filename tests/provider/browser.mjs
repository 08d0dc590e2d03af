#!/usr/bin/env node
// Scripted "browser" for oidctl's tests: `$BROWSER URL` (use browser.sh as $BROWSER).
//
// Drives an authorization request (or an RP-initiated logout) against the test
// provider (server.mjs, oidc-provider devInteractions) over plain HTTP(S) with its
// own cookie jar, then delivers the final redirect to the client's redirect_uri
// (oidctl's loopback listener) with a GET, like a real browser would.
//
// It never writes to stdout/stderr (those belong to oidctl's terminal in tests).
// Progress goes, as JSON lines, to the file in TEST_BROWSER_LOG (appended; nothing
// is written if unset). Each line: {"ts":..., "pid":..., "event":"...", ...}.
// Events: start, request, response, page, login, consent, abort, logout,
//         auto-submit, device-code, device-confirm, wrong-state, wrong-path, callback,
//         error, done.
// The "callback" event carries the listener's answer: {"status":200,"body":"..."}.
//
// Environment:
//   TEST_BROWSER_MODE  approve (default) | deny | deny-consent | wrong-state |
//                      wrong-path | ignore
//     approve       log in, consent, GET the redirect_uri with code+state
//     deny          click "[ Cancel ]" on the login page: the provider redirects to
//                   the redirect_uri with error=access_denied
//                   &error_description=End-User+aborted+interaction
//     deny-consent  log in, then cancel on the consent page (same error)
//     wrong-state   first GET the redirect_uri with state changed (same code), log the
//                   answer, then the real callback
//     wrong-path    first GET /not-callback and /favicon.ico on the listener's origin,
//                   then the real callback
//     wrong-iss     approve, but deliver the callback with iss=https://evil.example
//     ignore        do nothing, exit 0 (for oidctl --timeout tests)
//   TEST_BROWSER_USER     login name (default alice); any name is accepted, it
//                         becomes the "sub"
//   TEST_BROWSER_LOG      JSON-lines log file (append)
//   TEST_BROWSER_STOP     1: stop at the redirect to the client without connecting to it,
//                         and log its address (event "redirect", field url), as a browser
//                         on another machine would show it (for login --paste)
//   TEST_BROWSER_CA       extra CA PEM to trust for https (NODE_EXTRA_CA_CERTS also works)
//   TEST_BROWSER_DELAY_MS wait this long before starting (default 0)
//   TEST_BROWSER_LOGOUT   yes (default) | no: the answer on the RP-initiated logout page
//   TEST_BROWSER_USER_CODE  device flow: the user code to type on the verification_uri
//                         page (not needed with verification_uri_complete)
//   TEST_BROWSER_COOKIES  cookie-jar file (JSON) kept across runs, like a browser
//                         that stays open: with it, the provider's session survives,
//                         so a second login skips the login form (native clients still
//                         get the consent page) and RP-initiated logout shows the
//                         "Do you want to sign-out" page (answered by
//                         TEST_BROWSER_LOGOUT). Without it every run is a fresh profile.
//
// Device flow: pass verification_uri_complete (or verification_uri plus
// TEST_BROWSER_USER_CODE) as URL; the browser enters/confirms the code (mode deny:
// "[ Abort ]" on the confirmation page, event abort at "device-confirm", no login),
// logs in, consents (mode deny-consent: cancels there) and ends on the provider's
// success page (event "page", exit 0); the token poll then succeeds, or gets
// access_denied after deny / deny-consent.
// Also handled: auto-submitting forms (response_mode=form_post, and the logout
// confirmation oidc-provider posts when there is no session) are submitted like a
// browser would; a form_post to the redirect_uri is delivered as that POST.
//
// Exit status: 0 when the callback was delivered (whatever the listener answered) or
// in mode ignore; 3 when the provider showed an error page instead of redirecting
// (e.g. unregistered redirect_uri); 1 on other failures (see the log).

import * as fs from 'node:fs';
import {
  CookieJar, request, forms, links,
} from './httpclient.mjs';

const MAX_STEPS = 40;
const logFile = process.env.TEST_BROWSER_LOG;
let jar;
let cookieFile;

function log(event, fields = {}) {
  if (!logFile) return;
  try {
    fs.appendFileSync(logFile, `${JSON.stringify({
      ts: new Date().toISOString(), pid: process.pid, event, ...fields,
    })}\n`);
  } catch { /* never let logging break the run */ }
}

function finish(code, fields = {}) {
  if (cookieFile) {
    try { jar.save(cookieFile); } catch (err) { log('error', { message: `saving cookies: ${err.message}` }); }
  }
  log('done', { exit: code, ...fields });
  process.exit(code);
}

process.on('uncaughtException', (err) => { log('error', { message: String(err?.stack || err) }); finish(1); });
process.on('unhandledRejection', (err) => { log('error', { message: String(err?.stack || err) }); finish(1); });

const sleep = (ms) => new Promise((r) => { setTimeout(r, ms); });

const startUrl = process.argv[2];
const mode = process.env.TEST_BROWSER_MODE || 'approve';
const user = process.env.TEST_BROWSER_USER || 'alice';
jar = new CookieJar();
cookieFile = process.env.TEST_BROWSER_COOKIES;
if (cookieFile) jar.load(cookieFile);

log('start', { url: startUrl, mode, user, argv: process.argv.slice(2) });

if (!startUrl) {
  log('error', { message: 'no URL argument' });
  finish(1);
}
if (!['approve', 'deny', 'deny-consent', 'wrong-state', 'wrong-path', 'wrong-iss', 'ignore'].includes(mode)) {
  log('error', { message: `unknown TEST_BROWSER_MODE ${mode}` });
  finish(1);
}
if (mode === 'ignore') finish(0, { mode });

const delay = Number(process.env.TEST_BROWSER_DELAY_MS || 0);
if (delay > 0) await sleep(delay);

// The redirect target we must deliver: redirect_uri (authorization) or
// post_logout_redirect_uri (end_session). Without one (e.g. PAR request_uri), any
// URL on an origin other than the provider's is the target.
const start = new URL(startUrl);
const target = start.searchParams.get('redirect_uri') || start.searchParams.get('post_logout_redirect_uri');
const providerOrigin = start.origin;
function isTarget(u) {
  if (target) {
    try {
      const t = new URL(target);
      return u.origin === t.origin && u.pathname === t.pathname;
    } catch { /* fall through */ }
  }
  return u.origin !== providerOrigin;
}

// GET with retries while the listener is not (yet) accepting connections.
async function deliver(method, url, body) {
  let lastErr;
  for (let i = 0; i < 20; i += 1) {
    try {
      return await request(method, url, { jar, body });
    } catch (err) {
      lastErr = err;
      if (!['ECONNREFUSED', 'ECONNRESET'].includes(err.code)) break;
      await sleep(100);
    }
  }
  throw lastErr;
}

// Deliver the final redirect (GET with query) or form_post (POST with body) to the
// client's listener, after the mode's extra requests.
async function callback(url, method = 'GET', form = undefined) {
  const u = new URL(url);
  if (process.env.TEST_BROWSER_STOP === '1') {
    log('redirect', { url: u.href });
    finish(0, { final: 'redirect' });
  }
  if (mode === 'wrong-iss') {
    // A mix-up attack's shape: the response names another issuer (RFC 9207).
    u.searchParams.set('iss', 'https://evil.example');
  }
  const params = form ? { ...form } : Object.fromEntries(u.searchParams);
  if (mode === 'wrong-state') {
    const state = params.state;
    const tampered = state ? `${state}-tampered` : 'tampered';
    const bad = new URL(u.href);
    let badBody;
    if (form) badBody = { ...form, state: tampered };
    else bad.searchParams.set('state', tampered);
    try {
      const res = await deliver(method, bad.href, badBody);
      log('wrong-state', {
        url: bad.href, method, status: res.status, body: res.body,
      });
    } catch (err) {
      log('wrong-state', { url: bad.href, method, error: String(err.message || err) });
    }
  }
  if (mode === 'wrong-path') {
    for (const p of ['/not-callback', '/favicon.ico']) {
      const wrong = new URL(p, u.origin).href;
      try {
        const res = await deliver('GET', wrong);
        log('wrong-path', { url: wrong, status: res.status, body: res.body });
      } catch (err) {
        log('wrong-path', { url: wrong, error: String(err.message || err) });
      }
    }
  }
  const res = await deliver(method, u.href, form);
  log('callback', {
    url: u.href,
    method,
    params,
    status: res.status,
    contentType: res.headers['content-type'],
    body: res.body,
  });
  finish(0, { status: res.status });
}

let method = 'GET';
let url = startUrl;
let deviceCodeSent = false;
let body;

for (let step = 0; step < MAX_STEPS; step += 1) {
  const u = new URL(url);
  if (isTarget(u) && step > 0) {
    await callback(u.href, method, body);
  }
  log('request', { method, url });
  const res = await request(method, url, { jar, body });
  body = undefined;
  method = 'GET';
  log('response', { status: res.status, location: res.headers.location });

  if (res.status >= 300 && res.status < 400 && res.headers.location) {
    url = new URL(res.headers.location, url).href;
    continue;
  }

  const html = res.body;
  const pageForms = forms(html);
  const login = pageForms.find((f) => f.inputs.prompt === 'login');
  const consent = pageForms.find((f) => f.inputs.prompt === 'consent');
  const logoutForm = pageForms.find((f) => f.id === 'op.logoutForm');
  const abortLink = links(html).find((l) => /cancel/i.test(l.text) || /\/abort$/.test(l.href || ''));

  if (res.status === 200 && (login || consent)) {
    const which = login ? 'login' : 'consent';
    log('page', { prompt: which, url });
    if (mode === 'deny' || (mode === 'deny-consent' && which === 'consent')) {
      if (!abortLink) {
        log('error', { message: 'no [ Cancel ] link on the page', html });
        finish(1);
      }
      url = new URL(abortLink.href, url).href;
      log('abort', { at: which, url });
      continue;
    }
    const form = login || consent;
    const fields = { ...form.inputs };
    if (which === 'login') {
      fields.login = user;
      fields.password = 'test-password';
      log('login', { user });
    } else {
      log('consent', {});
    }
    method = 'POST';
    url = new URL(form.action || url, url).href;
    body = fields;
    continue;
  }

  const autoSubmit = /document\.forms\[0\]\.submit\(\)/.test(html) && pageForms.length > 0;
  if (autoSubmit && (res.status === 200 || res.status === 400)) {
    const form = pageForms[0];
    log('auto-submit', { action: form.action, method: form.method, fields: Object.keys(form.inputs) });
    method = form.method === 'POST' ? 'POST' : 'GET';
    url = new URL(form.action || url, url).href;
    if (method === 'POST') {
      body = { ...form.inputs };
    } else {
      const next = new URL(url);
      for (const [k, v] of Object.entries(form.inputs)) next.searchParams.set(k, v);
      url = next.href;
    }
    continue;
  }

  const deviceInput = pageForms.find((f) => f.id === 'op.deviceInputForm');
  const deviceConfirm = pageForms.find((f) => f.id === 'op.deviceConfirmForm');
  // The code input page again after we submitted a code is the provider telling us
  // something (aborted, expired, wrong code): a final page, handled below.
  if (res.status === 200 && ((deviceInput && !deviceCodeSent) || deviceConfirm)) {
    const form = deviceInput || deviceConfirm;
    const fields = { ...form.inputs };
    if (deviceInput) {
      if (process.env.TEST_BROWSER_USER_CODE) fields.user_code = process.env.TEST_BROWSER_USER_CODE;
      if (!fields.user_code) {
        log('error', { message: 'device code page without user_code (set TEST_BROWSER_USER_CODE)' });
        finish(1);
      }
      deviceCodeSent = true;
      log('device-code', { user_code: fields.user_code });
    } else if (mode === 'deny') {
      deviceCodeSent = true;
      fields.abort = 'yes';
      log('abort', { at: 'device-confirm' });
    } else {
      deviceCodeSent = true;
      log('device-confirm', { user_code: fields.user_code });
    }
    method = 'POST';
    url = new URL(form.action || url, url).href;
    body = fields;
    continue;
  }

  if (res.status === 200 && logoutForm) {
    const answer = (process.env.TEST_BROWSER_LOGOUT || 'yes') === 'no' ? undefined : 'yes';
    const fields = { ...logoutForm.inputs };
    if (answer) fields.logout = answer;
    log('logout', { answer: answer || 'no' });
    method = 'POST';
    url = new URL(logoutForm.action, url).href;
    body = fields;
    continue;
  }

  // Anything else is a page the provider shows instead of redirecting: an error
  // (invalid redirect_uri, unknown client, ...) or an end page (logout success
  // without post_logout_redirect_uri).
  const text = html.replace(/<(style|script)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  if (res.status === 200) {
    log('page', { url, status: res.status, text: text.slice(0, 2000) });
    finish(0, { status: res.status, final: 'provider-page' });
  }
  log('error', {
    message: 'provider answered with an error page', url, status: res.status, text: text.slice(0, 2000),
  });
  finish(3, { status: res.status });
}

log('error', { message: `gave up after ${MAX_STEPS} steps` });
finish(1);
