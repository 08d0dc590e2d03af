#!/usr/bin/env node
// $BROWSER for the tests of `oidctl serve` (use serve-browser.sh as $BROWSER): GETs the URL and
// follows redirects as a browser would; on oidctl serve's sign-in page it picks a user and
// answers, then follows the redirect to the client's redirect_uri (oidctl's loopback listener).
//
// Environment:
//   TEST_BROWSER_MODE  approve (default) | deny
//   TEST_BROWSER_USER  the user to pick (default: the one the page preselects)
//   TEST_BROWSER_LOG   JSON-lines log file (append): events page, submit, redirect, done
// Never writes to stdout/stderr (they belong to oidctl's terminal). Exit 0 when a final page
// was reached, 1 otherwise.

import * as fs from 'node:fs';

const logFile = process.env.TEST_BROWSER_LOG;
const mode = process.env.TEST_BROWSER_MODE || 'approve';
const user = process.env.TEST_BROWSER_USER;

function log(event, fields = {}) {
  if (!logFile) return;
  try {
    fs.appendFileSync(logFile, `${JSON.stringify({ ts: new Date().toISOString(), event, ...fields })}\n`);
  } catch { /* never let logging break the run */ }
}

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function main() {
  let url = new URL(process.argv[2]);
  let init = { redirect: 'manual' };
  for (let step = 0; step < 20; step += 1) {
    const res = await fetch(url, init);
    const body = await res.text();
    log('response', { url: url.href, status: res.status });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      init = { redirect: 'manual' };
      log('redirect', { to: url.href });
      continue;
    }
    const form = body.match(/<form method="post" action="([^"]*)">/);
    const request = body.match(/name="request" value="([^"]*)"/);
    if (form && request && step < 19) {
      const chosen = user || unescape((body.match(/name="user" value="([^"]*)" checked/) || [])[1] || '');
      const fields = new URLSearchParams({ request: unescape(request[1]), user: chosen, decision: mode });
      log('submit', { user: chosen, decision: mode });
      url = new URL(unescape(form[1]), url);
      init = {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: fields.toString(),
      };
      continue;
    }
    log('page', { url: url.href, status: res.status, body: body.slice(0, 2000) });
    return 0;
  }
  log('error', { message: 'too many steps' });
  return 1;
}

main().then((code) => { log('done', { exit: code }); process.exit(code); }, (err) => {
  log('error', { message: String(err?.stack || err) });
  process.exit(1);
});
