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
//   --client-keys DIR            public keys of the private_key_jwt client oidctl-jwt
//                                (default ../fixtures/keys next to this file): rs256.pub.pem,
//                                ps256.pub.pem, es256.pub.pem become JWKs with kid rs256,
//                                ps256, es256; NAME.cert.pem (rs256, es256) adds x5c, x5t
//                                and x5t#S256 to that JWK. Missing files: warning, skipped
//                                (no key at all: no oidctl-jwt). Relative DIR: to the cwd.
//   --device-interval SECONDS    add "interval": SECONDS to device authorization answers
//                                (the library sends none; clients then use 5 s)
//   --device-slow-down N         answer slow_down instead of authorization_pending to the
//                                first N device_code polls that are pending (the library
//                                itself never sends slow_down). Counted test.slow_down_sent.
//   --login-acr ACR              the acr every dev login gets, whatever acr_values asked (a
//                                provider that authenticates at another level than asked).
//                                Without it a dev login gets the first of the request's
//                                acr_values that is in ACR_VALUES, else no acr (as before).
//
// Step-up (acrValues, max_age) and the claims parameter: see "Step-up, claims and HS256" in
// README.md. acr_values_supported: urn:oidctl:loa:1, urn:oidctl:loa:2. The claims parameter
// (features.claimsParameter) is accepted at /auth; on the refresh_token grant, where
// oidc-provider does not accept it, a `claims` form field is read here: its access_token
// member's claims become claims of the new access token (introspection shows them), counted
// test.refresh_claims. Clients oidctl-hs256 (confidential) and oidctl-hs256-public (public,
// auth none) get HS256-signed ID tokens (keyed with their client_secret, Core 10.1).
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
//   oidctl-jwt           private_key_jwt (keys from --client-keys); client_credentials,
//                        scope "api:read". Assertion algs RS256, PS256, ES256. Key choice:
//                        by kid when the header has one, else every registered key of the
//                        alg's type is tried; a header x5t#S256 (or x5t) must name a
//                        registered certificate whose key verifies the assertion (checked
//                        here, the library ignores it). aud: issuer, token endpoint URL,
//                        or the URL of the endpoint being called.
//   oidctl-test and oidctl-confidential may also use the token exchange grant.
//
// Token exchange (RFC 8693), grant_type urn:ietf:params:oauth:grant-type:token-exchange:
// subject_token (a live access token of this provider; AccessToken only, not
// client_credentials tokens), subject_token_type
// urn:ietf:params:oauth:token-type:access_token (only that), optional
// requested_token_type (only access_token), audience, resource (each may repeat; all
// values become the new token's aud), scope (subset of the subject token's scope).
// Answers {access_token, issued_token_type, token_type:"Bearer", expires_in, scope}; the
// new opaque access token belongs to the calling client, same account; same Grant when
// the caller owns the subject token, else a new Grant. Public clients may only exchange
// their own tokens. actor_token is refused (impersonation only). See README.md.
//
// Introspection / revocation (library default policies, written out below): a public
// client (auth "none", oidctl-test) introspects only its own tokens, others introspect
// any token; inactive -> exactly {"active":false}. Revocation: own tokens only; another
// client's token -> 200 and nothing happens for a public client, invalid_request for a
// confidential one.
//
// Device flow (library behaviour): the device authorization response has no
// "interval" (RFC 8628 default: 5 s; --device-interval adds one) but has
// verification_uri_complete; the provider never answers slow_down (--device-slow-down
// makes it); a second poll after the tokens were issued gets invalid_grant and revokes
// that grant. Details and source references in README.md.
//
// Test hooks (plain HTTP on the same origin, answered before oidc-provider's routes):
//   GET  /__test/events   JSON object of counters (see README.md), e.g.
//                         {"grant.success:refresh_token":1, "grant.error:refresh_token:invalid_grant":1, ...}
//   POST /__test/reset    zeroes all counters, answers {"reset":true}
//   GET  /__test/config   the effective configuration (flags, clients) as JSON
//   GET  /__test/secrets  {"secrets":[...]}: every code, verifier, token, client secret and
//                         assertion that crossed the provider (for the secret-leak test)
//
// Client authentication counters (token, introspection, revocation, device_authorization
// and pushed_authorization_request endpoints, every request, success or not):
//   client_auth:<route>:<method>     method = client_secret_basic (Authorization: Basic),
//                                    client_secret_post (client_secret in the form),
//                                    private_key_jwt (client_assertion in the form),
//                                    none, or multiple (more than one of those)
//   client_assertion_alg:<alg>       alg of a client_assertion's JOSE header (decoded only)
//   client_assertion_header:<name>   once per header parameter name (alg, kid, typ, x5t#S256...)
//   client_assertion_key:<kid>       the registered key that verified an accepted assertion
//
// Nothing here talks to the internet; the server binds loopback only.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import * as querystring from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { stopOnSignals } from './lifecycle.mjs';

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
    clientKeys: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'keys'),
    deviceInterval: undefined,
    deviceSlowDown: 0,
    loginAcr: undefined,
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
      case '--client-keys': opts.clientKeys = path.resolve(value()); break;
      case '--device-interval': opts.deviceInterval = int(value(), flag); break;
      case '--device-slow-down': opts.deviceSlowDown = int(value(), flag); break;
      case '--login-acr': opts.loginAcr = value(); break;
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

// ---------------------------------------------------------------- client keys
// Public keys of the private_key_jwt client (oidctl-jwt), read from --client-keys.
// NAME.pub.pem -> JWK {kid: NAME, alg, use: "sig"}; NAME.cert.pem (a certificate for the
// same key) adds x5c, x5t and x5t#S256, so an assertion that names the certificate by
// thumbprint instead of kid (Microsoft Entra certificate credentials) can be checked.
const CLIENT_KEY_FILES = [
  { name: 'rs256', alg: 'RS256' },
  { name: 'ps256', alg: 'PS256' },
  { name: 'es256', alg: 'ES256' },
];
function loadClientKeys(dir) {
  const keys = [];
  for (const { name, alg } of CLIENT_KEY_FILES) {
    const pubFile = path.join(dir, `${name}.pub.pem`);
    if (!fs.existsSync(pubFile)) {
      process.stderr.write(`server.mjs: warning: ${pubFile} not found, oidctl-jwt has no ${name} key\n`);
      continue;
    }
    const jwk = crypto.createPublicKey(fs.readFileSync(pubFile)).export({ format: 'jwk' });
    Object.assign(jwk, { kid: name, alg, use: 'sig' });
    const certFile = path.join(dir, `${name}.cert.pem`);
    if (fs.existsSync(certFile)) {
      const cert = new crypto.X509Certificate(fs.readFileSync(certFile));
      const certJwk = cert.publicKey.export({ format: 'jwk' });
      if (['n', 'e', 'x', 'y', 'crv'].some((k) => certJwk[k] !== jwk[k])) {
        process.stderr.write(`server.mjs: warning: ${certFile} is not a certificate for ${pubFile}, ignored\n`);
      } else {
        jwk.x5c = [cert.raw.toString('base64')];
        jwk.x5t = crypto.createHash('sha1').update(cert.raw).digest('base64url');
        jwk['x5t#S256'] = crypto.createHash('sha256').update(cert.raw).digest('base64url');
      }
    }
    keys.push(jwk);
  }
  return keys;
}
const clientKeys = loadClientKeys(opts.clientKeys);
// KeyObjects of those JWKs, for the x5t#S256 check and the client_assertion_key counter.
const clientKeyObjects = new Map(clientKeys.map((jwk) => [jwk.kid, crypto.createPublicKey({
  key: { kty: jwk.kty, n: jwk.n, e: jwk.e, crv: jwk.crv, x: jwk.x, y: jwk.y },
  format: 'jwk',
})]));

// Verifies a compact JWS with one public key (node:crypto, algs we allow for assertions).
function verifyJws(jws, keyObject, alg) {
  const parts = String(jws).split('.');
  if (parts.length !== 3) return false;
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  try {
    switch (alg) {
      case 'RS256': return crypto.verify('sha256', data, keyObject, signature);
      case 'PS256': return crypto.verify('sha256', data, { key: keyObject, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
      case 'ES256': return crypto.verify('sha256', data, { key: keyObject, dsaEncoding: 'ieee-p1363' }, signature);
      default: return false;
    }
  } catch {
    return false; // key type does not fit the alg
  }
}

// ---------------------------------------------------------------- clients
const PUBLIC_CLIENT_ID = 'oidctl-test';
const CONFIDENTIAL_CLIENT_ID = 'oidctl-confidential';
const CONFIDENTIAL_CLIENT_SECRET = 'oidctl-confidential-secret';
const JWT_CLIENT_ID = 'oidctl-jwt';
// HS256 ID tokens (OpenID Connect Core 10.1: the key is the client secret's UTF-8 bytes).
const HS256_CLIENT_ID = 'oidctl-hs256';
const HS256_PUBLIC_CLIENT_ID = 'oidctl-hs256-public';
const HS256_CLIENT_SECRET = 'oidctl-hs256-secret-0123456789abcdef0123456789abcdef';
const ACR_VALUES = ['urn:oidctl:loa:1', 'urn:oidctl:loa:2'];
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TOKEN_TYPE_ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

// Resource servers (RFC 8707 resource indicators): resource -> the scopes it serves.
const RESOURCE_SERVERS = {
  'https://a.api.test': { scope: 'a:read a:write' },
  'https://b.api.test': { scope: 'b:read' },
};

const CLIENTS = [
  {
    client_id: PUBLIC_CLIENT_ID,
    client_name: 'oidctl test (public native client)',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', TOKEN_EXCHANGE],
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
    grant_types: ['client_credentials', TOKEN_EXCHANGE],
    response_types: [],
    redirect_uris: [],
    scope: 'api:read',
    id_token_signed_response_alg: opts.idTokenAlg,
  },
  // Browser sign-in clients whose ID tokens are HS256: a confidential one (client_secret_basic)
  // and a public one (auth none; oidc-provider still needs a secret to sign its ID tokens,
  // which oidctl, a public client, does not have).
  ...[[HS256_CLIENT_ID, 'client_secret_basic'], [HS256_PUBLIC_CLIENT_ID, 'none']].map(([id, auth]) => ({
    client_id: id,
    client_name: `oidctl test (HS256 ID tokens, ${auth})`,
    application_type: 'native',
    client_secret: HS256_CLIENT_SECRET,
    token_endpoint_auth_method: auth,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
    id_token_signed_response_alg: 'HS256',
  })),
  ...(clientKeys.length ? [{
    client_id: JWT_CLIENT_ID,
    client_name: 'oidctl test (private_key_jwt client)',
    // No token_endpoint_auth_signing_alg: any of enabledJWA.clientAuthSigningAlgValues
    // that is not HS* (RS256, PS256, ES256) is accepted.
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: clientKeys },
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'api:read',
    id_token_signed_response_alg: opts.idTokenAlg,
  }] : []),
];
if (!clientKeys.length) process.stderr.write(`server.mjs: warning: no keys in ${opts.clientKeys}, client ${JWT_CLIENT_ID} not registered\n`);

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
  `grant.success:${TOKEN_EXCHANGE}`,
  'grant.error',
  'grant.error:authorization_code',
  'grant.error:refresh_token',
  'grant.error:client_credentials',
  'grant.error:urn:ietf:params:oauth:grant-type:device_code',
  `grant.error:${TOKEN_EXCHANGE}`,
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

const { default: Provider, errors } = await import('oidc-provider');
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
  acrValues: ACR_VALUES,
  extraTokenClaims,
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
    // Both policies are the library defaults (helpers/defaults.js
    // introspectionAllowedPolicy / revocationAllowedPolicy), written out so the rules
    // are visible here: see "Introspection and revocation" in README.md.
    introspection: {
      enabled: true,
      allowedPolicy: async (ctx, client, token) => !(
        client.clientAuthMethod === 'none' && token.clientId !== ctx.oidc.client.clientId
      ),
    },
    revocation: {
      enabled: true,
      allowedPolicy: async (_ctx, client, token) => {
        if (token.clientId !== client.clientId) {
          if (client.clientAuthMethod === 'none') return false; // 200, token untouched
          throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
        }
        return true;
      },
    },
    rpInitiatedLogout: { enabled: true },
    userinfo: { enabled: true },
    claimsParameter: { enabled: true },
    // RFC 8707: the resource servers of RESOURCE_SERVERS (below); their access tokens are
    // JWTs with aud = the resource. A resource must be named at the authorization request
    // to be asked for later (refresh with resource=R: that grant's scopes of R); any other
    // resource -> invalid_target. Without resource: the tokens are as before (opaque).
    resourceIndicators: {
      enabled: true,
      // A token request naming no resource gets a token for none (the library's default
      // would take the sign-in's resources, and refuse when there are several, after it has
      // rotated the refresh token, which the client then never sees).
      defaultResource: async (ctx, _client, oneOf) => (ctx.oidc.params.resource ? oneOf : undefined),
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        const rs = RESOURCE_SERVERS[resourceIndicator];
        if (!rs) {
          bump('test.resource_unknown');
          throw new errors.InvalidTarget(`resource ${resourceIndicator} is not served by this provider`);
        }
        return {
          scope: rs.scope,
          audience: resourceIndicator,
          accessTokenFormat: 'jwt',
          accessTokenTTL: opts.accessTokenTtl,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
  },
  enabledJWA: {
    idTokenSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA', 'Ed25519', 'HS256'],
    // client_assertion algs: RS256/PS256/ES256 for private_key_jwt. HS256 stays so that
    // client_secret_jwt remains advertised as before (no client uses it); the library
    // drops client_secret_jwt from discovery when no HS* alg is enabled.
    clientAuthSigningAlgValues: ['HS256', 'RS256', 'PS256', 'ES256'],
  },
  // Runs after oidc-provider verified a client_assertion (shared/jwt_client_auth.js).
  assertJwtClientAuthClaimsAndHeader,
  // Loopback test provider: allow CORS for anything (not used by oidctl).
  clientBasedCORS: () => true,
};

// oidc-provider picks the key for a client_assertion by `kid` only
// (helpers/jwt.js verify -> keystore.selectForVerify({alg, kid})); without a kid it tries
// every registered key of the alg's kty (and alg/crv), and it never looks at x5t#S256.
// So an assertion naming a certificate by x5t#S256 (no kid) verifies by trial. Here the
// thumbprint is made binding: it must name a registered certificate, and that
// certificate's key must verify the assertion. Also counts which key verified it.
async function assertJwtClientAuthClaimsAndHeader(ctx, _claims, header, client) {
  const assertion = ctx.oidc.params.client_assertion;
  const keys = client.jwks?.keys || [];
  for (const param of ['x5t#S256', 'x5t']) {
    if (header[param] === undefined) continue;
    const jwk = keys.find((k) => k[param] !== undefined && k[param] === header[param]);
    const keyObject = jwk && clientKeyObjects.get(jwk.kid);
    if (!jwk || !keyObject) {
      bump(`client_assertion.${param}_unknown`);
      throw new errors.InvalidClientAuth(`${param} does not name a registered certificate of this client`);
    }
    if (!verifyJws(assertion, keyObject, header.alg)) {
      bump(`client_assertion.${param}_mismatch`);
      throw new errors.InvalidClientAuth(`client_assertion is not signed by the certificate named in ${param}`);
    }
  }
  const used = keys.find((k) => clientKeyObjects.has(k.kid) && verifyJws(assertion, clientKeyObjects.get(k.kid), header.alg));
  if (used) bump(`client_assertion_key:${used.kid}`);
}

const provider = new Provider(issuer, configuration);
provider.proxy = false;

// ---------------------------------------------------------------- step-up and claims
// The claims of a claims request's access_token member, as claims of the access token:
// {"acrs":{"essential":true,"value":"c1"}} -> acrs: ["c1"] (Microsoft's form for acrs),
// {"x":{"values":["a","b"]}} -> x: ["a","b"], {"x":{"value":"v"}} -> x: "v",
// {"x":{"essential":true}} or {"x":null} -> x: true. Claim names the provider sets itself
// (iss, sub, aud, exp, ...) are skipped.
const RESERVED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'iat', 'nbf', 'jti', 'scope', 'client_id', 'token_type', 'active', 'cnf']);
function accessTokenClaims(request) {
  const asked = request && typeof request === 'object' ? request.access_token : undefined;
  if (!asked || typeof asked !== 'object' || Array.isArray(asked)) return undefined;
  const out = {};
  for (const [name, spec] of Object.entries(asked)) {
    if (RESERVED_CLAIMS.has(name)) continue;
    if (spec && Array.isArray(spec.values)) out[name] = spec.values;
    else if (spec && spec.value !== undefined) out[name] = name === 'acrs' ? [spec.value] : spec.value;
    else out[name] = true;
  }
  return Object.keys(out).length ? out : undefined;
}
async function extraTokenClaims(ctx, token) {
  try {
    // A refresh: the claims form field (oidc-provider drops it from the grant's parameters).
    const body = ctx?.oidc?.body;
    if (ctx?.oidc?.route === 'token' && body?.grant_type === 'refresh_token' && typeof body.claims === 'string') {
      let request;
      try { request = JSON.parse(body.claims); } catch { request = undefined; }
      bump(request && typeof request === 'object' && !Array.isArray(request) ? 'test.refresh_claims' : 'test.refresh_claims_malformed');
      return accessTokenClaims(request);
    }
    // A sign-in with the claims parameter: the grant's claims request travels with the token.
    const claims = typeof token.claims === 'string' ? JSON.parse(token.claims) : token.claims;
    return accessTokenClaims(claims);
  } catch {
    return undefined;
  }
}

// A dev login records an acr (see --login-acr in the header comment), so that acr_values can
// be honoured or, with --login-acr, answered with another level.
const originalInteractionFinished = provider.interactionFinished.bind(provider);
provider.interactionFinished = async (req, res, result, options) => {
  let finished = result;
  if (result?.login?.accountId && result.login.acr === undefined) {
    try {
      const { params } = await provider.interactionDetails(req, res);
      const asked = String(params.acr_values || '').split(' ').filter(Boolean);
      const acr = opts.loginAcr ?? asked.find((v) => ACR_VALUES.includes(v));
      if (acr) {
        finished = { ...result, login: { ...result.login, acr } };
        bump(`test.login_acr:${acr}`);
      }
    } catch { /* no interaction: leave the result as it is */ }
  }
  return originalInteractionFinished(req, res, finished, options);
};

// ---------------------------------------------------------------- token exchange
// RFC 8693 token exchange, impersonation only (no actor_token). See the header comment.
const asList = (v) => (v === undefined ? [] : [v].flat());
function grantError(ErrorClass, description, ...args) {
  const err = new ErrorClass(...args);
  err.error_description = description; // invalid_grant's default says only "grant request is invalid"
  return err;
}
async function tokenExchange(ctx) {
  const { params, client } = ctx.oidc;
  for (const p of ['subject_token', 'subject_token_type']) {
    if (!params[p]) throw new errors.InvalidRequest(`missing required parameter '${p}'`);
  }
  if (params.subject_token_type !== TOKEN_TYPE_ACCESS_TOKEN) {
    throw new errors.InvalidRequest(`unsupported subject_token_type ${params.subject_token_type}: only ${TOKEN_TYPE_ACCESS_TOKEN} is supported`);
  }
  if (params.requested_token_type !== undefined && params.requested_token_type !== TOKEN_TYPE_ACCESS_TOKEN) {
    throw new errors.InvalidRequest(`unsupported requested_token_type ${params.requested_token_type}: only ${TOKEN_TYPE_ACCESS_TOKEN} can be issued`);
  }
  if (params.actor_token !== undefined || params.actor_token_type !== undefined) {
    throw new errors.InvalidRequest('actor_token is not supported (impersonation only)');
  }
  const resources = asList(params.resource);
  for (const r of resources) {
    let u;
    try { u = new URL(r); } catch { u = undefined; }
    if (!u || u.hash) throw new errors.InvalidTarget('resource must be an absolute URI without a fragment');
  }

  const { provider: p } = ctx.oidc;
  const subject = await p.AccessToken.find(params.subject_token);
  if (!subject || subject.isExpired) {
    if (await p.ClientCredentials.find(params.subject_token)) {
      throw grantError(errors.InvalidGrant, 'subject_token is a client_credentials token (no end-user): not supported');
    }
    throw grantError(errors.InvalidGrant, 'subject_token is not an active access token of this provider (unknown, expired or revoked)');
  }
  const grant = subject.grantId ? await p.Grant.find(subject.grantId) : undefined;
  if (!grant || grant.clientId !== subject.clientId || grant.accountId !== subject.accountId) {
    throw grantError(errors.InvalidGrant, 'subject_token is not an active access token of this provider (its grant is gone)');
  }
  if (subject.isSenderConstrained()) {
    throw grantError(errors.InvalidGrant, 'sender-constrained (DPoP/mTLS) subject tokens are not supported');
  }
  const ownToken = subject.clientId === client.clientId;
  if (!ownToken && client.clientAuthMethod === 'none') {
    throw grantError(errors.InvalidGrant, 'a public client may only exchange its own access tokens');
  }

  let scope = subject.scope || '';
  if (params.scope) {
    const requested = [...new Set(params.scope.split(' ').filter(Boolean))];
    const missing = requested.filter((sc) => !subject.scopes.has(sc));
    if (missing.length) {
      throw new errors.InvalidScope(`subject_token does not have the requested scope ${missing.join(' ')}`, missing.join(' '));
    }
    scope = requested.join(' ');
  }

  // Same Grant when the caller owns the subject token. Another client gets a Grant of
  // its own: oidc-provider (introspection, userinfo) requires grant.clientId ===
  // token.clientId.
  let { grantId } = subject;
  if (!ownToken) {
    const g = new p.Grant({ accountId: subject.accountId, clientId: client.clientId });
    if (scope) g.addOIDCScope(scope);
    grantId = await g.save();
  }
  const at = new p.AccessToken({
    accountId: subject.accountId,
    client,
    grantId,
    gty: TOKEN_EXCHANGE,
    scope: scope || undefined,
    claims: subject.claims,
    ...(ownToken ? {
      expiresWithSession: subject.expiresWithSession,
      sessionUid: subject.sessionUid,
      sid: subject.sid,
    } : {}),
  });
  const audiences = [...new Set([...asList(params.audience), ...resources])];
  if (audiences.length) at.aud = audiences.length === 1 ? audiences[0] : audiences;
  ctx.oidc.entity('AccessToken', at);
  const value = await at.save();
  ctx.body = {
    access_token: value,
    issued_token_type: TOKEN_TYPE_ACCESS_TOKEN,
    token_type: at.tokenType,
    expires_in: at.expiration,
    ...(at.scope ? { scope: at.scope } : {}),
  };
}
// Registering it also adds it to discovery's grant_types_supported. audience and
// resource may repeat (the 4th argument lists the parameters allowed more than once).
provider.registerGrantType(
  TOKEN_EXCHANGE,
  tokenExchange,
  ['subject_token', 'subject_token_type', 'requested_token_type', 'audience', 'resource', 'scope', 'actor_token', 'actor_token_type'],
  ['audience', 'resource'],
);

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
  if (ctx.path === '/__test/secrets' && ctx.method === 'GET') {
    ctx.set('cache-control', 'no-store');
    ctx.body = { secrets: [...secrets] };
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
  if (ctx.path === '/auth' && ctx.method === 'GET') completeClaimsRequest(ctx);
  if (!opts.strictOfflineAccess && (ctx.path === '/auth' || ctx.path === '/request')) {
    await addConsentPrompt(ctx);
  }
  try {
    await next();
  } finally {
    const route = ctx.oidc?.route;
    if (route) {
      bump(`route:${route}:${ctx.status}`);
      if (CLIENT_AUTH_ROUTES.has(route)) countClientAuth(ctx, route);
      deviceFlowOptions(ctx, route);
      recordSecrets(ctx, route);
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

// Every secret that crossed this provider (GET /__test/secrets), so that a test can check
// that none of them ever shows in oidctl's output: codes (as issued in the redirect and as
// redeemed), PKCE verifiers, refresh tokens and subject tokens sent, client secrets (form or
// Basic), client assertions, tokens introspected or revoked, bearer tokens, and the tokens and
// device codes answered.
const secrets = new Set();
function recordSecrets(ctx, route) {
  try {
    const add = (v) => { if (typeof v === 'string' && v.length >= 8) secrets.add(v); };
    const body = ctx.oidc.body && typeof ctx.oidc.body === 'object' ? ctx.oidc.body : {};
    for (const k of ['code', 'code_verifier', 'refresh_token', 'client_secret', 'client_assertion',
      'subject_token', 'actor_token', 'device_code', 'token']) add(body[k]);
    const authorization = ctx.headers.authorization;
    if (typeof authorization === 'string') {
      const basic = /^basic\s+(.+)$/i.exec(authorization);
      if (basic) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0) add(decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')));
      }
      const bearer = /^bearer\s+(.+)$/i.exec(authorization);
      if (bearer) add(bearer[1]);
    }
    const out = ctx.body;
    if (out && typeof out === 'object' && !Buffer.isBuffer(out)) {
      for (const k of ['access_token', 'refresh_token', 'id_token', 'device_code']) add(out[k]);
    }
    const location = ctx.response.get('location');
    if (location && ['authorization', 'resume'].includes(route)) {
      try { add(new URL(location).searchParams.get('code')); } catch { /* not a URL */ }
    }
  } catch { /* recording must never break the provider */ }
}

// How the client authenticated (see the header comment). Looks at the request only:
// the Authorization header and the form body oidc-provider parsed (ctx.oidc.body).
const CLIENT_AUTH_ROUTES = new Set(['token', 'introspection', 'revocation', 'device_authorization', 'pushed_authorization_request']);
function countClientAuth(ctx, route) {
  try {
    const body = ctx.oidc.body && typeof ctx.oidc.body === 'object' ? ctx.oidc.body : {};
    const authorization = ctx.headers.authorization;
    const found = [];
    if (body.client_assertion !== undefined) found.push('private_key_jwt');
    if (typeof authorization === 'string' && /^basic\s/i.test(authorization)) found.push('client_secret_basic');
    if (body.client_secret !== undefined) found.push('client_secret_post');
    const method = found.length === 0 ? 'none' : found.length === 1 ? found[0] : 'multiple';
    bump(`client_auth:${route}:${method}`);
    if (typeof body.client_assertion === 'string') {
      let header;
      try {
        header = JSON.parse(Buffer.from(body.client_assertion.split('.')[0], 'base64url').toString('utf8'));
      } catch { header = undefined; }
      if (header && typeof header === 'object' && !Array.isArray(header)) {
        bump(`client_assertion_alg:${header.alg}`);
        for (const name of Object.keys(header)) bump(`client_assertion_header:${name}`);
      } else {
        bump('client_assertion_header:unparsable');
      }
    }
  } catch { /* counting must never break the provider */ }
}

// --device-interval / --device-slow-down (both off by default).
let slowDownLeft = opts.deviceSlowDown;
function deviceFlowOptions(ctx, route) {
  if (route === 'device_authorization' && ctx.status === 200 && opts.deviceInterval !== undefined
    && ctx.body && typeof ctx.body === 'object') {
    ctx.body = { ...ctx.body, interval: opts.deviceInterval };
  }
  if (route === 'token' && slowDownLeft > 0 && ctx.status === 400
    && ctx.oidc.params?.grant_type === 'urn:ietf:params:oauth:grant-type:device_code'
    && ctx.body?.error === 'authorization_pending') {
    slowDownLeft -= 1;
    ctx.body = { error: 'slow_down', error_description: new errors.SlowDown().error_description };
    bump('test.slow_down_sent');
  }
}

// oidc-provider refuses a claims request with neither an id_token nor a userinfo member
// (actions/authorization/claims.js), but Microsoft's claims requests (a challenge's, client
// capabilities) name only access_token: such a request (GET /auth) gets an empty id_token
// member added, counted test.claims_id_token_added.
function completeClaimsRequest(ctx) {
  const raw = ctx.query.claims;
  if (typeof raw !== 'string') return;
  let request;
  try { request = JSON.parse(raw); } catch { return; }
  if (!request || typeof request !== 'object' || Array.isArray(request)) return;
  if (request.id_token !== undefined || request.userinfo !== undefined) return;
  ctx.query = { ...ctx.query, claims: JSON.stringify({ ...request, id_token: {} }) };
  bump('test.claims_id_token_added');
}

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
stopOnSignals(server, { exitOnStdinClose: opts.exitOnStdinClose });

process.stdout.write(`${JSON.stringify({
  issuer,
  port,
  host: opts.host,
  tls,
  pid: process.pid,
  idTokenAlg: opts.idTokenAlg,
})}\n`);

