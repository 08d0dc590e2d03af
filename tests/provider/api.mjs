#!/usr/bin/env node
// oidctl test protected API (a resource server) for the test provider (server.mjs).
//
// Usage: node api.mjs --issuer URL [--fail-first N] [--exit-on-stdin-close] [--log-requests]
//
// At start it reads the issuer's discovery document (URL/.well-known/openid-configuration),
// binds 127.0.0.1 on a random free port and prints exactly ONE line of JSON on stdout,
// nothing else, ever:
//
//   {"url":"http://127.0.0.1:41235","pid":123}
//
// Then it runs until SIGTERM / SIGINT (exit 0). Errors and --log-requests lines go to
// stderr. Exit 2 on bad flags, 1 when discovery fails.
//
// Every request to a protected route must carry `Authorization: Bearer TOKEN`. The API
// checks TOKEN on EVERY request (no cache) by POSTing it to the provider's
// introspection_endpoint, authenticated as oidctl-confidential /
// oidctl-confidential-secret with client_secret_basic. The token is good when the answer
// is active:true with token_type "Bearer" (refresh tokens introspect as active too, but
// without token_type: they are refused).
//
// Routes (any HTTP method):
//   /me            200 {"sub","client_id","scope","aud","method","body"} (and "claims"
//                  with --require-claims: each required claim's value or null) from the
//                  introspection answer (null when absent; client_credentials tokens have
//                  no sub), the request's method, and its body as text ("" if none)
//   /status/NNN    answers status NNN (200-599) with {"status":NNN}, still requiring a
//                  valid token (no body for 204 and 304)
//   /__test/events no auth: counters {"requests","authorized","unauthorized",
//                  "retry_401_sent","seen_tokens"}, and "claims_challenges_sent" with
//                  --require-claims
//   anything else  404 {"error":"not_found"} (no auth needed)
//
// 401 answers (JSON body {"error":...,"error_description":...}):
//   no token (no Authorization header, or not "Bearer <token>"):
//     WWW-Authenticate: Bearer realm="oidctl-test-api"
//   token not active (unknown, expired, revoked, a refresh token):
//     WWW-Authenticate: Bearer realm="oidctl-test-api", error="invalid_token", error_description="the access token is not active"
// Introspection itself failing (provider down, bad answer): 502 {"error":"introspection_failed"}.
//
// Counters: requests = requests to protected routes (/me, /status/NNN);
// authorized = those answered normally with a valid token; unauthorized = 401s for a
// missing or inactive token; retry_401_sent = the --fail-first 401s; seen_tokens =
// number of distinct bearer tokens presented (valid or not; only their SHA-256 is kept).
//
// Flags:
//   --issuer URL            the provider (server.mjs ready line "issuer"); required.
//                           For an https issuer with a test CA, start this with
//                           NODE_EXTRA_CA_CERTS=ca.pem (or TEST_BROWSER_CA=ca.pem).
//   --fail-first N          the first N requests that carry a VALID token get 401 anyway:
//                           WWW-Authenticate: Bearer realm="oidctl-test-api",
//                           error="invalid_token", error_description="token revoked (test)"
//                           (tests a client's refresh-and-retry). Default 0.
//   --require-claims JSON   a claims request, e.g. {"access_token":{"acrs":{"essential":true,"value":"c1"}}}:
//                           a VALID token whose introspection lacks one of the claims of its
//                           access_token member (a `value` must equal the claim or be in it
//                           when it is an array; `values`: one of them must be; else the
//                           claim must be present) gets 401 with a claims challenge, as
//                           Microsoft's Continuous Access Evaluation sends it:
//                           WWW-Authenticate: Bearer realm="oidctl-test-api",
//                           error="insufficient_claims", error_description="step-up required,
//                           the claims are below", claims="<standard base64 of JSON>"
//                           (counter claims_challenges_sent). The description's comma tests a
//                           client's parsing of quoted strings.
//   --exit-on-stdin-close   exit when stdin reaches EOF (spawn with stdin piped)
//   --log-requests          one line per request on stderr (method, path, status; never
//                           the token)
//
// Tokens are never printed or logged. Loopback only; nothing here talks to the internet.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';

import { request } from './httpclient.mjs';
import { stopOnSignals } from './lifecycle.mjs';

const REALM = 'oidctl-test-api';
const INTROSPECTION_CLIENT_ID = 'oidctl-confidential';
const INTROSPECTION_CLIENT_SECRET = 'oidctl-confidential-secret';
const BODY_LIMIT = 1024 * 1024;

function usage(error) {
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const end = lines.findIndex((l) => !l.startsWith('//'));
  const text = lines.slice(0, end).map((l) => l.slice(3)).join('\n');
  if (error) {
    process.stderr.write(`api.mjs: ${error}\n`);
    process.exit(2);
  }
  process.stderr.write(`${text}\n`);
  process.exit(0);
}

function parseFlags(argv) {
  const opts = {
    issuer: undefined, failFirst: 0, exitOnStdinClose: false, logRequests: false, requireClaims: undefined,
  };
  for (let i = 0; i < argv.length; i += 1) {
    let flag = argv[i];
    let inline;
    if (flag.startsWith('--') && flag.includes('=')) {
      [flag, inline] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    }
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      i += 1;
      return argv[i];
    };
    switch (flag) {
      case '--issuer': opts.issuer = value(); break;
      case '--fail-first': {
        const v = value();
        if (!/^\d+$/.test(v)) usage(`--fail-first must be a non-negative integer, got ${JSON.stringify(v)}`);
        opts.failFirst = Number(v);
        break;
      }
      case '--require-claims': {
        const v = value();
        try { opts.requireClaims = JSON.parse(v); } catch { usage(`--require-claims is not JSON: ${v}`); }
        if (!opts.requireClaims || typeof opts.requireClaims.access_token !== 'object') usage('--require-claims needs an access_token member');
        opts.requireClaimsText = v;
        break;
      }
      case '--exit-on-stdin-close': opts.exitOnStdinClose = true; break;
      case '--log-requests': opts.logRequests = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown flag ${flag}`);
    }
  }
  if (!opts.issuer) usage('--issuer URL is required');
  try { new URL(opts.issuer); } catch { usage(`--issuer is not a URL: ${opts.issuer}`); }
  return opts;
}

const opts = parseFlags(process.argv.slice(2));

// ---------------------------------------------------------------- discovery
async function discover(issuer) {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let lastError;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      const res = await request('GET', url);
      if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
      const doc = JSON.parse(res.body);
      if (!doc.introspection_endpoint) throw new Error(`${url} has no introspection_endpoint`);
      return doc;
    } catch (err) {
      lastError = err;
      if (!['ECONNREFUSED', 'ECONNRESET'].includes(err.code)) break;
      await new Promise((r) => { setTimeout(r, 100); });
    }
  }
  throw lastError;
}

let discovery;
try {
  discovery = await discover(opts.issuer);
} catch (err) {
  process.stderr.write(`api.mjs: discovery failed: ${err?.message || err}\n`);
  process.exit(1);
}

const basic = `Basic ${Buffer.from(`${encodeURIComponent(INTROSPECTION_CLIENT_ID)}:${encodeURIComponent(INTROSPECTION_CLIENT_SECRET)}`).toString('base64')}`;
async function introspect(token) {
  const res = await request('POST', discovery.introspection_endpoint, {
    headers: { authorization: basic, accept: 'application/json' },
    body: { token, token_type_hint: 'access_token' },
  });
  if (res.status !== 200) throw new Error(`introspection answered HTTP ${res.status}`);
  const body = JSON.parse(res.body);
  if (typeof body !== 'object' || body === null || typeof body.active !== 'boolean') {
    throw new Error('introspection answer has no boolean "active"');
  }
  return body;
}

// ---------------------------------------------------------------- counters
const counters = {
  requests: 0, authorized: 0, unauthorized: 0, retry_401_sent: 0, seen_tokens: 0,
  // Only with --require-claims, so that the counters of other runs stay as they were.
  ...(opts.requireClaims ? { claims_challenges_sent: 0 } : {}),
};

// Whether the introspection answer carries every claim of --require-claims' access_token.
function hasRequiredClaims(info) {
  for (const [name, spec] of Object.entries(opts.requireClaims.access_token)) {
    const got = info[name];
    const has = (v) => got === v || (Array.isArray(got) && got.includes(v));
    if (spec && spec.value !== undefined) { if (!has(spec.value)) return false; }
    else if (spec && Array.isArray(spec.values)) { if (!spec.values.some(has)) return false; }
    else if (got === undefined) return false;
  }
  return true;
}
const seenTokens = new Set(); // SHA-256 of each token, never the token
let failFirstLeft = opts.failFirst;

// ---------------------------------------------------------------- server
function send(res, status, body, headers = {}) {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('cache-control', 'no-store');
  if (status === 204 || status === 304 || body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const quote = (s) => `"${String(s).replace(/["\\]/g, '\\$&')}"`;
function unauthorized(res, error, description) {
  const challenge = error
    ? `Bearer realm=${quote(REALM)}, error=${quote(error)}, error_description=${quote(description)}`
    : `Bearer realm=${quote(REALM)}`;
  send(res, 401, { error: error || 'unauthorized', error_description: description }, { 'www-authenticate': challenge });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://api.invalid');
  const body = await readBody(req);

  if (url.pathname === '/__test/events') {
    send(res, 200, { ...counters });
    return;
  }
  const statusMatch = /^\/status\/(\d{3})$/.exec(url.pathname);
  if (url.pathname !== '/me' && !statusMatch) {
    send(res, 404, { error: 'not_found' });
    return;
  }
  if (statusMatch && (Number(statusMatch[1]) < 200 || Number(statusMatch[1]) > 599)) {
    send(res, 400, { error: 'bad_status', error_description: 'status must be 200-599' });
    return;
  }

  counters.requests += 1;
  const m = /^Bearer +([^\s]+) *$/i.exec(req.headers.authorization || '');
  if (!m) {
    counters.unauthorized += 1;
    unauthorized(res, undefined, 'no bearer token');
    return;
  }
  const token = m[1];
  const hash = crypto.createHash('sha256').update(token).digest('hex');
  if (!seenTokens.has(hash)) {
    seenTokens.add(hash);
    counters.seen_tokens = seenTokens.size;
  }

  let info;
  try {
    info = await introspect(token);
  } catch (err) {
    process.stderr.write(`api.mjs: introspection failed: ${err?.message || err}\n`);
    send(res, 502, { error: 'introspection_failed', error_description: String(err?.message || err) });
    return;
  }
  if (!info.active || info.token_type !== 'Bearer') {
    counters.unauthorized += 1;
    unauthorized(res, 'invalid_token', 'the access token is not active');
    return;
  }
  if (opts.requireClaims && !hasRequiredClaims(info)) {
    counters.claims_challenges_sent += 1;
    const claims = Buffer.from(opts.requireClaimsText, 'utf8').toString('base64');
    const challenge = `Bearer realm=${quote(REALM)}, error="insufficient_claims", error_description="step-up required, the claims are below", claims="${claims}"`;
    send(res, 401, { error: 'insufficient_claims', error_description: 'step-up required' }, { 'www-authenticate': challenge });
    return;
  }
  if (failFirstLeft > 0) {
    failFirstLeft -= 1;
    counters.retry_401_sent += 1;
    unauthorized(res, 'invalid_token', 'token revoked (test)');
    return;
  }

  counters.authorized += 1;
  if (statusMatch) {
    const status = Number(statusMatch[1]);
    send(res, status, { status });
    return;
  }
  send(res, 200, {
    sub: info.sub ?? null,
    client_id: info.client_id ?? null,
    scope: info.scope ?? null,
    aud: info.aud ?? null,
    ...(opts.requireClaims ? { claims: Object.fromEntries(Object.keys(opts.requireClaims.access_token).map((k) => [k, info[k] ?? null])) } : {}),
    method: req.method,
    body,
  });
}

const server = http.createServer((req, res) => {
  const started = Date.now();
  res.on('finish', () => {
    if (opts.logRequests) {
      const p = new URL(req.url, 'http://api.invalid').pathname;
      process.stderr.write(`${new Date().toISOString()} ${req.method} ${p} -> ${res.statusCode} ${Date.now() - started}ms\n`);
    }
  });
  handle(req, res).catch((err) => {
    process.stderr.write(`api.mjs: ${err?.message || err}\n`);
    if (!res.headersSent) send(res, 500, { error: 'server_error' });
    else res.destroy();
  });
});
server.keepAliveTimeout = 5000;

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, resolve);
});
const { port } = server.address();

// ---------------------------------------------------------------- lifecycle
stopOnSignals(server, { exitOnStdinClose: opts.exitOnStdinClose });

process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
