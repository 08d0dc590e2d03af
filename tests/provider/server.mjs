#!/usr/bin/env node
// oidctl test OpenID Provider: a real, OpenID Certified provider (the npm package
// `oidc-provider`, pinned in package.json) listening on loopback only.
//
// Usage: node server.mjs [flags]
//
// On start it binds a random free port, and once it accepts connections it prints
// exactly ONE line of JSON on stdout and nothing else, ever:
//
//   {"issuer":"http://127.0.0.1:41234","port":41234,"host":"127.0.0.1","tls":false,"pid":123,"idTokenAlg":"RS256"}
//
// Then it runs until SIGTERM / SIGINT (exit 0). Every other message (oidc-provider's
// warnings and notices, the "use Node 22" warning, request logs) goes to stderr.
//
// Flags (all optional):
//   --access-token-ttl SECONDS   access token lifetime (default 3600); also used for
//                                client_credentials tokens. Short TTLs test refresh.
//   --refresh-token-ttl SECONDS  refresh token lifetime (default 1209600 = 14 days)
//   --id-token-ttl SECONDS       ID token lifetime (default 3600)
//   --id-token-alg ALG           RS256 (default) | PS256 | ES256 | EdDSA | Ed25519:
//                                the test clients' id_token_signed_response_alg. Keys
//                                are generated at start: RSA 2048, EC P-256 and Ed25519,
//                                all three published in the JWKS (each with its own kid).
//   --tls-cert FILE --tls-key FILE
//                                serve HTTPS (issuer https://127.0.0.1:PORT). Make them
//                                with ./make-test-ca.sh OUTDIR (server.pem, server.key).
//   --host HOST                  127.0.0.1 (default) or ::1 (issuer http://[::1]:PORT)
//                                or localhost (binds 127.0.0.1, issuer uses "localhost")
//   --port PORT                  default 0 = random free port (use 0 in tests)
//   --clock-tolerance SECONDS    oidc-provider clockTolerance (default 0 here, so a
//                                token is expired exactly at its exp; library default 15)
//   --exit-on-stdin-close        exit when stdin reaches EOF: spawn with stdin piped and
//                                the provider dies with the test process even on a panic
//   --log-requests               log one line per HTTP request to stderr
//   --strict-offline-access      do NOT add prompt=consent to authorization requests
//                                that ask for offline_access (see "offline_access" below)
//
// offline_access: oidc-provider 9 keeps the offline_access scope of an authorization
// request ONLY when its `prompt` contains "consent" (OIDC Core 11); otherwise it is
// silently dropped and no refresh token is issued. So that a plain login with
// scope "openid profile email offline_access" gets a refresh token, this server
// rewrites such requests (GET/POST /auth and PAR POST /request) that have no prompt
// (or a prompt without consent and other than "none") to include prompt=consent.
// Native clients get the consent page on every authorization anyway, so nothing
// changes for the user. Counted as "test.prompt_consent_added". Pass
// --strict-offline-access for the library's spec behaviour.
//
// Clients (static, see CLIENTS below):
//   oidctl-test          public native client, token_endpoint_auth_method "none", PKCE
//                        S256 required; grants authorization_code, refresh_token,
//                        device_code; loopback redirect URIs match on ANY port.
//   oidctl-confidential  client_secret "oidctl-confidential-secret"; client_secret_basic
//                        (client_secret_post is accepted as well); client_credentials,
//                        allowed scope "api:read" (not "api:write").
//
// Test hooks (plain HTTP on the same origin, answered before oidc-provider's routes):
//   GET  /__test/events   JSON object of counters (see README.md), e.g.
//                         {"grant.success:refresh_token":1, "grant.error:refresh_token:invalid_grant":1, ...}
//   POST /__test/reset    zeroes all counters, answers {"reset":true}
//   GET  /__test/config   the effective configuration (flags, clients) as JSON
//
// Nothing here talks to the internet; the server binds loopback only.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as querystring from 'node:querystring';

// oidc-provider prints "NOTICE"s with console.info (= stdout). stdout belongs to
// the single JSON ready line, so route console.info/console.log to stderr BEFORE
// the library is loaded.
const toStderr = (...args) => { process.stderr.write(`${args.map(String).join(' ')}\n`); };
console.info = toStderr;
console.log = toStderr;

// ---------------------------------------------------------------- flags
function parseFlags(argv) {
  const opts = {
    accessTokenTtl: 3600,
    refreshTokenTtl: 14 * 24 * 60 * 60,
    idTokenTtl: 3600,
    idTokenAlg: 'RS256',
    tlsCert: undefined,
    tlsKey: undefined,
    host: '127.0.0.1',
    port: 0,
    clockTolerance: 0,
    exitOnStdinClose: false,
    logRequests: false,
    strictOfflineAccess: false,
  };
  const need = (i, flag) => {
    if (i + 1 >= argv.length) usage(`${flag} needs a value`);
    return argv[i + 1];
  };
  const int = (v, flag) => {
    if (!/^\d+$/.test(v)) usage(`${flag} must be a non-negative integer, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i += 1) {
    let flag = argv[i];
    let inline;
    if (flag.startsWith('--') && flag.includes('=')) {
      [flag, inline] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    }
    const value = () => {
      if (inline !== undefined) return inline;
      const v = need(i, flag);
      i += 1;
      return v;
    };
    switch (flag) {
      case '--access-token-ttl': opts.accessTokenTtl = int(value(), flag); break;
      case '--refresh-token-ttl': opts.refreshTokenTtl = int(value(), flag); break;
      case '--id-token-ttl': opts.idTokenTtl = int(value(), flag); break;
      case '--id-token-alg': opts.idTokenAlg = value(); break;
      case '--tls-cert': opts.tlsCert = value(); break;
      case '--tls-key': opts.tlsKey = value(); break;
      case '--host': opts.host = value(); break;
      case '--port': opts.port = int(value(), flag); break;
      case '--clock-tolerance': opts.clockTolerance = int(value(), flag); break;
      case '--exit-on-stdin-close': opts.exitOnStdinClose = true; break;
      case '--log-requests': opts.logRequests = true; break;
      case '--strict-offline-access': opts.strictOfflineAccess = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown flag ${flag}`);
    }
  }
  if (!['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'].includes(opts.idTokenAlg)) {
    usage(`--id-token-alg must be RS256, PS256, ES256, EdDSA or Ed25519, got ${opts.idTokenAlg}`);
  }
  if (Boolean(opts.tlsCert) !== Boolean(opts.tlsKey)) usage('--tls-cert and --tls-key go together');
  if (!['127.0.0.1', '::1', '[::1]', 'localhost'].includes(opts.host)) usage('--host must be 127.0.0.1, ::1 or localhost');
  if (opts.host === '[::1]') opts.host = '::1';
  if (opts.accessTokenTtl < 1) usage('--access-token-ttl must be >= 1');
  return opts;
}

function usage(error) {
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const end = lines.findIndex((l) => !l.startsWith('//'));
  const text = lines.slice(0, end).map((l) => l.slice(3)).join('\n');
  if (error) {
    process.stderr.write(`server.mjs: ${error}\n`);
    process.exit(2);
  }
  process.stderr.write(`${text}\n`);
  process.exit(0);
}

const opts = parseFlags(process.argv.slice(2));

// ---------------------------------------------------------------- keys
// Keys are generated as PEM and re-imported before the JWK export. Exporting the
// KeyObject that generateKeyPair(Sync) returned can deadlock Node 20 at random
// (about 1 start in 100): the export holds the key's mutex, allocates, a GC runs and
// finalizes the (garbage) key generation job, whose destructor takes the same
// mutex. A key from createPrivateKey() has no such job.
function generateJwks() {
  const mk = (type, options) => {
    const { privateKey } = crypto.generateKeyPairSync(type, {
      ...options,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const jwk = crypto.createPrivateKey(privateKey).export({ format: 'jwk' });
    jwk.use = 'sig';
    return jwk;
  };
  const rsa = mk('rsa', { modulusLength: 2048 });
  const ec = mk('ec', { namedCurve: 'P-256' });
  const ed = mk('ed25519', {});
  // Short, readable, unique kids (the provider would otherwise use thumbprints).
  const suffix = crypto.randomBytes(4).toString('hex');
  rsa.kid = `rsa-${suffix}`;
  ec.kid = `ec-${suffix}`;
  ed.kid = `ed25519-${suffix}`;
  return { keys: [rsa, ec, ed] };
}

// ---------------------------------------------------------------- accounts
// devInteractions accept any login name (and any password); the account id is the
// login name. Claims are derived from it.
async function findAccount(_ctx, id) {
  return {
    accountId: id,
    async claims(_use, _scope) {
      return {
        sub: id,
        name: `Test User ${id}`,
        given_name: 'Test',
        family_name: id,
        preferred_username: id,
        email: `${id}@example.test`,
        email_verified: true,
      };
    },
  };
}

// ---------------------------------------------------------------- clients
const PUBLIC_CLIENT_ID = 'oidctl-test';
const CONFIDENTIAL_CLIENT_ID = 'oidctl-confidential';
const CONFIDENTIAL_CLIENT_SECRET = 'oidctl-confidential-secret';

const CLIENTS = [
  {
    client_id: PUBLIC_CLIENT_ID,
    client_name: 'oidctl test (public native client)',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
    // Native client + http loopback host: oidc-provider ignores the port when
    // matching (RFC 8252 section 7.3), but the path must match exactly.
    redirect_uris: [
      'http://127.0.0.1/callback',
      'http://[::1]/callback',
      'http://localhost/callback',
      'http://127.0.0.1/custom/path',
    ],
    post_logout_redirect_uris: [
      'http://127.0.0.1/logged-out',
      'http://[::1]/logged-out',
      'http://localhost/logged-out',
    ],
    id_token_signed_response_alg: opts.idTokenAlg,
  },
  {
    client_id: CONFIDENTIAL_CLIENT_ID,
    client_name: 'oidctl test (confidential client)',
    client_secret: CONFIDENTIAL_CLIENT_SECRET,
    // One method is registered, but oidc-provider accepts client_secret_basic and
    // client_secret_post interchangeably for a client registered with either.
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'api:read',
    id_token_signed_response_alg: opts.idTokenAlg,
  },
];

// ---------------------------------------------------------------- events
const counters = new Map();
const bump = (key) => counters.set(key, (counters.get(key) || 0) + 1);
// Always present (0 until they happen) so tests can read them unconditionally.
const BASE_COUNTERS = [
  'grant.success',
  'grant.success:authorization_code',
  'grant.success:refresh_token',
  'grant.success:client_credentials',
  'grant.success:urn:ietf:params:oauth:grant-type:device_code',
  'grant.error',
  'grant.error:authorization_code',
  'grant.error:refresh_token',
  'grant.error:client_credentials',
  'grant.error:urn:ietf:params:oauth:grant-type:device_code',
  'grant.revoked',
  'revocation.success',
  'revocation.error',
  'introspection.success',
  'introspection.error',
  'userinfo.success',
  'userinfo.error',
  'authorization.success',
  'authorization.error',
  'interaction.started',
  'interaction.ended',
  'end_session.success',
  'end_session.error',
  'device_authorization.success',
  'device_authorization.error',
  'server_error',
];
function snapshot() {
  const out = {};
  for (const k of BASE_COUNTERS) out[k] = 0;
  for (const [k, v] of [...counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = v;
  return out;
}

// ---------------------------------------------------------------- server
const tls = Boolean(opts.tlsCert);
const server = tls
  ? https.createServer({ cert: fs.readFileSync(opts.tlsCert), key: fs.readFileSync(opts.tlsKey) })
  : http.createServer();
server.keepAliveTimeout = 5000;

const bindHost = opts.host === 'localhost' ? '127.0.0.1' : opts.host;
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen({ host: bindHost, port: opts.port, exclusive: true }, resolve);
});
const { port } = server.address();
const urlHost = opts.host === '::1' ? '[::1]' : opts.host;
const issuer = `${tls ? 'https' : 'http'}://${urlHost}:${port}`;

const { default: Provider } = await import('oidc-provider');
// oidc-provider's in-memory adapter, but with a store of 1,000,000 entries instead of
// the default 1,000 (about 100 logins), so long or busy tests never see evictions.
const { default: MemoryAdapter } = await import('oidc-provider/lib/adapters/memory_adapter.js');
const { default: LRU } = await import('oidc-provider/lib/helpers/lru.js');
const store = new LRU({ maxSize: 1_000_000 });

const ttl = (seconds) => () => seconds;

const configuration = {
  adapter: (model) => new MemoryAdapter(model, store, opts.clockTolerance),
  clients: CLIENTS,
  jwks: generateJwks(),
  findAccount,
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  responseTypes: ['code'],
  scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write'],
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  clockTolerance: opts.clockTolerance,
  pkce: { required: () => true }, // S256 is the only method oidc-provider 9 supports
  rotateRefreshToken: true,
  // Same as the library default, made explicit: a refresh token is issued whenever
  // the client may use the refresh_token grant and offline_access was granted.
  // (The authorization endpoint keeps offline_access when `prompt` is absent or
  // includes "consent"; with e.g. prompt=login it silently drops it.)
  issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token')
    && code.scopes.has('offline_access'),
  ttl: {
    AccessToken: ttl(opts.accessTokenTtl),
    ClientCredentials: ttl(opts.accessTokenTtl),
    AuthorizationCode: ttl(60),
    IdToken: ttl(opts.idTokenTtl),
    RefreshToken: ttl(opts.refreshTokenTtl),
    DeviceCode: ttl(600),
    Grant: ttl(14 * 24 * 60 * 60),
    Interaction: ttl(3600),
    Session: ttl(14 * 24 * 60 * 60),
  },
  features: {
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    userinfo: { enabled: true },
  },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519'],
  },
  // Loopback test provider: allow CORS for anything (not used by oidctl).
  clientBasedCORS: () => true,
};

const provider = new Provider(issuer, configuration);
provider.proxy = false;

// Count every event the provider emits (grant.success, grant.error, grant.revoked,
// refresh_token.consumed, access_token.destroyed, ...), with breakdowns.
const originalEmit = provider.emit.bind(provider);
provider.emit = (name, ...args) => {
  try {
    bump(name);
    if (name === 'grant.success' || name === 'grant.error') {
      const ctx = args[0];
      const gty = ctx?.oidc?.params?.grant_type || ctx?.request?.body?.grant_type || 'unknown';
      bump(`${name}:${gty}`);
      if (name === 'grant.error') {
        const code = args[1]?.error || 'unknown';
        bump(`grant.error:${gty}:${code}`);
        bump(`error:${code}`);
      }
    } else if (name.endsWith('.error') && args[1]?.error) {
      bump(`${name}:${args[1].error}`);
      bump(`error:${args[1].error}`);
    }
  } catch { /* counting must never break the provider */ }
  return originalEmit(name, ...args);
};
// An emitted "error" event without a listener would throw.
provider.on('error', (err) => { process.stderr.write(`oidc-provider error: ${err?.stack || err}\n`); });
provider.on('server_error', (_ctx, err) => { process.stderr.write(`oidc-provider server_error: ${err?.stack || err}\n`); });

// Test hooks + per-route status counters ("route:token:200", "route:revocation:200").
provider.use(async (ctx, next) => {
  const started = Date.now();
  if (ctx.path === '/__test/events' && ctx.method === 'GET') {
    ctx.set('cache-control', 'no-store');
    ctx.body = snapshot();
    return;
  }
  if (ctx.path === '/__test/reset' && ctx.method === 'POST') {
    counters.clear();
    ctx.body = { reset: true };
    return;
  }
  if (ctx.path === '/__test/config' && ctx.method === 'GET') {
    ctx.body = {
      issuer,
      port,
      flags: opts,
      clients: CLIENTS.map(({ client_secret: _s, ...c }) => c),
      confidential: { client_id: CONFIDENTIAL_CLIENT_ID, client_secret: CONFIDENTIAL_CLIENT_SECRET },
    };
    return;
  }
  if (!opts.strictOfflineAccess && (ctx.path === '/auth' || ctx.path === '/request')) {
    await addConsentPrompt(ctx);
  }
  try {
    await next();
  } finally {
    const route = ctx.oidc?.route;
    if (route) {
      bump(`route:${route}:${ctx.status}`);
      // oidc-provider has no *.success events for these; synthesize them.
      if (ctx.status === 200 && ['revocation', 'introspection', 'userinfo'].includes(route)) {
        bump(`${route}.success`);
      }
    }
    if (opts.logRequests) {
      process.stderr.write(`${new Date().toISOString()} ${ctx.method} ${ctx.originalUrl} -> ${ctx.status} ${route || '-'} ${Date.now() - started}ms\n`);
    }
  }
});

// See "offline_access" at the top of this file.
function withConsentPrompt(params) {
  const scopes = String(params.scope || '').split(' ');
  if (!scopes.includes('offline_access')) return false;
  const prompts = params.prompt === undefined ? [] : String(params.prompt).split(' ').filter(Boolean);
  if (prompts.includes('consent') || prompts.includes('none')) return false;
  params.prompt = [...prompts, 'consent'].join(' ');
  return true;
}
async function addConsentPrompt(ctx) {
  if (ctx.method === 'GET' && ctx.path === '/auth') {
    const query = { ...ctx.query };
    if (typeof query.scope === 'string' && (query.prompt === undefined || typeof query.prompt === 'string') && withConsentPrompt(query)) {
      ctx.query = query;
      bump('test.prompt_consent_added');
    }
  } else if (ctx.method === 'POST' && ctx.is('application/x-www-form-urlencoded')) {
    const chunks = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += chunk.length;
      if (size > 56 * 1024) break;
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    const params = querystring.parse(raw);
    if (typeof params.scope === 'string' && (params.prompt === undefined || typeof params.prompt === 'string') && withConsentPrompt(params)) {
      bump('test.prompt_consent_added');
      ctx.req.body = querystring.stringify(params);
    } else {
      ctx.req.body = raw;
    }
  }
}

server.on('request', provider.callback());

// ---------------------------------------------------------------- lifecycle
let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(code));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(code), 1000).unref();
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.on('SIGHUP', () => stop(0));
if (opts.exitOnStdinClose) {
  process.stdin.on('end', () => stop(0));
  process.stdin.on('error', () => stop(0));
  process.stdin.resume();
}
// stdout closed by the reader (EPIPE): nothing more to say, keep serving.
process.stdout.on('error', () => {});

process.stdout.write(`${JSON.stringify({
  issuer,
  port,
  host: opts.host,
  tls,
  pid: process.pid,
  idTokenAlg: opts.idTokenAlg,
})}\n`);

