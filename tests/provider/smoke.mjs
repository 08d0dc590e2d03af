#!/usr/bin/env node
// Self-test of the test provider and the scripted browsers, without oidctl.
//
//   node smoke.mjs            (from anywhere; needs `npm ci` done in this directory,
//                              the openssl CLI, and /usr/bin/chromium unless
//                              SMOKE_SKIP_CHROMIUM=1)
//
// Plays the part oidctl will play: starts server.mjs, runs a loopback redirect
// listener, builds authorization-code + PKCE requests for client oidctl-test, runs
// browser.sh / chromium.sh as $BROWSER would be run, redeems codes, refreshes,
// revokes, and checks the provider's /__test/events counters.
// Prints one line per check and finally "N passed, M failed"; exit 1 on failure.

import { spawn, execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { request } from './httpclient.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'oidctl-provider-smoke-'));
const CLIENT_ID = 'oidctl-test';
const SCOPE = 'openid profile email offline_access';
const children = new Set();

let passed = 0;
let failed = 0;
let skipped = 0;

function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function eq(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

const withTimeout = (promise, ms, what) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
};

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await withTimeout(fn(), 150000, name);
    passed += 1;
    process.stdout.write(`ok   ${name} (${Date.now() - t0} ms)\n`);
  } catch (err) {
    failed += 1;
    process.stdout.write(`FAIL ${name}: ${err?.stack || err}\n`);
  }
}
function skip(name, why) {
  skipped += 1;
  process.stdout.write(`skip ${name}: ${why}\n`);
}

// ------------------------------------------------------------------ processes
async function startServer(args = [], { timeoutMs = 20000 } = {}) {
  const proc = spawn(process.execPath, [path.join(HERE, 'server.mjs'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(proc);
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    proc.stdout.on('data', (d) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl !== -1) {
        clearTimeout(timer);
        try { resolve(JSON.parse(stdout.slice(0, nl))); } catch (e) { reject(e); }
      }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}; stderr:\n${stderr}`)); });
  });
  const exited = new Promise((resolve) => { proc.on('exit', (code, signal) => resolve({ code, signal })); });
  return {
    ...info,
    proc,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      children.delete(proc);
      return r;
    },
  };
}

function run(cmd, args, env = {}, { timeoutMs = 60000 } = {}) {
  return new Promise((resolve) => {
    const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    children.add(proc);
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(proc);
      resolve({
        code, signal, stdout: out, stderr: err,
      });
    });
  });
}

function readLog(file) {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

// ------------------------------------------------------------------ listener
// Mimics oidctl's loopback listener: /callback (or the given path) with the right
// state answers 200 and resolves; a wrong state answers 400 and keeps waiting;
// other paths answer 404.
async function startListener({ host = '127.0.0.1', callbackPath = '/callback', state } = {}) {
  const requests = [];
  let resolveCallback;
  const callback = new Promise((r) => { resolveCallback = r; });
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://listener');
    requests.push(req.url);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (u.pathname !== callbackPath) {
      res.statusCode = 404;
      res.end('<html><body>not found</body></html>');
      return;
    }
    if (state !== undefined && u.searchParams.get('state') !== state) {
      res.statusCode = 400;
      res.end('<html><body>state mismatch</body></html>');
      return;
    }
    res.end('<html><head><title>smoke</title></head><body><h1>Smoke login complete</h1><p>You can close this window.</p></body></html>');
    resolveCallback(Object.fromEntries(u.searchParams));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address();
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    port,
    origin,
    redirectUri: `${origin}${callbackPath}`,
    requests,
    callback,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

// ------------------------------------------------------------------ OAuth helpers
function pkce() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

function authUrl(issuer, params) {
  const u = new URL('/auth', issuer);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.href;
}

async function json(method, url, opts = {}) {
  const res = await request(method, url, opts);
  let body;
  try { body = res.body ? JSON.parse(res.body) : undefined; } catch { body = res.body; }
  return { status: res.status, body, headers: res.headers };
}

const events = async (srv, opts) => (await json('GET', `${srv.issuer}/__test/events`, opts)).body;
const resetEvents = async (srv, opts) => json('POST', `${srv.issuer}/__test/reset`, opts);

// Full authorization-code + PKCE login through a $BROWSER program; returns tokens.
async function login(srv, {
  browser = 'browser.sh', mode = 'approve', scope = SCOPE, host = '127.0.0.1', env = {}, ca,
  extra = {}, callbackPath = '/callback', user,
} = {}) {
  const state = crypto.randomBytes(12).toString('base64url');
  const nonce = crypto.randomBytes(12).toString('base64url');
  const { verifier, challenge } = pkce();
  const listener = await startListener({ host, state, callbackPath });
  const logFile = path.join(TMP, `browser-${crypto.randomBytes(4).toString('hex')}.log`);
  try {
    const url = authUrl(srv.issuer, {
      client_id: CLIENT_ID,
      response_type: 'code',
      scope,
      redirect_uri: listener.redirectUri,
      state,
      nonce,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ...extra,
    });
    const b = await run(path.join(HERE, browser), [url], {
      TEST_BROWSER_LOG: logFile,
      TEST_BROWSER_MODE: mode,
      ...(user ? { TEST_BROWSER_USER: user } : {}),
      ...env,
    }, { timeoutMs: 90000 });
    const log = readLog(logFile);
    assert(b.stdout === '' && b.stderr === '', `browser must be quiet, got stdout=${JSON.stringify(b.stdout)} stderr=${JSON.stringify(b.stderr)}`);
    if (b.code !== 0) throw new Error(`${browser} exited ${b.code}; log:\n${log.map((l) => JSON.stringify(l)).join('\n')}`);
    if (mode === 'ignore') return { log, listener };
    const params = await withTimeout(listener.callback, 5000, 'callback at the listener');
    const result = {
      params, log, listener, state, nonce, verifier,
    };
    if (!params.code) return result;
    eq(params.state, state, 'callback state');
    eq(params.iss, srv.issuer, 'callback iss (RFC 9207)');
    const tok = await json('POST', `${srv.issuer}/token`, {
      ca,
      body: {
        grant_type: 'authorization_code',
        code: params.code,
        redirect_uri: listener.redirectUri,
        client_id: CLIENT_ID,
        code_verifier: verifier,
      },
    });
    eq(tok.status, 200, `token endpoint status (${JSON.stringify(tok.body)})`);
    return { ...result, tokens: tok.body };
  } finally {
    await listener.close();
  }
}

async function refresh(srv, refreshToken, opts = {}) {
  return json('POST', `${srv.issuer}/token`, {
    ...opts,
    body: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID },
  });
}

function decodeJwt(jwt) {
  const [h, p, s] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url')),
    payload: JSON.parse(Buffer.from(p, 'base64url')),
    signingInput: Buffer.from(`${h}.${p}`),
    signature: Buffer.from(s, 'base64url'),
  };
}

async function verifyIdToken(srv, idToken, { alg, nonce, ca } = {}) {
  const jwt = decodeJwt(idToken);
  if (alg) eq(jwt.header.alg, alg, 'id_token alg');
  const jwks = (await json('GET', `${srv.issuer}/jwks`, { ca })).body;
  const jwk = jwks.keys.find((k) => k.kid === jwt.header.kid);
  assert(jwk, `no JWKS key with kid ${jwt.header.kid}`);
  assert(!('d' in jwk), 'JWKS must not contain private keys');
  const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  let ok;
  switch (jwt.header.alg) {
    case 'RS256': ok = crypto.verify('sha256', jwt.signingInput, key, jwt.signature); break;
    case 'PS256': ok = crypto.verify('sha256', jwt.signingInput, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, jwt.signature); break;
    case 'ES256': ok = crypto.verify('sha256', jwt.signingInput, { key, dsaEncoding: 'ieee-p1363' }, jwt.signature); break;
    case 'EdDSA': case 'Ed25519': ok = crypto.verify(null, jwt.signingInput, key, jwt.signature); break;
    default: throw new Error(`unexpected alg ${jwt.header.alg}`);
  }
  assert(ok, `id_token signature (${jwt.header.alg}) does not verify`);
  eq(jwt.payload.iss, srv.issuer, 'id_token iss');
  eq(jwt.payload.aud, CLIENT_ID, 'id_token aud');
  if (nonce) eq(jwt.payload.nonce, nonce, 'id_token nonce');
  assert(jwt.payload.exp > Date.now() / 1000, 'id_token exp in the future');
  return jwt.payload;
}

// ================================================================== the checks
process.on('exit', () => {
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
});

const main = await startServer([]);
const caDir = path.join(TMP, 'pki');

await check('server prints one JSON line and serves discovery for that issuer', async () => {
  assert(/^http:\/\/127\.0\.0\.1:\d+$/.test(main.issuer), `issuer ${main.issuer}`);
  eq(main.issuer, `http://127.0.0.1:${main.port}`, 'issuer/port');
  const d = await json('GET', `${main.issuer}/.well-known/openid-configuration`);
  eq(d.status, 200, 'discovery status');
  eq(d.body.issuer, main.issuer, 'discovery issuer');
  assert(d.body.code_challenge_methods_supported.includes('S256'), 'S256 advertised');
  for (const ep of ['revocation_endpoint', 'introspection_endpoint', 'device_authorization_endpoint', 'end_session_endpoint', 'userinfo_endpoint']) {
    assert(d.body[ep]?.startsWith(main.issuer), `${ep} advertised`);
  }
});

let session;
await check('approve: login + consent via browser.sh, code+PKCE -> id_token, access_token, refresh_token', async () => {
  await resetEvents(main);
  session = await login(main, { user: 'alice' });
  const t = session.tokens;
  assert(t.access_token && t.id_token && t.refresh_token, `tokens: ${Object.keys(t)}`);
  eq(t.token_type, 'Bearer', 'token_type');
  eq(t.expires_in, 3600, 'expires_in');
  eq(t.scope, SCOPE, 'granted scope');
  const claims = await verifyIdToken(main, t.id_token, { alg: 'RS256', nonce: session.nonce });
  eq(claims.sub, 'alice', 'sub');
  const cb = session.log.find((l) => l.event === 'callback');
  eq(cb?.status, 200, 'callback status in browser log');
  assert(cb.body.includes('Smoke login complete'), 'callback body in browser log');
  const ev = await events(main);
  eq(ev['grant.success:authorization_code'], 1, 'authorization_code grants');
  eq(ev['test.prompt_consent_added'], 1, 'prompt=consent added for offline_access');
});

await check('userinfo returns profile and email claims', async () => {
  const r = await json('GET', `${main.issuer}/me`, { headers: { authorization: `Bearer ${session.tokens.access_token}` } });
  eq(r.status, 200, 'userinfo status');
  eq(r.body.sub, 'alice', 'sub');
  eq(r.body.email, 'alice@example.test', 'email');
  eq(r.body.preferred_username, 'alice', 'preferred_username');
});

await check('introspection (public client, own token): active', async () => {
  const r = await json('POST', `${main.issuer}/token/introspection`, { body: { token: session.tokens.access_token, client_id: CLIENT_ID } });
  eq(r.status, 200, 'status');
  eq(r.body.active, true, 'active');
  eq(r.body.client_id, CLIENT_ID, 'client_id');
});

let rotated;
await check('refresh once: rotated refresh token, exactly 1 refresh grant counted', async () => {
  await resetEvents(main);
  const r = await refresh(main, session.tokens.refresh_token);
  eq(r.status, 200, `refresh status ${JSON.stringify(r.body)}`);
  assert(r.body.access_token && r.body.refresh_token && r.body.id_token, 'refresh response tokens');
  assert(r.body.refresh_token !== session.tokens.refresh_token, 'refresh token rotated');
  await verifyIdToken(main, r.body.id_token, { alg: 'RS256' });
  rotated = r.body;
  const ev = await events(main);
  eq(ev['grant.success:refresh_token'], 1, 'refresh grants');
  eq(ev['grant.success'], 1, 'all grants');
});

await check('rotated-out refresh token is rejected (invalid_grant) and revokes the grant', async () => {
  await resetEvents(main);
  const r = await refresh(main, session.tokens.refresh_token);
  eq(r.status, 400, 'status');
  eq(r.body.error, 'invalid_grant', 'error');
  const r2 = await refresh(main, rotated.refresh_token);
  eq(r2.body.error, 'invalid_grant', 'the new refresh token died with the grant (reuse detection)');
  const ev = await events(main);
  eq(ev['grant.error:refresh_token:invalid_grant'], 2, 'invalid_grant count');
  eq(ev['grant.success:refresh_token'], 0, 'no refresh succeeded');
  eq(ev['grant.revoked'], 1, 'grant revoked once');
});

await check('revocation of the refresh token: 200, token then unusable, counted', async () => {
  const s = await login(main);
  await resetEvents(main);
  const r = await json('POST', `${main.issuer}/token/revocation`, {
    body: { token: s.tokens.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENT_ID },
  });
  eq(r.status, 200, 'revocation status');
  const again = await refresh(main, s.tokens.refresh_token);
  eq(again.body.error, 'invalid_grant', 'refresh after revocation');
  const intro = await json('POST', `${main.issuer}/token/introspection`, { body: { token: s.tokens.access_token, client_id: CLIENT_ID } });
  eq(intro.body.active, false, 'access token of the revoked grant is inactive');
  const ev = await events(main);
  eq(ev['revocation.success'], 1, 'revocation.success');
  eq(ev['route:revocation:200'], 1, 'route:revocation:200');
  eq(ev['grant.revoked'], 1, 'grant.revoked');
  eq(ev['refresh_token.destroyed'], 1, 'refresh_token.destroyed');
});

await check('revocation of the access token: refresh token of the grant dies too, the Grant stays', async () => {
  const s = await login(main);
  await resetEvents(main);
  const r = await json('POST', `${main.issuer}/token/revocation`, {
    body: { token: s.tokens.access_token, token_type_hint: 'access_token', client_id: CLIENT_ID },
  });
  eq(r.status, 200, 'revocation status');
  const again = await refresh(main, s.tokens.refresh_token);
  eq(again.body.error, 'invalid_grant', 'refresh after access token revocation');
  const ev = await events(main);
  eq(ev['grant.revoked'], 0, 'grant not revoked');
  eq(ev['access_token.destroyed'], 1, 'access_token.destroyed');
});

await check('5 concurrent refreshes with one refresh token: 1 succeeds, 4 invalid_grant, grant revoked', async () => {
  const s = await login(main);
  await resetEvents(main);
  const results = await Promise.all(Array.from({ length: 5 }, () => refresh(main, s.tokens.refresh_token)));
  const ok = results.filter((r) => r.status === 200);
  eq(ok.length, 1, 'successful refreshes');
  assert(results.filter((r) => r.body?.error === 'invalid_grant').length === 4, 'the others: invalid_grant');
  const after = await refresh(main, ok[0].body.refresh_token);
  eq(after.body.error, 'invalid_grant', 'the winner\'s new refresh token is dead too');
  const ev = await events(main);
  eq(ev['grant.success:refresh_token'], 1, 'refresh grants counted');
});

await check('deny: [ Cancel ] -> error=access_denied at the redirect_uri', async () => {
  const s = await login(main, { mode: 'deny' });
  eq(s.params.error, 'access_denied', 'error');
  eq(s.params.error_description, 'End-User aborted interaction', 'error_description');
  eq(s.params.state, s.state, 'state');
  eq(s.params.iss, main.issuer, 'iss');
  assert(s.log.some((l) => l.event === 'abort' && l.at === 'login'), 'aborted at login');
});

await check('deny-consent: log in, cancel at consent -> access_denied', async () => {
  const s = await login(main, { mode: 'deny-consent' });
  eq(s.params.error, 'access_denied', 'error');
  assert(s.log.some((l) => l.event === 'abort' && l.at === 'consent'), 'aborted at consent');
});

await check('wrong-state: tampered callback first (listener says 400), then the real one', async () => {
  const s = await login(main, { mode: 'wrong-state' });
  assert(s.tokens?.access_token, 'login still completes');
  const ws = s.log.find((l) => l.event === 'wrong-state');
  eq(ws?.status, 400, 'tampered callback answered 400');
  eq(s.listener.requests.length, 2, 'listener saw 2 requests');
  assert(s.listener.requests[0].includes('-tampered'), 'first request had the tampered state');
});

await check('wrong-path: /not-callback and /favicon.ico first, then the callback', async () => {
  const s = await login(main, { mode: 'wrong-path' });
  assert(s.tokens?.access_token, 'login still completes');
  const wp = s.log.filter((l) => l.event === 'wrong-path');
  eq(wp.map((l) => new URL(l.url).pathname).join(','), '/not-callback,/favicon.ico', 'wrong paths');
  assert(wp.every((l) => l.status === 404), 'listener answered 404');
  eq(s.listener.requests.length, 3, 'listener saw 3 requests');
});

await check('ignore: exits 0 without touching anything', async () => {
  const s = await login(main, { mode: 'ignore' });
  eq(s.listener.requests.length, 0, 'no requests');
  assert(s.log.some((l) => l.event === 'done' && l.exit === 0), 'done logged');
});

await check('loopback redirect on [::1] with a random port', async () => {
  const s = await login(main, { host: '::1' });
  assert(s.tokens?.refresh_token, 'tokens');
  assert(s.listener.redirectUri.startsWith('http://[::1]:'), s.listener.redirectUri);
});

await check('registered /custom/path works on any port; unregistered /cb is refused with an error page', async () => {
  const s = await login(main, { callbackPath: '/custom/path' });
  assert(s.tokens?.access_token, 'custom path tokens');
  const { challenge } = pkce();
  const base = {
    client_id: CLIENT_ID, response_type: 'code', scope: 'openid', state: 's', code_challenge: challenge, code_challenge_method: 'S256',
  };
  const good = await request('GET', authUrl(main.issuer, { ...base, redirect_uri: 'http://localhost:54321/callback' }));
  eq(good.status, 303, 'localhost any port accepted');
  assert(good.headers.location.startsWith('/interaction/'), 'to interaction');
  const bad = await request('GET', authUrl(main.issuer, { ...base, redirect_uri: 'http://127.0.0.1:54321/cb' }));
  eq(bad.status, 400, 'unregistered path status');
  assert(bad.body.includes('redirect_uri did not match any of the client'), 'error text');
  const b = await run(path.join(HERE, 'browser.sh'), [authUrl(main.issuer, { ...base, redirect_uri: 'http://127.0.0.1:54321/cb' })], {
    TEST_BROWSER_LOG: path.join(TMP, 'cb.log'),
  });
  eq(b.code, 3, 'browser.sh exit code on a provider error page');
});

await check('PKCE is required: no code_challenge -> error redirect invalid_request', async () => {
  const r = await request('GET', authUrl(main.issuer, {
    client_id: CLIENT_ID, response_type: 'code', scope: 'openid', state: 's1', redirect_uri: 'http://127.0.0.1:50000/callback',
  }));
  eq(r.status, 303, 'status');
  const loc = new URL(r.headers.location);
  eq(loc.searchParams.get('error'), 'invalid_request', 'error');
  assert(/PKCE|code_challenge/.test(loc.searchParams.get('error_description')), loc.searchParams.get('error_description'));
});

await check('prompt=login keeps offline_access (consent appended), refresh token issued', async () => {
  const s = await login(main, { extra: { prompt: 'login' } });
  assert(s.tokens.refresh_token, 'refresh token');
});

await check('client_credentials: basic and post, api:read ok, api:write invalid_scope, bad secret invalid_client', async () => {
  const basic = `Basic ${Buffer.from('oidctl-confidential:oidctl-confidential-secret').toString('base64')}`;
  const a = await json('POST', `${main.issuer}/token`, { headers: { authorization: basic }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
  eq(a.status, 200, `basic status ${JSON.stringify(a.body)}`);
  eq(a.body.scope, 'api:read', 'scope');
  const p = await json('POST', `${main.issuer}/token`, {
    body: {
      grant_type: 'client_credentials', scope: 'api:read', client_id: 'oidctl-confidential', client_secret: 'oidctl-confidential-secret',
    },
  });
  eq(p.status, 200, 'post status');
  const w = await json('POST', `${main.issuer}/token`, { headers: { authorization: basic }, body: { grant_type: 'client_credentials', scope: 'api:write' } });
  eq(w.body.error, 'invalid_scope', 'api:write');
  const bad = `Basic ${Buffer.from('oidctl-confidential:nope').toString('base64')}`;
  const x = await json('POST', `${main.issuer}/token`, { headers: { authorization: bad }, body: { grant_type: 'client_credentials' } });
  eq(x.status, 401, 'bad secret status');
  eq(x.body.error, 'invalid_client', 'bad secret error');
  const i = await json('POST', `${main.issuer}/token/introspection`, { headers: { authorization: basic }, body: { token: a.body.access_token } });
  eq(i.body.active, true, 'introspection by the confidential client');
});

await check('device authorization: codes issued, polling says authorization_pending', async () => {
  const d = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: SCOPE } });
  eq(d.status, 200, `status ${JSON.stringify(d.body)}`);
  assert(d.body.device_code && d.body.user_code && d.body.verification_uri && d.body.verification_uri_complete, 'fields');
  const t = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: d.body.device_code, client_id: CLIENT_ID },
  });
  eq(t.body.error, 'authorization_pending', 'poll');
});

async function logout(srv, idToken, env = {}) {
  const listener = await startListener({ callbackPath: '/logged-out', state: 'bye' });
  try {
    const u = new URL('/session/end', srv.issuer);
    u.searchParams.set('id_token_hint', idToken);
    u.searchParams.set('post_logout_redirect_uri', `${listener.origin}/logged-out`);
    u.searchParams.set('state', 'bye');
    const logFile = path.join(TMP, `logout-${crypto.randomBytes(4).toString('hex')}.log`);
    const b = await run(path.join(HERE, 'browser.sh'), [u.href], { TEST_BROWSER_LOG: logFile, ...env });
    const log = readLog(logFile);
    eq(b.code, 0, `browser exit; log: ${fs.readFileSync(logFile, 'utf8')}`);
    const params = await withTimeout(listener.callback, 5000, 'post-logout redirect');
    eq(params.state, 'bye', 'state');
    return log;
  } finally {
    await listener.close();
  }
}

await check('device flow end to end: browser.sh on verification_uri_complete, then the poll returns tokens', async () => {
  const d = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: SCOPE } });
  eq(d.status, 200, 'device_authorization');
  const logFile = path.join(TMP, 'device.log');
  const b = await run(path.join(HERE, 'browser.sh'), [d.body.verification_uri_complete], { TEST_BROWSER_LOG: logFile });
  const log = readLog(logFile);
  eq(b.code, 0, `browser exit; log: ${fs.readFileSync(logFile, 'utf8')}`);
  assert(log.some((l) => l.event === 'device-confirm'), 'confirmed the code');
  assert(log.some((l) => l.event === 'page' && /Sign-in Success/i.test(l.text || '')), 'success page');
  const t = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: d.body.device_code, client_id: CLIENT_ID },
  });
  eq(t.status, 200, `token ${JSON.stringify(t.body)}`);
  assert(t.body.id_token && t.body.access_token && t.body.refresh_token, 'tokens incl. refresh_token');
  // Same with the code typed on verification_uri, and a user who aborts.
  const d2 = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid' } });
  const b2 = await run(path.join(HERE, 'browser.sh'), [d2.body.verification_uri], {
    TEST_BROWSER_LOG: path.join(TMP, 'device2.log'), TEST_BROWSER_USER_CODE: d2.body.user_code, TEST_BROWSER_MODE: 'deny',
  });
  eq(b2.code, 0, 'browser exit (deny)');
  const t2 = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: d2.body.device_code, client_id: CLIENT_ID },
  });
  eq(t2.body.error, 'access_denied', 'poll after abort');
});

await check('RP-initiated logout, fresh browser profile (no session): auto-submitted confirm, redirect with state', async () => {
  const s = await login(main);
  const log = await logout(main, s.tokens.id_token);
  assert(log.some((l) => l.event === 'auto-submit'), 'auto-submit form handled');
});

await check('TEST_BROWSER_COOKIES: session survives (2nd login skips the login form), logout page answered, session ended', async () => {
  const jarFile = path.join(TMP, 'cookies.json');
  const env = { TEST_BROWSER_COOKIES: jarFile };
  const s1 = await login(main, { env });
  assert(s1.log.some((l) => l.event === 'login'), 'first login shows the login form');
  const s2 = await login(main, { env });
  assert(!s2.log.some((l) => l.event === 'login'), 'second login reuses the session');
  assert(s2.log.some((l) => l.event === 'consent'), 'native client: consent again');
  await resetEvents(main);
  const log = await logout(main, s2.tokens.id_token, env);
  assert(log.some((l) => l.event === 'logout' && l.answer === 'yes'), 'logout page answered yes');
  eq((await events(main))['end_session.success'], 1, 'end_session.success');
  const s3 = await login(main, { env });
  assert(s3.log.some((l) => l.event === 'login'), 'after logout the login form is back');
});

await check('response_mode=form_post: the browser POSTs the code to the listener', async () => {
  // startListener only parses query strings; use a dedicated one here.
  const state = 'fp-state';
  const { verifier, challenge } = pkce();
  let resolveBody;
  const got = new Promise((r) => { resolveBody = r; });
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (d) => { data += d; });
    req.on('end', () => { res.end('form_post received'); resolveBody({ method: req.method, url: req.url, data }); });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const redirectUri = `http://127.0.0.1:${server.address().port}/callback`;
    const url = authUrl(main.issuer, {
      client_id: CLIENT_ID, response_type: 'code', scope: SCOPE, redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256', response_mode: 'form_post',
    });
    const b = await run(path.join(HERE, 'browser.sh'), [url], { TEST_BROWSER_LOG: path.join(TMP, 'form_post.log') });
    eq(b.code, 0, 'browser exit');
    const req = await withTimeout(got, 5000, 'form_post');
    eq(req.method, 'POST', 'method');
    const form = new URLSearchParams(req.data);
    eq(form.get('state'), state, 'state');
    const tok = await json('POST', `${main.issuer}/token`, {
      body: {
        grant_type: 'authorization_code', code: form.get('code'), redirect_uri: redirectUri, client_id: CLIENT_ID, code_verifier: verifier,
      },
    });
    eq(tok.status, 200, 'token');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

await check('--access-token-ttl 2: expires_in 2, userinfo 401 after expiry, refresh works', async () => {
  const srv = await startServer(['--access-token-ttl', '2']);
  try {
    const s = await login(srv);
    eq(s.tokens.expires_in, 2, 'expires_in');
    await new Promise((r) => { setTimeout(r, 3100); });
    const u = await json('GET', `${srv.issuer}/me`, { headers: { authorization: `Bearer ${s.tokens.access_token}` } });
    eq(u.status, 401, 'userinfo with expired token');
    const r = await refresh(srv, s.tokens.refresh_token);
    eq(r.status, 200, 'refresh');
    eq(r.body.expires_in, 2, 'refreshed expires_in');
  } finally {
    await srv.stop();
  }
});

await check('--id-token-alg ES256 / PS256 / EdDSA (4 providers in parallel, distinct ports)', async () => {
  const algs = ['ES256', 'PS256', 'EdDSA', 'RS256'];
  const servers = await Promise.all(algs.map((alg) => startServer(['--id-token-alg', alg])));
  try {
    eq(new Set(servers.map((s) => s.port)).size, algs.length, 'distinct ports');
    await Promise.all(servers.map(async (srv, i) => {
      eq(srv.idTokenAlg, algs[i], 'ready line idTokenAlg');
      const s = await login(srv);
      await verifyIdToken(srv, s.tokens.id_token, { alg: algs[i], nonce: s.nonce });
      const r = await refresh(srv, s.tokens.refresh_token);
      await verifyIdToken(srv, r.body.id_token, { alg: algs[i] });
    }));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});

await check('--strict-offline-access: library behaviour, no refresh token without prompt=consent', async () => {
  const srv = await startServer(['--strict-offline-access']);
  try {
    const s = await login(srv);
    assert(!s.tokens.refresh_token, 'no refresh token');
    eq(s.tokens.scope, 'openid profile email', 'offline_access dropped');
    const s2 = await login(srv, { extra: { prompt: 'consent' } });
    assert(s2.tokens.refresh_token, 'refresh token with explicit prompt=consent');
  } finally {
    await srv.stop();
  }
});

await check('make-test-ca.sh + --tls-cert/--tls-key: https issuer, browser.sh trusts via NODE_EXTRA_CA_CERTS and TEST_BROWSER_CA', async () => {
  execFileSync(path.join(HERE, 'make-test-ca.sh'), [caDir], { stdio: 'pipe' });
  for (const f of ['ca.pem', 'server.pem', 'server.key']) assert(fs.existsSync(path.join(caDir, f)), f);
  const ca = fs.readFileSync(path.join(caDir, 'ca.pem'), 'utf8');
  const srv = await startServer(['--tls-cert', path.join(caDir, 'server.pem'), '--tls-key', path.join(caDir, 'server.key')]);
  try {
    eq(srv.issuer, `https://127.0.0.1:${srv.port}`, 'https issuer');
    eq(srv.tls, true, 'tls flag');
    const s = await login(srv, { env: { NODE_EXTRA_CA_CERTS: path.join(caDir, 'ca.pem') }, ca });
    assert(s.tokens.refresh_token, 'tokens over https (NODE_EXTRA_CA_CERTS)');
    await verifyIdToken(srv, s.tokens.id_token, { ca });
    const s2 = await login(srv, { env: { TEST_BROWSER_CA: path.join(caDir, 'ca.pem') }, ca });
    assert(s2.tokens.access_token, 'tokens over https (TEST_BROWSER_CA)');
    // Without the CA the browser must refuse the certificate.
    const logFile = path.join(TMP, 'untrusted.log');
    const b = await run(path.join(HERE, 'browser.sh'), [authUrl(srv.issuer, { client_id: CLIENT_ID })], { TEST_BROWSER_LOG: logFile, NODE_EXTRA_CA_CERTS: '' });
    eq(b.code, 1, 'untrusted certificate fails');
    assert(/self-signed|unable to verify|certificate/i.test(fs.readFileSync(logFile, 'utf8')), 'certificate error logged');
    // The server certificate is an end-entity certificate, not a CA.
    const text = execFileSync('openssl', ['x509', '-in', path.join(caDir, 'server.pem'), '-noout', '-text'], { encoding: 'utf8' });
    assert(/CA:FALSE/.test(text) && /IP Address:127\.0\.0\.1/.test(text) && /DNS:localhost/.test(text), 'server cert extensions');
  } finally {
    await srv.stop();
  }
});

if (process.env.SMOKE_SKIP_CHROMIUM === '1') {
  skip('chromium.sh approve', 'SMOKE_SKIP_CHROMIUM=1');
} else {
  await check('chromium.sh: real headless Chromium logs in, consents, callback page text + screenshot', async () => {
    assert(fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), 'chromium not installed (apt-get install -y chromium)');
    const shot = path.join(TMP, 'callback.png');
    const s = await login(main, { browser: 'chromium.sh', env: { TEST_BROWSER_SCREENSHOT: shot } });
    assert(s.tokens.refresh_token, 'tokens');
    const cb = s.log.find((l) => l.event === 'callback');
    eq(cb?.status, 200, 'callback status');
    assert(cb.text.includes('Smoke login complete'), `page text ${JSON.stringify(cb?.text)}`);
    eq(cb.screenshot, shot, 'screenshot path');
    const png = fs.readFileSync(shot);
    assert(png.subarray(1, 4).toString() === 'PNG' && png.length > 1000, 'screenshot is a PNG');
  });
}

await check('events reset, stdout stays one line, SIGTERM exits 0', async () => {
  await resetEvents(main);
  const ev = await events(main);
  assert(Object.values(ev).every((v) => v === 0), 'all counters zero after reset');
  eq(main.stdout().trim().split('\n').length, 1, 'stdout lines');
  const r = await main.stop();
  eq(r.code, 0, `exit code (signal ${r.signal})`);
});

await check('--exit-on-stdin-close: provider exits when its stdin closes', async () => {
  const srv = await startServer(['--exit-on-stdin-close']);
  srv.proc.stdin.end();
  const r = await Promise.race([srv.exited, new Promise((res) => { setTimeout(() => res('timeout'), 5000); })]);
  eq(r?.code, 0, 'exit code');
});

for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } }
if (failed === 0) fs.rmSync(TMP, { recursive: true, force: true });
else process.stdout.write(`logs kept in ${TMP}\n`);
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed === 0 ? 0 : 1);
