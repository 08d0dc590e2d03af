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
// revokes, and checks the provider's /__test/events counters. Also: token exchange
// (RFC 8693), private_key_jwt assertions for oidctl-jwt built with node:crypto from
// ../fixtures/keys (kid-only RS256/PS256/ES256, x5t#S256-only RS256, wrong keys), the
// client_auth:* counters, introspection/revocation rules, the device flow through
// browser.sh (approve / deny / deny-consent), and the protected API api.mjs.
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

await check('resource indicators: a refresh with resource=R gives a JWT for aud R; a resource outside the grant -> invalid_target', async () => {
  const A = 'https://a.api.test';
  const s = await login(main, { scope: 'openid offline_access a:read a:write', extra: { resource: A } });
  assert(s.tokens.refresh_token, 'refresh token');
  assert(s.tokens.access_token.split('.').length !== 3, 'no resource at the code exchange: an opaque token');
  const r = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'refresh_token', refresh_token: s.tokens.refresh_token, client_id: CLIENT_ID, resource: A },
  });
  eq(r.status, 200, `refresh with resource (${JSON.stringify(r.body)})`);
  const jwt = decodeJwt(r.body.access_token);
  eq(jwt.payload.aud, A, 'aud');
  eq(jwt.payload.scope, 'a:read a:write', 'scope');
  eq(r.body.scope, 'a:read a:write', 'answer scope');
  const jwks = (await json('GET', `${main.issuer}/jwks`)).body;
  const key = crypto.createPublicKey({ key: jwks.keys.find((k) => k.kid === jwt.header.kid), format: 'jwk' });
  assert(crypto.verify('sha256', jwt.signingInput, key, jwt.signature), 'signed with the provider\'s key');
  const down = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'refresh_token', refresh_token: r.body.refresh_token, client_id: CLIENT_ID, resource: A, scope: 'a:read' },
  });
  eq(decodeJwt(down.body.access_token).payload.scope, 'a:read', 'down-scoped');
  const other = await json('POST', `${main.issuer}/token`, {
    body: { grant_type: 'refresh_token', refresh_token: down.body.refresh_token, client_id: CLIENT_ID, resource: 'https://b.api.test' },
  });
  eq(other.body.error, 'invalid_target', 'a resource the sign-in did not name');
});

// ------------------------------------------------------------------ token exchange, client auth, private_key_jwt, API
const KEYS = path.join(HERE, '..', 'fixtures', 'keys');
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const AT_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const CONFIDENTIAL_BASIC = `Basic ${Buffer.from('oidctl-confidential:oidctl-confidential-secret').toString('base64')}`;
const tokenUrl = (srv) => `${srv.issuer}/token`;
const introspectionUrl = (srv) => `${srv.issuer}/token/introspection`;
const revocationUrl = (srv) => `${srv.issuer}/token/revocation`;

const b64json = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const certThumbprint = (file, alg = 'sha256') => crypto.createHash(alg)
  .update(new crypto.X509Certificate(fs.readFileSync(file)).raw).digest('base64url');

// A private_key_jwt client assertion signed with node:crypto (no JOSE library).
function clientAssertion({
  key = 'rs256', alg = 'RS256', header = { kid: key }, aud, iss = 'oidctl-jwt', sub = iss, jti = crypto.randomUUID(), expIn = 60,
}) {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64json({ alg, typ: 'JWT', ...header })}.${b64json({
    iss, sub, aud, jti, iat: now, exp: now + expIn,
  })}`;
  const privateKey = crypto.createPrivateKey(fs.readFileSync(path.join(KEYS, `${key}.key.pem`)));
  let sig;
  switch (alg) {
    case 'RS256': sig = crypto.sign('sha256', Buffer.from(input), privateKey); break;
    case 'PS256': sig = crypto.sign('sha256', Buffer.from(input), { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }); break;
    case 'ES256': sig = crypto.sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }); break;
    default: throw new Error(`alg ${alg}`);
  }
  return `${input}.${sig.toString('base64url')}`;
}
const jwtAuth = (assertion) => ({
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
  client_assertion: assertion,
});
const jwtClientCredentials = (srv, assertion) => json('POST', tokenUrl(srv), {
  body: { grant_type: 'client_credentials', scope: 'api:read', ...jwtAuth(assertion) },
});
const introspect = (srv, token, auth) => json('POST', introspectionUrl(srv), auth === 'confidential'
  ? { headers: { authorization: CONFIDENTIAL_BASIC }, body: { token } }
  : { body: { token, client_id: CLIENT_ID } });
const exchange = (srv, params, auth = 'public') => json('POST', tokenUrl(srv), auth === 'confidential'
  ? { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: TOKEN_EXCHANGE, ...params } }
  : { body: { grant_type: TOKEN_EXCHANGE, client_id: CLIENT_ID, ...params } });

async function startApi(args, { timeoutMs = 20000, env = {} } = {}) {
  const proc = spawn(process.execPath, [path.join(HERE, 'api.mjs'), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env },
  });
  children.add(proc);
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`api did not start in ${timeoutMs} ms; stderr:\n${stderr}`)), timeoutMs);
    proc.stdout.on('data', (d) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl !== -1) {
        clearTimeout(timer);
        try { resolve(JSON.parse(stdout.slice(0, nl))); } catch (e) { reject(e); }
      }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`api exited ${code}; stderr:\n${stderr}`)); });
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
const bearer = (token) => ({ authorization: `Bearer ${token}` });

await check('discovery lists the token-exchange grant; oidctl-jwt registered with kids rs256/ps256/es256, x5t#S256 on rs256', async () => {
  const d = await json('GET', `${main.issuer}/.well-known/openid-configuration`);
  assert(d.body.grant_types_supported.includes(TOKEN_EXCHANGE), `grant_types_supported ${d.body.grant_types_supported}`);
  assert(d.body.token_endpoint_auth_methods_supported.includes('private_key_jwt'), 'private_key_jwt advertised');
  eq(d.body.token_endpoint_auth_signing_alg_values_supported.join(' '), 'HS256 RS256 PS256 ES256', 'assertion algs');
  const cfg = (await json('GET', `${main.issuer}/__test/config`)).body;
  const jwtClient = cfg.clients.find((c) => c.client_id === 'oidctl-jwt');
  eq(jwtClient?.token_endpoint_auth_method, 'private_key_jwt', 'auth method');
  eq(jwtClient.jwks.keys.map((k) => k.kid).join(' '), 'rs256 ps256 es256', 'kids');
  const rs = jwtClient.jwks.keys[0];
  eq(rs['x5t#S256'], certThumbprint(path.join(KEYS, 'rs256.cert.pem')), 'rs256 x5t#S256');
  assert(Array.isArray(rs.x5c) && rs.x5c.length === 1, 'rs256 x5c');
  assert(jwtClient.jwks.keys.every((k) => !('d' in k)), 'public keys only');
  for (const id of ['oidctl-test', 'oidctl-confidential']) {
    assert(cfg.clients.find((c) => c.client_id === id).grant_types.includes(TOKEN_EXCHANGE), `${id} may exchange`);
  }
});

await check('private_key_jwt: kid-only RS256, PS256, ES256 and x5t#S256-only RS256 assertions get client_credentials tokens', async () => {
  await resetEvents(main);
  const aud = tokenUrl(main);
  const cases = [
    { key: 'rs256', alg: 'RS256', header: { kid: 'rs256' } },
    { key: 'ps256', alg: 'PS256', header: { kid: 'ps256' } },
    { key: 'es256', alg: 'ES256', header: { kid: 'es256' } },
    { key: 'rs256', alg: 'RS256', header: { 'x5t#S256': certThumbprint(path.join(KEYS, 'rs256.cert.pem')) } },
  ];
  for (const c of cases) {
    const r = await jwtClientCredentials(main, clientAssertion({ ...c, aud }));
    eq(r.status, 200, `${c.alg} ${JSON.stringify(c.header)}: ${JSON.stringify(r.body)}`);
    eq(r.body.scope, 'api:read', 'scope');
    const i = await introspect(main, r.body.access_token, 'confidential');
    eq(i.body.client_id, 'oidctl-jwt', 'token client_id');
  }
  const ev = await events(main);
  eq(ev['client_auth:token:private_key_jwt'], 4, 'client_auth:token:private_key_jwt');
  eq(ev['client_assertion_alg:RS256'], 2, 'RS256 assertions');
  eq(ev['client_assertion_alg:PS256'], 1, 'PS256 assertions');
  eq(ev['client_assertion_alg:ES256'], 1, 'ES256 assertions');
  eq(ev['client_assertion_header:kid'], 3, 'assertions with kid');
  eq(ev['client_assertion_header:x5t#S256'], 1, 'assertions with x5t#S256');
  eq(ev['client_assertion_header:alg'], 4, 'alg header');
  eq(ev['client_assertion_key:rs256'], 2, 'verified by rs256');
  eq(ev['client_assertion_key:es256'], 1, 'verified by es256');
  eq(ev['grant.success:client_credentials'], 4, 'client_credentials grants');
});

await check('private_key_jwt: aud = issuer or token URL (array ok); at introspection also its URL; wrong key/aud/cert, replay, EdDSA -> invalid_client', async () => {
  const ok = async (assertion, what) => {
    const r = await jwtClientCredentials(main, assertion);
    eq(r.status, 200, `${what}: ${JSON.stringify(r.body)}`);
    return r.body.access_token;
  };
  const bad = async (assertion, what) => {
    const r = await jwtClientCredentials(main, assertion);
    eq(r.status, 401, `${what} status`);
    eq(r.body.error, 'invalid_client', `${what} error`);
  };
  await resetEvents(main);
  const token = await ok(clientAssertion({ aud: main.issuer }), 'aud = issuer');
  await ok(clientAssertion({ aud: ['https://other.example', tokenUrl(main)] }), 'aud array with the token URL');
  await ok(clientAssertion({ header: { x5t: certThumbprint(path.join(KEYS, 'rs256.cert.pem'), 'sha1') }, aud: main.issuer }), 'x5t (SHA-1) only');
  await ok(clientAssertion({
    key: 'es256', alg: 'ES256', header: { 'x5t#S256': certThumbprint(path.join(KEYS, 'es256.cert.pem')) }, aud: main.issuer,
  }), 'ES256 with x5t#S256 only');
  await bad(clientAssertion({ aud: introspectionUrl(main) }), 'aud = introspection URL at the token endpoint');
  await bad(clientAssertion({ aud: 'https://other.example/token' }), 'foreign aud');
  await bad(clientAssertion({ key: 'attacker', header: { kid: 'rs256' }, aud: main.issuer }), 'attacker key with kid rs256');
  await bad(clientAssertion({ key: 'attacker', header: {}, aud: main.issuer }), 'attacker key, no kid');
  await bad(clientAssertion({ key: 'attacker', header: { 'x5t#S256': certThumbprint(path.join(KEYS, 'attacker.cert.pem')) }, aud: main.issuer }), 'attacker key + its cert thumbprint');
  // The right key but a thumbprint naming another certificate: only server.mjs's check catches it.
  await bad(clientAssertion({ header: { 'x5t#S256': certThumbprint(path.join(KEYS, 'attacker.cert.pem')) }, aud: main.issuer }), 'x5t#S256 of an unregistered cert');
  await bad(clientAssertion({ header: { 'x5t#S256': certThumbprint(path.join(KEYS, 'es256.cert.pem')) }, aud: main.issuer }), 'x5t#S256 of the es256 cert on an RS256 assertion');
  await bad(clientAssertion({ key: 'ps256', alg: 'PS256', header: { kid: 'rs256' }, aud: main.issuer }), 'kid of another key');
  // Those two thumbprint cases passed oidc-provider's own signature check (it tried the
  // registered RSA keys, ignoring x5t#S256) and were refused by server.mjs's hook.
  const xev = await events(main);
  eq(xev['client_assertion.x5t#S256_unknown'], 1, 'unregistered thumbprint caught by server.mjs');
  eq(xev['client_assertion.x5t#S256_mismatch'], 1, 'thumbprint of another key caught by server.mjs');
  const jti = crypto.randomUUID();
  await ok(clientAssertion({ aud: main.issuer, jti }), 'first use of a jti');
  await bad(clientAssertion({ aud: main.issuer, jti }), 'replayed jti');
  await bad(clientAssertion({ aud: main.issuer, expIn: -10 }), 'expired assertion');
  // EdDSA is not an allowed assertion alg (the header alone is enough to be refused).
  const edHeader = `${b64json({ alg: 'EdDSA', kid: 'rs256' })}.${b64json({
    iss: 'oidctl-jwt', sub: 'oidctl-jwt', aud: main.issuer, jti: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) + 60,
  })}.AAAA`;
  await bad(edHeader, 'EdDSA assertion');
  // A client secret for the private_key_jwt client is the wrong mechanism.
  const s = await json('POST', tokenUrl(main), { body: { grant_type: 'client_credentials', client_id: 'oidctl-jwt', client_secret: 'x' } });
  eq(s.body.error, 'invalid_client', 'client_secret for oidctl-jwt');
  // At the introspection endpoint its own URL is an accepted aud too.
  await resetEvents(main);
  const i = await json('POST', introspectionUrl(main), { body: { token, ...jwtAuth(clientAssertion({ aud: introspectionUrl(main) })) } });
  eq(i.status, 200, `introspection with aud = introspection URL: ${JSON.stringify(i.body)}`);
  eq(i.body.active, true, 'oidctl-jwt introspects its token');
  const rv = await json('POST', revocationUrl(main), { body: { token, ...jwtAuth(clientAssertion({ aud: revocationUrl(main) })) } });
  eq(rv.status, 200, 'revocation by oidctl-jwt');
  eq((await introspect(main, token, 'confidential')).body.active, false, 'revoked');
  const ev = await events(main);
  eq(ev['client_auth:introspection:private_key_jwt'], 1, 'client_auth:introspection:private_key_jwt');
  eq(ev['client_auth:revocation:private_key_jwt'], 1, 'client_auth:revocation:private_key_jwt');
  eq(ev['client_auth:introspection:client_secret_basic'], 1, 'client_auth:introspection:client_secret_basic');
});

await check('client_auth counters: basic, post, none at token, introspection, revocation, device_authorization', async () => {
  await resetEvents(main);
  await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
  const post = await json('POST', tokenUrl(main), {
    body: {
      grant_type: 'client_credentials', scope: 'api:read', client_id: 'oidctl-confidential', client_secret: 'oidctl-confidential-secret',
    },
  });
  await json('POST', introspectionUrl(main), { body: { token: post.body.access_token, client_id: 'oidctl-confidential', client_secret: 'oidctl-confidential-secret' } });
  await json('POST', revocationUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { token: post.body.access_token } });
  await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid' } });
  await json('POST', introspectionUrl(main), { body: { token: 'nope', client_id: CLIENT_ID } });
  await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', client_secret: 'x' } });
  const ev = await events(main);
  eq(ev['client_auth:token:client_secret_basic'], 1, 'token basic');
  eq(ev['client_auth:token:client_secret_post'], 1, 'token post');
  eq(ev['client_auth:token:multiple'], 1, 'token basic + post');
  eq(ev['client_auth:introspection:client_secret_post'], 1, 'introspection post');
  eq(ev['client_auth:introspection:none'], 1, 'introspection none');
  eq(ev['client_auth:revocation:client_secret_basic'], 1, 'revocation basic');
  eq(ev['client_auth:device_authorization:none'], 1, 'device_authorization none');
  assert(!Object.keys(ev).some((k) => k.startsWith('client_assertion')), 'no client_assertion counters');
});

await check('introspection/revocation rules: public client own tokens only, confidential introspects any, revokes only its own', async () => {
  const s = await login(main, { scope: 'openid api:read offline_access' });
  const cc = await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
  const mine = await introspect(main, s.tokens.access_token);
  eq(mine.body.active, true, 'oidctl-test introspects its access token');
  eq(mine.body.sub, 'alice', 'sub');
  eq(mine.body.token_type, 'Bearer', 'token_type');
  const rt = await introspect(main, s.tokens.refresh_token);
  eq(rt.body.active, true, 'oidctl-test introspects its refresh token');
  eq(rt.body.token_type, undefined, 'no token_type for a refresh token');
  eq((await introspect(main, cc.body.access_token)).body.active, false, 'oidctl-test cannot introspect another client\'s token');
  const byApi = await introspect(main, s.tokens.access_token, 'confidential');
  eq(byApi.body.active, true, 'oidctl-confidential introspects oidctl-test\'s token');
  eq(byApi.body.client_id, CLIENT_ID, 'client_id');
  eq(byApi.body.sub, 'alice', 'sub');
  eq(byApi.body.scope, 'openid api:read offline_access', 'scope');
  // Public client "revokes" another client's token: 200, nothing happens.
  const r1 = await json('POST', revocationUrl(main), { body: { token: cc.body.access_token, client_id: CLIENT_ID } });
  eq(r1.status, 200, 'public revocation of a foreign token: 200');
  eq((await introspect(main, cc.body.access_token, 'confidential')).body.active, true, 'foreign token untouched');
  // Confidential client revoking oidctl-test's token: invalid_request.
  const r2 = await json('POST', revocationUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { token: s.tokens.access_token } });
  eq(r2.status, 400, 'confidential revocation of a foreign token: 400');
  eq(r2.body.error, 'invalid_request', 'error');
  eq((await introspect(main, s.tokens.access_token)).body.active, true, 'still active');
  // oidctl-test revokes its own access token: inactive, exactly {"active":false}.
  const r3 = await json('POST', revocationUrl(main), { body: { token: s.tokens.access_token, client_id: CLIENT_ID } });
  eq(r3.status, 200, 'own revocation');
  const gone = await introspect(main, s.tokens.access_token);
  eq(JSON.stringify(gone.body), '{"active":false}', 'revoked token introspection');
  eq(JSON.stringify((await introspect(main, s.tokens.access_token, 'confidential')).body), '{"active":false}', 'revoked, seen by the confidential client');
});

await check('token exchange: oidctl-test own token -> new access token with audience and narrower scope, introspectable with aud', async () => {
  const s = await login(main, { scope: 'openid profile api:read offline_access' });
  await resetEvents(main);
  const x = await exchange(main, {
    subject_token: s.tokens.access_token, subject_token_type: AT_TYPE, audience: 'https://api.example/', scope: 'api:read', requested_token_type: AT_TYPE,
  });
  eq(x.status, 200, `exchange ${JSON.stringify(x.body)}`);
  eq(Object.keys(x.body).sort().join(' '), 'access_token expires_in issued_token_type scope token_type', 'response members');
  eq(x.body.issued_token_type, AT_TYPE, 'issued_token_type');
  eq(x.body.token_type, 'Bearer', 'token_type');
  eq(x.body.expires_in, 3600, 'expires_in');
  eq(x.body.scope, 'api:read', 'scope');
  assert(x.body.access_token !== s.tokens.access_token, 'a new token');
  for (const who of ['public', 'confidential']) {
    const i = await introspect(main, x.body.access_token, who);
    eq(i.body.active, true, `${who}: active`);
    eq(i.body.aud, 'https://api.example/', `${who}: aud`);
    eq(i.body.sub, 'alice', `${who}: sub`);
    eq(i.body.client_id, CLIENT_ID, `${who}: client_id`);
    eq(i.body.scope, 'api:read', `${who}: scope`);
  }
  // Without scope/audience: same scope as the subject token, no aud.
  const y = await exchange(main, { subject_token: s.tokens.access_token, subject_token_type: AT_TYPE });
  eq(y.body.scope, 'openid profile api:read offline_access', 'default scope');
  eq((await introspect(main, y.body.access_token)).body.aud, undefined, 'no aud');
  // audience + resource: both in aud.
  const z = await exchange(main, {
    subject_token: s.tokens.access_token, subject_token_type: AT_TYPE, audience: 'api-one', resource: 'https://two.example/api',
  });
  eq(JSON.stringify((await introspect(main, z.body.access_token)).body.aud), '["api-one","https://two.example/api"]', 'aud array');
  const ev = await events(main);
  eq(ev[`grant.success:${TOKEN_EXCHANGE}`], 3, 'token-exchange grants');
  eq(ev['client_auth:token:none'], 3, 'public client: none');
  // Same Grant: revoking the subject access token revokes the exchanged ones too.
  await json('POST', revocationUrl(main), { body: { token: s.tokens.access_token, client_id: CLIENT_ID } });
  eq((await introspect(main, x.body.access_token)).body.active, false, 'exchanged token revoked with its grant');
});

await check('token exchange errors: invalid_request, invalid_scope, invalid_grant (unknown, revoked, client_credentials, foreign), not allowed for oidctl-jwt', async () => {
  const s = await login(main, { scope: 'openid api:read' });
  await resetEvents(main);
  const st = s.tokens.access_token;
  const e1 = await exchange(main, { subject_token: st, subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' });
  eq(e1.body.error, 'invalid_request', 'id_token subject_token_type');
  assert(/subject_token_type/.test(e1.body.error_description), e1.body.error_description);
  const e2 = await exchange(main, { subject_token_type: AT_TYPE });
  eq(e2.body.error, 'invalid_request', 'missing subject_token');
  assert(/subject_token/.test(e2.body.error_description), e2.body.error_description);
  const e3 = await exchange(main, { subject_token: st });
  eq(e3.body.error, 'invalid_request', 'missing subject_token_type');
  const e4 = await exchange(main, { subject_token: st, subject_token_type: AT_TYPE, requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' });
  eq(e4.body.error, 'invalid_request', 'requested refresh_token');
  assert(/requested_token_type/.test(e4.body.error_description), e4.body.error_description);
  const e5 = await exchange(main, { subject_token: st, subject_token_type: AT_TYPE, scope: 'api:read api:write' });
  eq(e5.body.error, 'invalid_scope', 'scope beyond the subject token');
  const e6 = await exchange(main, { subject_token: 'not-a-token', subject_token_type: AT_TYPE });
  eq(e6.status, 400, 'unknown status');
  eq(e6.body.error, 'invalid_grant', 'unknown subject token');
  const e7 = await exchange(main, { subject_token: s.tokens.id_token, subject_token_type: AT_TYPE });
  eq(e7.body.error, 'invalid_grant', 'an id_token as subject token');
  const cc = await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
  const e8 = await exchange(main, { subject_token: cc.body.access_token, subject_token_type: AT_TYPE }, 'confidential');
  eq(e8.body.error, 'invalid_grant', 'client_credentials subject token');
  assert(/client_credentials/.test(e8.body.error_description), e8.body.error_description);
  const e9 = await json('POST', tokenUrl(main), {
    body: {
      grant_type: TOKEN_EXCHANGE, subject_token: st, subject_token_type: AT_TYPE, ...jwtAuth(clientAssertion({ aud: main.issuer })),
    },
  });
  eq(e9.body.error, 'invalid_request', 'oidctl-jwt may not use the grant');
  const e10 = await exchange(main, { subject_token: st, subject_token_type: AT_TYPE, actor_token: st, actor_token_type: AT_TYPE });
  eq(e10.body.error, 'invalid_request', 'actor_token refused');
  await json('POST', revocationUrl(main), { body: { token: st, client_id: CLIENT_ID } });
  const e11 = await exchange(main, { subject_token: st, subject_token_type: AT_TYPE });
  eq(e11.body.error, 'invalid_grant', 'revoked subject token');
  const ev = await events(main);
  eq(ev[`grant.error:${TOKEN_EXCHANGE}`], 11, 'token-exchange errors');
  eq(ev[`grant.error:${TOKEN_EXCHANGE}:invalid_grant`], 4, 'invalid_grant errors');
  eq(ev[`grant.error:${TOKEN_EXCHANGE}:invalid_scope`], 1, 'invalid_scope errors');
  eq(ev[`grant.success:${TOKEN_EXCHANGE}`], 0, 'no success');
});

await check('token exchange by oidctl-confidential of an oidctl-test token: its own token for alice, own Grant; public client cannot exchange foreign tokens', async () => {
  const s = await login(main, { scope: 'openid api:read offline_access' });
  const x = await exchange(main, { subject_token: s.tokens.access_token, subject_token_type: AT_TYPE, audience: 'downstream' }, 'confidential');
  eq(x.status, 200, `exchange ${JSON.stringify(x.body)}`);
  const i = await introspect(main, x.body.access_token, 'confidential');
  eq(i.body.active, true, 'active');
  eq(i.body.client_id, 'oidctl-confidential', 'client_id of the caller');
  eq(i.body.sub, 'alice', 'same account');
  eq(i.body.aud, 'downstream', 'aud');
  const cc = await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
  const pub = await exchange(main, { subject_token: x.body.access_token, subject_token_type: AT_TYPE });
  eq(pub.body.error, 'invalid_grant', 'public client, foreign token');
  eq((await exchange(main, { subject_token: cc.body.access_token, subject_token_type: AT_TYPE })).body.error, 'invalid_grant', 'public client, cc token');
  // Its own Grant: revoking alice's session token leaves it alive.
  await json('POST', revocationUrl(main), { body: { token: s.tokens.refresh_token, client_id: CLIENT_ID } });
  eq((await introspect(main, s.tokens.access_token, 'confidential')).body.active, false, 'subject grant revoked');
  eq((await introspect(main, x.body.access_token, 'confidential')).body.active, true, 'exchanged token independent');
});

await check('api.mjs: ready line, 401 challenges, /me, /status/NNN, counters, revoked and exchanged tokens', async () => {
  const api = await startApi(['--issuer', main.issuer]);
  try {
    eq(api.url, `http://127.0.0.1:${new URL(api.url).port}`, 'url');
    eq(typeof api.pid, 'number', 'pid');
    const none = await json('GET', `${api.url}/me`);
    eq(none.status, 401, 'no token');
    eq(none.headers['www-authenticate'], 'Bearer realm="oidctl-test-api"', 'challenge without token');
    assert(none.body && typeof none.body === 'object', 'JSON body');
    const basicAuth = await json('GET', `${api.url}/me`, { headers: { authorization: CONFIDENTIAL_BASIC } });
    eq(basicAuth.headers['www-authenticate'], 'Bearer realm="oidctl-test-api"', 'non-Bearer = no token');
    const junk = await json('GET', `${api.url}/me`, { headers: bearer('junk-token') });
    eq(junk.status, 401, 'junk token');
    eq(junk.headers['www-authenticate'], 'Bearer realm="oidctl-test-api", error="invalid_token", error_description="the access token is not active"', 'invalid_token challenge');
    eq(junk.body.error, 'invalid_token', 'body error');
    const s = await login(main, { scope: 'openid api:read offline_access' });
    await resetEvents(main);
    const me = await json('GET', `${api.url}/me`, { headers: bearer(s.tokens.access_token) });
    eq(me.status, 200, `me ${JSON.stringify(me.body)}`);
    eq(JSON.stringify(me.body), JSON.stringify({
      sub: 'alice', client_id: CLIENT_ID, scope: 'openid api:read offline_access', aud: null, method: 'GET', body: '',
    }), '/me body');
    const posted = await json('POST', `${api.url}/me`, { headers: { ...bearer(s.tokens.access_token), 'content-type': 'application/json' }, body: '{"a":1}' });
    eq(posted.body.method, 'POST', 'method');
    eq(posted.body.body, '{"a":1}', 'body');
    const del = await json('DELETE', `${api.url}/me`, { headers: bearer(s.tokens.access_token) });
    eq(del.body.method, 'DELETE', 'DELETE');
    const teapot = await json('GET', `${api.url}/status/418`, { headers: bearer(s.tokens.access_token) });
    eq(teapot.status, 418, 'status 418');
    eq(teapot.body.status, 418, 'status body');
    const st503 = await json('PUT', `${api.url}/status/503`, { headers: bearer(s.tokens.access_token) });
    eq(st503.status, 503, 'status 503');
    eq((await json('GET', `${api.url}/status/500`)).status, 401, '/status needs a token');
    eq((await json('GET', `${api.url}/elsewhere`)).status, 404, 'unknown route');
    const rt = await json('GET', `${api.url}/me`, { headers: bearer(s.tokens.refresh_token) });
    eq(rt.status, 401, 'a refresh token is not an access token');
    const cc = await json('POST', tokenUrl(main), { headers: { authorization: CONFIDENTIAL_BASIC }, body: { grant_type: 'client_credentials', scope: 'api:read' } });
    const ccMe = await json('GET', `${api.url}/me`, { headers: bearer(cc.body.access_token) });
    eq(ccMe.body.sub, null, 'client_credentials: no sub');
    eq(ccMe.body.client_id, 'oidctl-confidential', 'client_credentials client_id');
    const x = await exchange(main, { subject_token: s.tokens.access_token, subject_token_type: AT_TYPE, audience: 'oidctl-test-api', scope: 'api:read' });
    const xm = await json('GET', `${api.url}/me`, { headers: bearer(x.body.access_token) });
    eq(xm.body.aud, 'oidctl-test-api', 'exchanged token aud at the API');
    eq(xm.body.scope, 'api:read', 'exchanged token scope');
    await json('POST', revocationUrl(main), { body: { token: s.tokens.access_token, client_id: CLIENT_ID } });
    const revoked = await json('GET', `${api.url}/me`, { headers: bearer(s.tokens.access_token) });
    eq(revoked.status, 401, 'revoked token');
    eq(revoked.headers['www-authenticate'], 'Bearer realm="oidctl-test-api", error="invalid_token", error_description="the access token is not active"', 'revoked challenge');
    const ev = (await json('GET', `${api.url}/__test/events`)).body;
    eq(JSON.stringify(ev), JSON.stringify({
      requests: 13, authorized: 7, unauthorized: 6, retry_401_sent: 0, seen_tokens: 5,
    }), 'api counters');
    const pev = await events(main);
    eq(pev['client_auth:introspection:client_secret_basic'], 9, 'the API introspects with client_secret_basic (every request after the reset)');
    eq(api.stdout().trim().split('\n').length, 1, 'one stdout line');
    for (const t of [s.tokens.access_token, s.tokens.refresh_token, cc.body.access_token]) {
      assert(!api.stdout().includes(t) && !api.stderr().includes(t), 'tokens never printed');
    }
    const r = await api.stop();
    eq(r.code, 0, 'SIGTERM exit code');
  } finally {
    await api.stop();
  }
});

await check('api.mjs --fail-first 2: valid token refused twice (retry_401_sent), then served; --exit-on-stdin-close', async () => {
  const api = await startApi(['--issuer', main.issuer, '--fail-first', '2', '--exit-on-stdin-close']);
  try {
    const s = await login(main, { scope: 'openid api:read' });
    const junk = await json('GET', `${api.url}/me`, { headers: bearer('junk') });
    eq(junk.body.error_description, 'the access token is not active', 'an invalid token does not use up --fail-first');
    for (let i = 0; i < 2; i += 1) {
      const r = await json('GET', `${api.url}/me`, { headers: bearer(s.tokens.access_token) });
      eq(r.status, 401, `attempt ${i + 1}`);
      eq(r.headers['www-authenticate'], 'Bearer realm="oidctl-test-api", error="invalid_token", error_description="token revoked (test)"', 'fail-first challenge');
    }
    const ok = await json('GET', `${api.url}/me`, { headers: bearer(s.tokens.access_token) });
    eq(ok.status, 200, 'third attempt');
    const ev = (await json('GET', `${api.url}/__test/events`)).body;
    eq(JSON.stringify(ev), JSON.stringify({
      requests: 4, authorized: 1, unauthorized: 1, retry_401_sent: 2, seen_tokens: 2,
    }), 'api counters');
    api.proc.stdin.end();
    const r = await Promise.race([api.exited, new Promise((res) => { setTimeout(() => res('timeout'), 5000); })]);
    eq(r?.code, 0, 'exit on stdin close');
  } finally {
    await api.stop();
  }
});

await check('api.mjs: bad flags exit 2, unreachable issuer exits 1', async () => {
  const a = await run(process.execPath, [path.join(HERE, 'api.mjs')]);
  eq(a.code, 2, 'no --issuer');
  eq(a.stdout, '', 'nothing on stdout');
  const b = await run(process.execPath, [path.join(HERE, 'api.mjs'), '--issuer', main.issuer, '--fail-first', 'x']);
  eq(b.code, 2, 'bad --fail-first');
  const c = await run(process.execPath, [path.join(HERE, 'api.mjs'), '--issuer', 'http://127.0.0.1:9']);
  eq(c.code, 1, 'discovery fails');
  eq(c.stdout, '', 'no ready line');
});

async function pollDevice(srv, deviceCode) {
  return json('POST', tokenUrl(srv), {
    body: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: CLIENT_ID },
  });
}
async function deviceBrowser(url, env) {
  const logFile = path.join(TMP, `device-${crypto.randomBytes(4).toString('hex')}.log`);
  const b = await run(path.join(HERE, 'browser.sh'), [url], { TEST_BROWSER_LOG: logFile, ...env });
  const log = readLog(logFile);
  assert(b.stdout === '' && b.stderr === '', 'browser quiet');
  eq(b.code, 0, `browser exit; log:\n${log.map((l) => JSON.stringify(l)).join('\n')}`);
  return log;
}

await check('device flow facts: no interval in the response, no slow_down on fast polling, 2nd poll after success -> invalid_grant and the grant dies', async () => {
  const d = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: SCOPE } });
  eq(Object.keys(d.body).sort().join(' '), 'device_code expires_in user_code verification_uri verification_uri_complete', 'response members');
  eq(d.body.expires_in, 600, 'expires_in');
  eq(d.body.verification_uri, `${main.issuer}/device`, 'verification_uri');
  eq(d.body.verification_uri_complete, `${main.issuer}/device?user_code=${encodeURIComponent(d.body.user_code)}`, 'verification_uri_complete');
  const polls = await Promise.all(Array.from({ length: 10 }, () => pollDevice(main, d.body.device_code)));
  assert(polls.every((p) => p.status === 400 && p.body.error === 'authorization_pending'), `10 immediate polls: ${polls.map((p) => p.body.error)}`);
  await deviceBrowser(d.body.verification_uri, { TEST_BROWSER_USER_CODE: d.body.user_code, TEST_BROWSER_USER: 'dave' });
  const t = await pollDevice(main, d.body.device_code);
  eq(t.status, 200, `token ${JSON.stringify(t.body)}`);
  eq((await introspect(main, t.body.access_token)).body.sub, 'dave', 'sub');
  const again = await pollDevice(main, d.body.device_code);
  eq(again.body.error, 'invalid_grant', 'second poll after success');
  eq((await introspect(main, t.body.access_token)).body.active, false, 'the second poll revoked the grant');
  eq((await refresh(main, t.body.refresh_token)).body.error, 'invalid_grant', 'refresh token dead too');
});

await check('device flow through browser.sh: approve (typed code), deny at confirm (verification_uri_complete), deny-consent', async () => {
  await resetEvents(main);
  const a = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid offline_access' } });
  const alog = await deviceBrowser(a.body.verification_uri, { TEST_BROWSER_USER_CODE: a.body.user_code });
  assert(alog.some((l) => l.event === 'device-code') && alog.some((l) => l.event === 'device-confirm'), 'typed and confirmed');
  assert(alog.some((l) => l.event === 'page' && /Sign-in Success/i.test(l.text || '')), 'success page');
  const at = await pollDevice(main, a.body.device_code);
  eq(at.status, 200, 'approved: token');
  assert(at.body.access_token && at.body.id_token && at.body.refresh_token, 'tokens');
  eq(at.body.scope, 'openid offline_access', 'scope');

  const d = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid' } });
  const dlog = await deviceBrowser(d.body.verification_uri_complete, { TEST_BROWSER_MODE: 'deny' });
  assert(dlog.some((l) => l.event === 'abort' && l.at === 'device-confirm'), 'aborted at the confirm page');
  assert(!dlog.some((l) => l.event === 'login'), 'no login');
  const dt = await pollDevice(main, d.body.device_code);
  eq(dt.body.error, 'access_denied', 'denied: access_denied');
  eq(dt.body.error_description, 'End-User aborted interaction', 'denied: description');
  eq((await pollDevice(main, d.body.device_code)).body.error, 'invalid_grant', 'poll after access_denied');

  const c = await json('POST', `${main.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid' } });
  const clog = await deviceBrowser(c.body.verification_uri_complete, { TEST_BROWSER_MODE: 'deny-consent' });
  assert(clog.some((l) => l.event === 'login') && clog.some((l) => l.event === 'abort' && l.at === 'consent'), 'logged in, aborted at consent');
  const ct = await pollDevice(main, c.body.device_code);
  eq(ct.body.error, 'access_denied', 'deny-consent: access_denied');
  const ev = await events(main);
  eq(ev['grant.success:urn:ietf:params:oauth:grant-type:device_code'], 1, 'device grants');
  eq(ev['grant.error:urn:ietf:params:oauth:grant-type:device_code:access_denied'], 2, 'access_denied counted');
});

await check('--device-interval 1 --device-slow-down 2: interval in the answer, 2 slow_down, then authorization_pending, then tokens', async () => {
  const srv = await startServer(['--device-interval', '1', '--device-slow-down', '2']);
  try {
    const d = await json('POST', `${srv.issuer}/device/auth`, { body: { client_id: CLIENT_ID, scope: 'openid' } });
    eq(d.body.interval, 1, 'interval');
    assert(d.body.device_code && d.body.verification_uri_complete, 'other members');
    const errs = [];
    for (let i = 0; i < 3; i += 1) errs.push((await pollDevice(srv, d.body.device_code)).body.error);
    eq(errs.join(' '), 'slow_down slow_down authorization_pending', 'poll answers');
    await deviceBrowser(d.body.verification_uri_complete, {});
    eq((await pollDevice(srv, d.body.device_code)).status, 200, 'tokens');
    const ev = await events(srv);
    eq(ev['test.slow_down_sent'], 2, 'test.slow_down_sent');
  } finally {
    await srv.stop();
  }
});

await check('--client-keys DIR: only the keys found (warning for the rest); no keys -> no oidctl-jwt client', async () => {
  const dir = path.join(TMP, 'client-keys');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(KEYS, 'es256.pub.pem'), path.join(dir, 'es256.pub.pem'));
  const empty = path.join(TMP, 'client-keys-empty');
  fs.mkdirSync(empty, { recursive: true });
  const [one, none] = await Promise.all([startServer(['--client-keys', dir]), startServer([`--client-keys=${empty}`])]);
  try {
    const c1 = (await json('GET', `${one.issuer}/__test/config`)).body;
    const jwtClient = c1.clients.find((c) => c.client_id === 'oidctl-jwt');
    eq(jwtClient.jwks.keys.map((k) => k.kid).join(' '), 'es256', 'only es256');
    assert(!('x5c' in jwtClient.jwks.keys[0]), 'no certificate, no x5c');
    assert(/rs256\.pub\.pem not found/.test(one.stderr()), 'warning on stderr');
    const ok = await jwtClientCredentials(one, clientAssertion({ key: 'es256', alg: 'ES256', header: { kid: 'es256' }, aud: one.issuer }));
    eq(ok.status, 200, 'es256 assertion');
    const c2 = (await json('GET', `${none.issuer}/__test/config`)).body;
    assert(!c2.clients.some((c) => c.client_id === 'oidctl-jwt'), 'no oidctl-jwt');
    const r = await jwtClientCredentials(none, clientAssertion({ aud: none.issuer }));
    eq(r.body.error, 'invalid_client', 'unknown client');
    eq(one.stdout().trim().split('\n').length, 1, 'one stdout line');
  } finally {
    await Promise.all([one.stop(), none.stop()]);
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
    // api.mjs against the https issuer, trusting the CA through NODE_EXTRA_CA_CERTS.
    const api = await startApi(['--issuer', srv.issuer], { env: { NODE_EXTRA_CA_CERTS: path.join(caDir, 'ca.pem') } });
    try {
      const me = await json('GET', `${api.url}/me`, { headers: bearer(s2.tokens.access_token) });
      eq(me.status, 200, `api.mjs over an https issuer: ${JSON.stringify(me.body)}`);
    } finally {
      await api.stop();
    }
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
