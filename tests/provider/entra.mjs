#!/usr/bin/env node
// oidctl test double of Microsoft Entra ID (Azure AD, the Microsoft identity platform) on
// loopback: one tenant, three app registrations, five APIs, any user. It behaves, on each
// point listed below, as Microsoft documents its identity platform (ID/access token
// references, authorization code / device / client credentials flows, certificate
// credentials, AADSTS error codes, the discovery documents of login.microsoftonline.com).
// Node standard library only; nothing here talks to the internet.
//
// Usage: node entra.mjs [flags]
//
// Once it accepts connections it prints exactly ONE line of JSON on stdout, nothing else:
//
//   {"authority":"http://127.0.0.1:41234","port":41234,"tenant_id":"5e1f7c2a-8d34-4b6e-9a01-c0ffee5e1f7c","tenant_domain":"contoso.example","pid":123}
//
// oidctl is pointed at it with OIDCTL_AUTHORITY_HOST=<authority>, so `--tenant T` means the
// issuer <authority>/T/v2.0. Runs until SIGTERM / SIGINT (exit 0). Everything else goes to
// stderr. Exit 2 on bad flags.
//
// Flags (all optional):
//   --exit-on-stdin-close        exit when stdin reaches EOF (spawn with stdin piped)
//   --device-interval S          "interval" of device authorization answers (default 5)
//   --access-token-ttl-range MIN-MAX
//                                access token lifetime, drawn per token in [MIN, MAX]
//                                seconds (default 3600-5400, Microsoft's 60-90 minutes);
//                                expires_in = ext_expires_in = that lifetime
//   --log-requests               one line per request on stderr (method, path, status)
//   --cert FILE                  WEB_APP's registered certificate (default
//                                ../fixtures/keys/rs256.cert.pem next to this file)
//   --port P                     default 0 = a random free port
//   --key-issuer-template        also give k-common, in the v2.0 key set only, the
//                                "issuer": "<authority>/{tenantid}/v2.0" that Microsoft puts
//                                on its common keys (off by default: k-common has no issuer)
//
// The world (constants below; README.md lists them too):
//   tenant   TENANT_ID 5e1f7c2a-8d34-4b6e-9a01-c0ffee5e1f7c, domain contoso.example. Path
//            segments accepted: the GUID, the domain, common, organizations, consumers (and
//            the consumers tenant GUID 9188040d-6c67-4c5b-b112-36a304b66dad). Users signing in
//            through common/organizations belong to TENANT_ID; through consumers to the
//            consumers tenant. Any other segment: AADSTS90002.
//   apps     all multi-tenant (signInAudience AzureADandPersonalMicrosoftAccount):
//            PUBLIC_APP 0d1c7e57-0000-4000-8000-00000000a001  "Mobile and desktop applications",
//              public, "Allow public client flows" = yes (device code). Redirect URIs
//              http://localhost and http://localhost/callback; the port of http://localhost is
//              ignored, the path must match ("" and "/" are the same). 127.0.0.1 is NOT
//              registered (Entra treats it as another host): AADSTS50011.
//            SPA_APP 0d1c7e57-0000-4000-8000-00000000a002  "Single-page application", public,
//              redirect http://localhost (any port). Its codes and refresh tokens are redeemed
//              only with an Origin header (else AADSTS9002327) and PKCE (else AADSTS9002325).
//            WEB_APP 0d1c7e57-0000-4000-8000-00000000a003  "Web", confidential: secret
//              "entra-test-secret" (client_secret_post or client_secret_basic) or the
//              certificate of --cert (private_key_jwt, header x5t#S256 = SHA-256 of its DER,
//              alg RS256 or PS256). Redirect http://localhost/callback (any port).
//            A non-SPA app sending Origin to a token endpoint: AADSTS9002326.
//   APIs     api://v2-api     app 0d1c7e57-0000-4000-8000-0000000000b2, v2.0 tokens (aud = the
//                             app GUID), scopes read write, app role Data.Read
//            api://v1-api     app 0d1c7e57-0000-4000-8000-0000000000b1, v1.0 tokens (aud =
//                             api://v1-api), scope read
//            Microsoft Graph  https://graph.microsoft.com, app 00000003-0000-0000-c000-000000000000,
//                             v1.0 tokens with a header nonce (only Graph can verify them);
//                             short scope names (User.Read) and OIDC-only requests mean Graph
//            Azure Resource Manager  https://management.azure.com, app
//                             797f4846-ba00-4fd7-ba43-dac1f8f63013, v1.0 tokens, scope
//                             user_impersonation
//            api://needs-consent  app 0d1c7e57-0000-4000-8000-0000000000c0: nobody consented,
//                             every delegated request for it fails with AADSTS65001
//   users    any login_hint / user; default alice@contoso.example.
//            blocked@contoso.example: token redemption fails AADSTS53003 (Conditional Access).
//            many-groups@contoso.example: group overage claims in Graph and api://v2-api tokens.
//   keys     RSA 2048 generated at start, each with a self-signed x5c certificate:
//            k-tenant carries "issuer": "<authority>/<TENANT_ID>/v2.0" and signs the v2.0
//            access tokens for api://v2-api whose iss is exactly that (delegated and
//            app-only); k-common (no issuer) signs everything else: ID tokens, v1.0 and
//            Graph tokens. JWK x5t = kid (as Microsoft's, where both are the certificate's
//            SHA-1 thumbprint; here the kid is readable, so x5t is not x5c's thumbprint).
//            Token headers: v2.0 {typ, alg, kid}; v1.0 also x5t; Graph also a nonce.
//
// Routes (TENANT = a tenant segment above):
//   GET  /TENANT/v2.0/.well-known/openid-configuration    v2.0 metadata
//   GET  /TENANT/.well-known/openid-configuration         v1.0 metadata (sts.windows.net issuer)
//   GET  /TENANT/discovery/v2.0/keys, /TENANT/discovery/keys   JWKS
//   GET  /TENANT/oauth2/v2.0/authorize                    no sign-in page: auto-approves
//   POST /TENANT/oauth2/v2.0/token                        authorization_code, refresh_token,
//                                                         client_credentials, device_code
//   POST /TENANT/oauth2/v2.0/devicecode                   device authorization
//   GET  /TENANT/oauth2/v2.0/logout                       end session
//   POST /TENANT/oauth2/token                             v1.0 endpoint: client_credentials only
//   GET|POST /oidc/userinfo (also /TENANT/openid/userinfo) Graph-audience tokens only
// Test hooks:
//   GET  /__test/events                 counters (see README.md)
//   POST /__test/reset                  zero the counters
//   GET  /__test/config                 the constants and flags as JSON
//   POST /__test/device                 {user_code, action: approve|decline|expire, user?}
//   POST /__test/expire-refresh-tokens  every refresh token issued so far -> AADSTS700082
//   POST /__test/mint                   sign any claims with k-tenant (default) or k-common
//   GET  /__test/claims                 the `claims` parameters received, in order:
//                                       [{"route":"authorize"|"devicecode"|"token","grant_type"?,"claims":"<as sent>"}]
//                                       (each also counted claims_param:<route>[:<grant_type>])
// Request/response shapes and every error: README.md, section "entra.mjs".

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as querystring from 'node:querystring';
import { fileURLToPath, URL } from 'node:url';
import { stopOnSignals } from './lifecycle.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------- flags
function usage(error) {
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  const end = lines.findIndex((l) => !l.startsWith('//'));
  const text = lines.slice(0, end).map((l) => l.slice(3)).join('\n');
  if (error) {
    process.stderr.write(`entra.mjs: ${error}\n`);
    process.exit(2);
  }
  process.stderr.write(`${text}\n`);
  process.exit(0);
}

function parseFlags(argv) {
  const opts = {
    exitOnStdinClose: false,
    deviceInterval: 5,
    ttlMin: 3600,
    ttlMax: 5400,
    logRequests: false,
    cert: path.join(HERE, '..', 'fixtures', 'keys', 'rs256.cert.pem'),
    port: 0,
    keyIssuerTemplate: false,
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
    const int = (v) => {
      if (!/^\d+$/.test(v)) usage(`${flag} must be a non-negative integer, got ${JSON.stringify(v)}`);
      return Number(v);
    };
    switch (flag) {
      case '--exit-on-stdin-close': opts.exitOnStdinClose = true; break;
      case '--device-interval': opts.deviceInterval = int(value()); break;
      case '--access-token-ttl-range': {
        const v = value();
        const m = /^(\d+)-(\d+)$/.exec(v);
        if (!m) usage(`--access-token-ttl-range must be MIN-MAX (seconds), got ${JSON.stringify(v)}`);
        [opts.ttlMin, opts.ttlMax] = [Number(m[1]), Number(m[2])];
        if (opts.ttlMin < 1 || opts.ttlMin > opts.ttlMax) usage('--access-token-ttl-range needs 1 <= MIN <= MAX');
        break;
      }
      case '--log-requests': opts.logRequests = true; break;
      case '--cert': opts.cert = path.resolve(value()); break;
      case '--port': opts.port = int(value()); break;
      case '--key-issuer-template': opts.keyIssuerTemplate = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown flag ${flag}`);
    }
  }
  return opts;
}
const opts = parseFlags(process.argv.slice(2));

// ---------------------------------------------------------------- constants
const TENANT_ID = '5e1f7c2a-8d34-4b6e-9a01-c0ffee5e1f7c';
const TENANT_DOMAIN = 'contoso.example';
const CONSUMERS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
const OTHER_TENANT_ID = '0badc0de-7e57-4a11-8000-00000000dead'; // /__test/mint's default iss
const PUBLIC_APP_ID = '0d1c7e57-0000-4000-8000-00000000a001';
const SPA_APP_ID = '0d1c7e57-0000-4000-8000-00000000a002';
const WEB_APP_ID = '0d1c7e57-0000-4000-8000-00000000a003';
const WEB_APP_SECRET = 'entra-test-secret';
const WEB_APP_SP_OID = '0d1c7e57-0000-4000-8000-00000000e003'; // its service principal
const V2_API_ID = '0d1c7e57-0000-4000-8000-0000000000b2';
const V1_API_ID = '0d1c7e57-0000-4000-8000-0000000000b1';
const NEEDS_CONSENT_API_ID = '0d1c7e57-0000-4000-8000-0000000000c0';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
// Azure Resource Manager, as Microsoft registers it (its v1.0 tokens' aud is the URI).
const ARM_URI = 'https://management.azure.com';
const ARM_APP_ID = '797f4846-ba00-4fd7-ba43-dac1f8f63013';
const GRAPH_URI = 'https://graph.microsoft.com';
const DEFAULT_USER = 'alice@contoso.example';
const BLOCKED_USER = 'blocked@contoso.example';
const MANY_GROUPS_USER = 'many-groups@contoso.example';
const KID_COMMON = 'k-common';
const KID_TENANT = 'k-tenant';
const DEVICE_CODE_TTL = 900;
const AUTH_CODE_TTL = 600;
const ID_TOKEN_TTL = 3600;
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const GRAPH_SCOPES = [
  'User.Read', 'User.ReadBasic.All', 'User.Read.All', 'Mail.Read', 'Mail.Send', 'Calendars.Read',
  'Files.Read', 'Files.ReadWrite', 'Directory.Read.All', 'GroupMember.Read.All',
];

const CLIENTS = new Map([
  [PUBLIC_APP_ID, {
    id: PUBLIC_APP_ID, name: 'oidctl test (desktop)', type: 'public', platform: 'Mobile and desktop applications',
    redirects: ['http://localhost', 'http://localhost/callback'], publicClientFlows: true,
  }],
  [SPA_APP_ID, {
    id: SPA_APP_ID, name: 'oidctl test (SPA)', type: 'spa', platform: 'Single-page application',
    redirects: ['http://localhost'], publicClientFlows: false,
  }],
  [WEB_APP_ID, {
    id: WEB_APP_ID, name: 'oidctl test (web)', type: 'confidential', platform: 'Web',
    redirects: ['http://localhost/callback'], publicClientFlows: false, secret: WEB_APP_SECRET,
  }],
]);

const RESOURCES = [
  { key: 'v2-api', uri: 'api://v2-api', appId: V2_API_ID, name: 'oidctl test API (v2)', version: 2, scopes: ['read', 'write'], roles: ['Data.Read'] },
  { key: 'v1-api', uri: 'api://v1-api', appId: V1_API_ID, name: 'oidctl test API (v1)', version: 1, scopes: ['read'], roles: [] },
  { key: 'graph', uri: GRAPH_URI, appId: GRAPH_APP_ID, name: 'Microsoft Graph', version: 1, scopes: GRAPH_SCOPES, roles: [], graph: true },
  { key: 'arm', uri: ARM_URI, appId: ARM_APP_ID, name: 'Windows Azure Service Management API', version: 1, scopes: ['user_impersonation'], roles: [] },
  { key: 'needs-consent', uri: 'api://needs-consent', appId: NEEDS_CONSENT_API_ID, name: 'oidctl test API (no consent)', version: 2, scopes: ['read'], roles: [], needsConsent: true },
];
const GRAPH = RESOURCES.find((r) => r.graph);
function findResource(id) {
  const s = String(id).replace(/\/+$/, '').toLowerCase();
  return RESOURCES.find((r) => r.uri.toLowerCase() === s || r.appId === s) || null;
}

// ---------------------------------------------------------------- small helpers
const b64u = (buf) => Buffer.from(buf).toString('base64url');
const sha256 = (data) => crypto.createHash('sha256').update(data).digest();
const now = () => Math.floor(Date.now() / 1000);
const randomToken = (n) => crypto.randomBytes(n).toString('base64url');
const uuid = () => crypto.randomUUID();
const first = (v) => (Array.isArray(v) ? v[0] : v);
const ttl = () => opts.ttlMin + crypto.randomInt(opts.ttlMax - opts.ttlMin + 1);
// A GUID derived from a string (stable per run and across runs).
function guidFrom(text) {
  const h = sha256(text);
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
// Microsoft's error timestamps: "2026-01-02 03:04:05Z".
const msTimestamp = (d = new Date()) => `${d.toISOString().slice(0, 19).replace('T', ' ')}Z`;
// Text content keeps quotes as they are (the page must show the AADSTS message verbatim).
const escapeText = (s) => String(s).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]));
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// ---------------------------------------------------------------- keys and certificates
// Minimal DER writer, enough for a self-signed X.509 v3 certificate (sha256WithRSAEncryption).
function derLength(n) {
  if (n < 0x80) return Buffer.from([n]);
  const bytes = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag, ...parts) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const derSeq = (...p) => der(0x30, ...p);
const derSet = (...p) => der(0x31, ...p);
function derInt(buf) {
  let b = Buffer.from(buf);
  while (b.length > 1 && b[0] === 0 && !(b[1] & 0x80)) b = b.subarray(1);
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return der(0x02, b);
}
function derOid(oid) {
  const parts = oid.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const enc = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) enc.unshift(0x80 | (v & 0x7f));
    out.push(...enc);
  }
  return der(0x06, Buffer.from(out));
}
const derUtcTime = (d) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`));
function selfSignedCert(privateKey, publicKey, commonName) {
  const sigAlg = derSeq(derOid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = derSeq(derSet(derSeq(derOid('2.5.4.3'), der(0x0c, Buffer.from(commonName)))));
  const start = new Date(Date.now() - 24 * 3600 * 1000);
  const end = new Date(Date.now() + 2 * 365 * 24 * 3600 * 1000);
  const tbs = derSeq(
    der(0xa0, derInt(Buffer.from([2]))), // [0] EXPLICIT version v3
    derInt(crypto.randomBytes(16)),
    sigAlg,
    name,
    derSeq(derUtcTime(start), derUtcTime(end)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  return derSeq(tbs, sigAlg, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

// Keys are generated as PEM and re-imported before any use or JWK export: exporting the
// KeyObject that generateKeyPairSync returned can deadlock Node 20 at random (see the same
// comment in server.mjs).
function makeSigningKey(kid) {
  const { privateKey: pem } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKey = crypto.createPrivateKey(pem);
  const publicKey = crypto.createPublicKey(privateKey);
  const certDer = selfSignedCert(privateKey, publicKey, `oidctl entra test ${kid}`);
  const cert = new crypto.X509Certificate(certDer);
  if (!cert.verify(publicKey)) throw new Error('self-signed certificate does not verify');
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, publicKey, n, e, x5c: certDer.toString('base64') };
}
const KEYS = new Map([[KID_COMMON, makeSigningKey(KID_COMMON)], [KID_TENANT, makeSigningKey(KID_TENANT)]]);

// WEB_APP's certificate credential.
let webCert;
try {
  webCert = new crypto.X509Certificate(fs.readFileSync(opts.cert));
} catch (e) {
  usage(`cannot read --cert ${opts.cert}: ${e.message}`);
}
const WEB_CERT_X5T_S256 = b64u(sha256(webCert.raw));
const WEB_CERT_SHA1_HEX = crypto.createHash('sha1').update(webCert.raw).digest('hex').toUpperCase();

// ---------------------------------------------------------------- counters
const counters = new Map();
const bump = (key, n = 1) => counters.set(key, (counters.get(key) || 0) + n);
const BASE_COUNTERS = [
  'grant.success', 'grant.error',
  'grant.success:authorization_code', 'grant.success:refresh_token', 'grant.success:client_credentials', `grant.success:${DEVICE_GRANT}`,
  'grant.error:authorization_code', 'grant.error:refresh_token', 'grant.error:client_credentials', `grant.error:${DEVICE_GRANT}`,
  'authorization.success', 'authorization.error', 'authorization.page_error',
  'token_request:origin', 'token_request:no_origin',
  'device_authorization.success', 'device_authorization.error',
  'device.approved', 'device.declined', 'device.expired', 'device.pending_polls',
  'userinfo.success', 'userinfo.error', 'logout',
  'refresh_token.expired_by_test', 'server_error',
];
function snapshot() {
  const out = {};
  for (const k of BASE_COUNTERS) out[k] = 0;
  for (const [k, v] of [...counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = v;
  return out;
}

// ---------------------------------------------------------------- state
const codes = new Map(); // code -> record
const refreshTokens = new Map(); // rt -> record
const deviceCodes = new Map(); // device_code -> record
const userCodes = new Map(); // user_code -> device_code
const sessions = new Map(); // ESTSAUTH cookie -> {user, sid}
const usedJtis = new Map(); // client assertion jti -> exp

let authority = ''; // http://127.0.0.1:PORT, set once listening

// ---------------------------------------------------------------- errors
class AadError extends Error {
  constructor(error, code, text, { status, extra } = {}) {
    super(`AADSTS${code}: ${text}`);
    this.error = error;
    this.code = code;
    this.text = text;
    this.status = status || (error === 'invalid_client' ? 401 : 400);
    this.extra = extra;
  }
}
const aad = (error, code, text, o) => new AadError(error, code, text, o);
const missingParam = (name) => aad('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);
const tenantNotFound = (seg) => aad('invalid_request', 90002, `Tenant '${seg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
const appNotFound = (id, seg) => aad('unauthorized_client', 700016, `Application with identifier '${id}' was not found in the directory '${seg}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
const malformed = () => aad('invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
const badGrant = () => aad('invalid_grant', 70000, 'Provided grant is invalid or malformed.');

function correlationIdOf(req) {
  const c = req.headers['client-request-id'];
  return typeof c === 'string' && /^[0-9a-f-]{36}$/i.test(c) ? c.toLowerCase() : uuid();
}
// Microsoft's error body. Description ends with trace/correlation/timestamp lines.
function errorBody(err, req) {
  const traceId = uuid();
  const correlationId = correlationIdOf(req);
  const timestamp = msTimestamp();
  return {
    error: err.error,
    error_description: `AADSTS${err.code}: ${err.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${err.code}`,
    ...(err.extra || {}),
  };
}
function countError(err) {
  bump(`error:${err.error}`);
  bump(`aadsts:${err.code}`);
}

// ---------------------------------------------------------------- HTTP plumbing
function send(res, status, body, headers = {}) {
  const isJson = typeof body !== 'string' && !Buffer.isBuffer(body) && body !== undefined;
  const payload = body === undefined ? '' : (isJson ? JSON.stringify(body) : body);
  res.writeHead(status, {
    ...(isJson ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    'Cache-Control': 'no-store, no-cache',
    Pragma: 'no-cache',
    'Content-Length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}
function sendJsonError(res, req, err, headers = {}) {
  countError(err);
  const body = errorBody(err, req);
  send(res, err.status, body, { 'x-ms-request-id': body.trace_id, ...clientRequestIdHeader(req), ...headers });
}
function clientRequestIdHeader(req) {
  const c = req.headers['client-request-id'];
  return typeof c === 'string' && c ? { 'client-request-id': c } : {};
}
async function readBody(req, limit = 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw aad('invalid_request', 90015, 'Requested request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
// Form or JSON body (test hooks accept both).
function parseBody(req, raw) {
  if (/json/i.test(req.headers['content-type'] || '') && raw.trim()) {
    try { return JSON.parse(raw); } catch { return {}; }
  }
  const parsed = querystring.parse(raw);
  const out = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = first(v);
  return out;
}
function cookies(req) {
  const out = {};
  for (const part of String(req.headers.cookie || '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
function errorPage(res, req, err) {
  countError(err);
  bump('authorization.page_error');
  const body = errorBody(err, req);
  const html = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Sign in to your account</title></head>
<body>
<h1>Sign in</h1>
<p>Sorry, but we're having trouble signing you in.</p>
<p id="error">AADSTS${err.code}: ${escapeText(err.text)}</p>
<div id="details">
<p>Request Id: ${body.trace_id}</p>
<p>Correlation Id: ${body.correlation_id}</p>
<p>Timestamp: ${body.timestamp}</p>
<p>Message: AADSTS${err.code}: ${escapeText(err.text)}</p>
</div>
</body></html>
`;
  send(res, 400, html, { 'Content-Type': 'text/html; charset=utf-8', 'x-ms-request-id': body.trace_id });
}

// ---------------------------------------------------------------- tenants
// -> {seg, kind: tenant|common|organizations|consumers, tid (null for the {tenantid} template)}
function resolveTenant(seg) {
  const s = String(seg).toLowerCase();
  if (s === TENANT_ID || s === TENANT_DOMAIN) return { seg, kind: 'tenant', tid: TENANT_ID };
  if (s === 'common' || s === 'organizations') return { seg, kind: s, tid: null };
  if (s === 'consumers' || s === CONSUMERS_TENANT_ID) return { seg, kind: 'consumers', tid: CONSUMERS_TENANT_ID };
  return null;
}
const signInTid = (tenant) => tenant.tid || TENANT_ID;
const v2Issuer = (tid) => `${authority}/${tid}/v2.0`;
const v1Issuer = (tid) => `https://sts.windows.net/${tid}/`;
// Endpoints are named by the GUID when the tenant was asked by domain (as Microsoft does),
// else by the segment asked.
const endpointSeg = (tenant) => (tenant.kind === 'tenant' ? TENANT_ID : tenant.seg);

// ---------------------------------------------------------------- users
function userProfile(username, tid) {
  const upn = String(username).trim().toLowerCase() || DEFAULT_USER;
  const local = upn.split('@')[0];
  const words = local.split(/[._-]+/).filter(Boolean);
  const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
  const given = cap(words[0] || local);
  const family = words.length > 1 ? words.slice(1).map(cap).join(' ') : 'Contoso';
  let oid = guidFrom(`oid:${tid}:${upn}`);
  if (tid === CONSUMERS_TENANT_ID) oid = `00000000-0000-0000-${oid.slice(19)}`;
  return {
    upn,
    oid,
    tid,
    given_name: given,
    family_name: family,
    name: `${given} ${family}`,
    puid: sha256(`puid:${upn}`).subarray(0, 8).toString('hex').toUpperCase(),
  };
}
const pairwiseSub = (oid, appId) => b64u(sha256(`sub:${oid}:${appId}`)).slice(0, 43);
const overage = (user) => (user.upn === MANY_GROUPS_USER ? {
  _claim_names: { groups: 'src1' },
  _claim_sources: { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${user.oid}/getMemberObjects` } },
} : {});

// ---------------------------------------------------------------- scopes
// Parses a scope parameter by Microsoft's rules. Returns
// {oidc: [...], resource, names: [canonical names], isDefault, implicit (only OIDC scopes: Graph)}.
function parseScopes(raw) {
  const items = String(raw || '').split(/\s+/).filter(Boolean);
  const oidc = [];
  const res = [];
  for (const s of items) {
    const l = s.toLowerCase();
    if (OIDC_SCOPES.includes(l)) {
      if (!oidc.includes(l)) oidc.push(l);
      continue;
    }
    const i = s.lastIndexOf('/');
    const resId = i > 0 ? s.slice(0, i).replace(/\/+$/, '') : GRAPH_URI;
    const name = i >= 0 ? s.slice(i + 1) : s;
    res.push({ text: s, resId, resource: findResource(resId), name, isDefault: name === '.default' });
  }
  const scopeText = items.join(' ');
  const hasDefault = res.some((r) => r.isDefault);
  if (hasDefault && res.some((r) => !r.isDefault)) {
    throw aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scopeText} is not valid. .default scope can't be combined with resource-specific scopes.`);
  }
  const keys = new Set(res.map((r) => (r.resource ? r.resource.key : `?${r.resId.toLowerCase()}`)));
  if (keys.size > 1) {
    throw aad('invalid_scope', 28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopeText} is not valid.`);
  }
  if (res.length && !res[0].resource) {
    throw aad('invalid_resource', 500011, `The resource principal named ${res[0].resId} was not found in the tenant named ${TENANT_DOMAIN}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
  const resource = res.length ? res[0].resource : GRAPH;
  const names = [];
  for (const r of res) {
    if (r.isDefault) continue;
    const canonical = resource.scopes.find((n) => n.toLowerCase() === r.name.toLowerCase());
    if (!canonical || !r.name) {
      throw aad('invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${r.text} is not valid.`);
    }
    if (!names.includes(canonical)) names.push(canonical);
  }
  return { oidc, resource, names, isDefault: hasDefault, implicit: res.length === 0, requestedBy: res.length ? res[0].resId : GRAPH_URI };
}
const consentRequired = (client, error = 'consent_required') => aad(error, 65001, `The user or administrator has not consented to use the application with ID '${client.id}' named '${client.name}'. Send an interactive authorization request for this user and resource.`);
// The named scopes a token carries (.default and OIDC-only: all consented scopes).
function grantedNames(info) {
  const r = info.resource;
  let names = info.isDefault || info.implicit ? (r.graph ? ['User.Read'] : [...r.scopes]) : [...info.names];
  if (r.graph) {
    if (!names.includes('User.Read')) names.unshift('User.Read');
    names = [...names, 'openid', 'profile', 'email'];
  }
  return names;
}
// The "scope" of a token response: the scopes the access token carries (its scp), with the
// resource prefix for every API but Graph (Microsoft answers "api://v2-api/read" but
// "User.Read openid profile email"); OIDC scopes such as offline_access are not listed.
function responseScope(info) {
  const r = info.resource;
  const names = grantedNames(info);
  return (r.graph ? names : names.map((n) => `${r.uri}/${n}`)).join(' ');
}

// ---------------------------------------------------------------- JWTs
function signJwt(header, payload, kid) {
  const key = KEYS.get(kid);
  const h = b64u(JSON.stringify(header));
  const p = b64u(JSON.stringify(payload));
  const sig = crypto.sign('sha256', Buffer.from(`${h}.${p}`), key.privateKey);
  return `${h}.${p}.${b64u(sig)}`;
}
// v1.0 tokens have x5t (= kid, as Microsoft's do); v2.0 tokens only kid.
function jwt(payload, { kid = KID_COMMON, v1 = false } = {}) {
  const header = v1 ? { typ: 'JWT', alg: 'RS256', x5t: kid, kid } : { typ: 'JWT', alg: 'RS256', kid };
  return signJwt(header, payload, kid);
}
// Graph: the header carries a nonce, the signature covers the header with the nonce replaced
// by base64url(SHA-256(nonce)), so no one but Graph can verify the token.
function graphJwt(payload) {
  const nonce = randomToken(32);
  const header = { typ: 'JWT', nonce, alg: 'RS256', x5t: KID_COMMON, kid: KID_COMMON };
  const signedHeader = { ...header, nonce: b64u(sha256(nonce)) };
  const key = KEYS.get(KID_COMMON);
  const p = b64u(JSON.stringify(payload));
  const sig = crypto.sign('sha256', Buffer.from(`${b64u(JSON.stringify(signedHeader))}.${p}`), key.privateKey);
  return `${b64u(JSON.stringify(header))}.${p}.${b64u(sig)}`;
}
function decodeJwt(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')),
      parts,
    };
  } catch {
    return null;
  }
}
// Verifies a token this server signed (Graph ones with the nonce rule).
function verifyOwnJwt(token) {
  const d = decodeJwt(token);
  if (!d || d.header.alg !== 'RS256' || !KEYS.has(d.header.kid)) return null;
  let h = d.parts[0];
  if (typeof d.header.nonce === 'string') h = b64u(JSON.stringify({ ...d.header, nonce: b64u(sha256(d.header.nonce)) }));
  const ok = crypto.verify('sha256', Buffer.from(`${h}.${d.parts[1]}`), KEYS.get(d.header.kid).publicKey, Buffer.from(d.parts[2], 'base64url'));
  return ok ? d : null;
}
const opaque = (n = 30) => randomToken(n);
const rh = () => `0.A${randomToken(48)}.`;
function times(lifetime) {
  const iat = now();
  return { iat, nbf: iat, exp: iat + lifetime };
}

// Delegated access token for resource `info.resource`.
function userAccessToken({ client, user, info, acr, sid, lifetime }) {
  const r = info.resource;
  const t = times(lifetime);
  const names = grantedNames(info);
  if (r.version === 2) {
    const iss = v2Issuer(user.tid);
    const claims = {
      aud: r.appId, iss, ...t, aio: opaque(), azp: client.id, azpacr: acr, name: user.name, oid: user.oid,
      preferred_username: user.upn, rh: rh(), scp: names.join(' '), sid, sub: pairwiseSub(user.oid, r.appId),
      tid: user.tid, uti: opaque(16), ver: '2.0', ...overage(user),
    };
    return { token: jwt(claims, { kid: r.key === 'v2-api' && iss === v2Issuer(TENANT_ID) ? KID_TENANT : KID_COMMON }), kind: 'v2' };
  }
  const base = {
    aud: r.graph ? GRAPH_APP_ID : (info.requestedBy.toLowerCase() === r.appId ? r.appId : r.uri),
    iss: v1Issuer(user.tid), ...t, acr: '1', aio: opaque(), amr: ['pwd'], appid: client.id, appidacr: acr,
    family_name: user.family_name, given_name: user.given_name, ipaddr: '127.0.0.1', name: user.name,
    oid: user.oid, rh: rh(), scp: names.join(' '), sid, sub: pairwiseSub(user.oid, r.appId), tid: user.tid,
    unique_name: user.upn, upn: user.upn, uti: opaque(16), ver: '1.0',
  };
  if (!r.graph) return { token: jwt(base, { v1: true }), kind: 'v1' };
  const claims = {
    ...base, acct: 0, app_displayname: client.name, idtyp: 'user', platf: '3', puid: user.puid,
    signin_state: ['kmsi'], tenant_region_scope: 'NA', wids: ['b79fbf4d-3ef9-4689-8143-76b194e85509'],
    xms_cc: ['cp1'], xms_st: { sub: pairwiseSub(user.oid, client.id) }, xms_tcdt: 1700000000, ...overage(user),
  };
  return { token: graphJwt(claims), kind: 'graph' };
}
// App-only (client credentials) token.
function appAccessToken({ client, resource, requestedBy, acr, lifetime }) {
  const r = resource;
  const t = times(lifetime);
  const roles = r.roles.length ? { roles: [...r.roles] } : {};
  if (r.version === 2) {
    const iss = v2Issuer(TENANT_ID);
    const claims = {
      aud: r.appId, iss, ...t, aio: opaque(), azp: client.id, azpacr: acr, idtyp: 'app', oid: WEB_APP_SP_OID,
      rh: rh(), ...roles, sub: WEB_APP_SP_OID, tid: TENANT_ID, uti: opaque(16), ver: '2.0',
    };
    return { token: jwt(claims, { kid: r.key === 'v2-api' ? KID_TENANT : KID_COMMON }), kind: 'v2', t };
  }
  const claims = {
    aud: r.graph ? GRAPH_APP_ID : (String(requestedBy).toLowerCase() === r.appId ? r.appId : r.uri),
    iss: v1Issuer(TENANT_ID), ...t, aio: opaque(), appid: client.id, appidacr: acr, idp: v1Issuer(TENANT_ID),
    idtyp: 'app', oid: WEB_APP_SP_OID, rh: rh(), ...roles, sub: WEB_APP_SP_OID, tid: TENANT_ID, uti: opaque(16), ver: '1.0',
    ...(r.graph ? { app_displayname: client.name, tenant_region_scope: 'NA', xms_tcdt: 1700000000 } : {}),
  };
  return { token: r.graph ? graphJwt(claims) : jwt(claims, { v1: true }), kind: r.graph ? 'graph' : 'v1', t };
}
function idToken({ client, user, oidc, nonce, sid }) {
  const t = times(ID_TOKEN_TTL);
  const profile = oidc.includes('profile');
  const claims = {
    aud: client.id, iss: v2Issuer(user.tid), ...t, aio: opaque(),
    ...(oidc.includes('email') ? { email: user.upn } : {}),
    ...(profile ? { name: user.name } : {}),
    ...(nonce !== undefined ? { nonce } : {}),
    ...(profile ? { oid: user.oid, preferred_username: user.upn } : {}),
    rh: rh(), sid, sub: pairwiseSub(user.oid, client.id), tid: user.tid, uti: opaque(16), ver: '2.0',
  };
  return jwt(claims);
}

// Tokens for a user grant: access token (+ refresh token with offline_access, + ID token with openid).
function issueUserTokens({ client, user, info, acr, sid, nonce, refresh, clientInfo }) {
  const lifetime = ttl();
  const at = userAccessToken({ client, user, info, acr, sid, lifetime });
  bump(`token.issued:access_token:${at.kind}`);
  const body = {
    token_type: 'Bearer',
    scope: responseScope(info),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: at.token,
  };
  if (refresh) {
    const rt = `1.A${randomToken(96)}`;
    refreshTokens.set(rt, {
      clientId: client.id, user, oidc: [...new Set([...info.oidc, 'offline_access'])], info, sid,
      issuedAt: new Date(), expired: false,
    });
    body.refresh_token = rt;
    bump('token.issued:refresh_token');
  }
  if (info.oidc.includes('openid')) {
    body.id_token = idToken({ client, user, oidc: info.oidc, nonce, sid });
    bump('token.issued:id_token');
  }
  if (clientInfo) body.client_info = b64u(JSON.stringify({ uid: user.oid, utid: user.tid }));
  return body;
}

// ---------------------------------------------------------------- redirect URIs
function redirectMatches(requested, registered) {
  let r;
  let g;
  try {
    r = new URL(requested);
    g = new URL(registered);
  } catch {
    return false;
  }
  if (r.protocol !== g.protocol || r.hostname.toLowerCase() !== g.hostname.toLowerCase()) return false;
  if (r.username || r.password || r.hash) return false;
  const anyPort = g.protocol === 'http:' && g.hostname === 'localhost' && g.port === '';
  if (!anyPort && r.port !== g.port) return false;
  // new URL() gives "/" for an empty path, so http://localhost:P and http://localhost:P/ both match.
  return r.pathname === g.pathname && r.search === g.search;
}
const redirectRegistered = (client, uri) => client.redirects.some((g) => redirectMatches(uri, g));

// ---------------------------------------------------------------- authorize
// Every `claims` parameter received (GET /__test/claims): what a client sent, for tests of
// claims requests and client capabilities (xms_cc). Not interpreted otherwise.
const claimsReceived = [];
function recordClaims(route, params) {
  if (typeof params.claims !== 'string') return;
  const entry = { route, ...(params.grant_type ? { grant_type: params.grant_type } : {}), claims: params.claims };
  claimsReceived.push(entry);
  bump(`claims_param:${route}${params.grant_type ? `:${params.grant_type}` : ''}`);
}

function handleAuthorize(req, res, tenantSeg, url) {
  const tenant = resolveTenant(tenantSeg);
  if (!tenant) return errorPage(res, req, tenantNotFound(tenantSeg));
  const q = {};
  for (const [k, v] of url.searchParams) if (!(k in q)) q[k] = v;
  recordClaims('authorize', q);
  if (!q.client_id) return errorPage(res, req, missingParam('client_id'));
  const client = CLIENTS.get(q.client_id.toLowerCase());
  if (!client) return errorPage(res, req, appNotFound(q.client_id, tenantSeg));
  if (!q.redirect_uri) return errorPage(res, req, missingParam('redirect_uri'));
  if (!redirectRegistered(client, q.redirect_uri)) {
    return errorPage(res, req, aad('invalid_request', 50011, `The redirect URI '${q.redirect_uri}' specified in the request does not match the redirect URIs configured for the application '${client.id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`));
  }
  const mode = ['query', 'fragment', 'form_post'].includes(q.response_mode) ? q.response_mode : 'query';
  const respond = (params, headers = {}) => {
    if (q.state !== undefined) params.state = q.state;
    if (mode === 'form_post') {
      const inputs = Object.entries(params).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}" />`).join('\n');
      const html = `<html><head><title>Working...</title></head><body><form method="POST" name="hiddenform" action="${escapeHtml(q.redirect_uri)}">\n${inputs}\n<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit" /></noscript></form><script language="javascript">document.forms[0].submit();</script></body></html>`;
      return send(res, 200, html, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
    }
    const target = new URL(q.redirect_uri);
    const qs = new URLSearchParams(params).toString();
    let location;
    if (mode === 'fragment') location = `${target.href.replace(/#.*$/, '')}#${qs}`;
    else {
      for (const [k, v] of Object.entries(params)) target.searchParams.append(k, v);
      location = target.href;
    }
    return send(res, 302, '', { Location: location, ...headers });
  };
  const fail = (err) => {
    countError(err);
    bump('authorization.error');
    bump(`authorization.error:${err.code}`);
    const b = errorBody(err, req);
    return respond({ error: b.error, error_description: b.error_description, error_uri: b.error_uri });
  };
  if (q.response_mode !== undefined && !['query', 'fragment', 'form_post'].includes(q.response_mode)) {
    return fail(aad('invalid_request', 900144, `The request body must contain the following parameter: 'response_mode'. Value '${q.response_mode}' is not supported.`));
  }
  if (!q.response_type) return fail(missingParam('response_type'));
  if (q.response_type !== 'code') {
    return fail(aad('unsupported_response_type', 700054, `response_type '${q.response_type}' is not enabled for the application.`));
  }
  if (!q.scope) return fail(missingParam('scope'));
  let info;
  try {
    info = parseScopes(q.scope);
  } catch (e) {
    if (e instanceof AadError) return fail(e);
    throw e;
  }
  if (info.resource.needsConsent) return fail(consentRequired(client));
  let method;
  if (q.code_challenge !== undefined) {
    method = q.code_challenge_method || 'plain';
    if (!['plain', 'S256'].includes(method)) {
      return fail(aad('invalid_request', 9002313, `Invalid request. Request is malformed or invalid. [code_challenge_method '${method}' is not supported: plain or S256.]`));
    }
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(q.code_challenge)) {
      return fail(aad('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.'));
    }
  } else if (q.code_challenge_method !== undefined) {
    return fail(missingParam('code_challenge'));
  }
  const prompts = String(q.prompt || '').split(/\s+/).filter(Boolean);
  const jar = cookies(req);
  let session = jar.ESTSAUTH ? sessions.get(jar.ESTSAUTH) : undefined;
  if (prompts.includes('none')) {
    if (!session) {
      return fail(aad('login_required', 50058, "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Microsoft Entra ID. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Microsoft Entra endpoint (login.microsoftonline.com)."));
    }
  } else if (!session || prompts.includes('login') || (q.login_hint && q.login_hint.toLowerCase() !== session.username)) {
    const cookie = randomToken(32);
    session = { username: (q.login_hint || DEFAULT_USER).toLowerCase(), sid: uuid() };
    sessions.set(cookie, session);
    jar.ESTSAUTH = cookie;
  }
  const user = userProfile(session.username, signInTid(tenant));
  const code = `0.A${randomToken(72)}`;
  codes.set(code, {
    clientId: client.id, redirectUri: q.redirect_uri, info, nonce: q.nonce, challenge: q.code_challenge,
    method, user, sid: session.sid, expiresAt: now() + AUTH_CODE_TTL, used: false,
  });
  bump('authorization.success');
  return respond({ code, session_state: session.sid }, {
    'Set-Cookie': `ESTSAUTH=${jar.ESTSAUTH}; path=/; HttpOnly; SameSite=None`,
  });
}

// ---------------------------------------------------------------- client authentication
function basicCredentials(req) {
  const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization || '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  if (i < 0) return null;
  try {
    return { id: decodeURIComponent(text.slice(0, i).replace(/\+/g, ' ')), secret: decodeURIComponent(text.slice(i + 1).replace(/\+/g, ' ')) };
  } catch {
    return { id: text.slice(0, i), secret: text.slice(i + 1) };
  }
}
// Token endpoint URLs a client assertion's aud may name for this request.
function tokenEndpointAudiences(tenantSeg) {
  const segs = new Set([tenantSeg, tenantSeg.toLowerCase(), TENANT_ID, TENANT_DOMAIN]);
  const out = [];
  for (const s of segs) out.push(`${authority}/${s}/oauth2/v2.0/token`, `${authority}/${s}/oauth2/token`);
  return out;
}
function verifyAssertion(assertion, client, tenantSeg) {
  const d = decodeJwt(assertion);
  if (!d) throw aad('invalid_client', 50027, 'JWT token is invalid or malformed.');
  for (const name of Object.keys(d.header)) bump(`client_assertion_header:${name}`);
  bump(`client_assertion_alg:${d.header.alg}`);
  const thumb = d.header['x5t#S256'] || d.header.x5t || '';
  if (!['RS256', 'PS256'].includes(d.header.alg)) {
    throw aad('invalid_client', 5002738, `Invalid JWT token. '${d.header.alg}' is not a supported signature algorithm. Supported signing algorithms are: 'RS256, PS256'`);
  }
  if (d.header['x5t#S256'] !== WEB_CERT_X5T_S256) {
    bump('client_assertion.x5t#S256_unknown');
    throw aad('invalid_client', 700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumb || 'none'}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${client.id}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployer-api-reference to learn more.]`);
  }
  const data = Buffer.from(`${d.parts[0]}.${d.parts[1]}`);
  const sig = Buffer.from(d.parts[2], 'base64url');
  const key = d.header.alg === 'PS256'
    ? { key: webCert.publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO }
    : webCert.publicKey;
  let ok = false;
  try { ok = crypto.verify('sha256', data, key, sig); } catch { ok = false; }
  if (!ok) {
    bump('client_assertion.bad_signature');
    throw aad('invalid_client', 700027, `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${WEB_CERT_SHA1_HEX}', Found key 'Start=${webCert.validFrom}, End=${webCert.validTo}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${client.id}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployer-api-reference to learn more.]`);
  }
  const c = d.payload;
  if (c.iss !== client.id || c.sub !== client.id) {
    throw aad('invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .");
  }
  const auds = tokenEndpointAudiences(tenantSeg);
  const given = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!given.some((a) => typeof a === 'string' && auds.includes(a))) {
    throw aad('invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .');
  }
  const t = now();
  if (typeof c.exp !== 'number' || c.exp <= t || (typeof c.nbf === 'number' && c.nbf > t + 300)) {
    const iso = (s) => (typeof s === 'number' ? new Date(s * 1000).toISOString().replace('Z', '0000Z') : '1970-01-01T00:00:00.0000000Z');
    throw aad('invalid_client', 700024, `Client assertion is not within its valid time range. Current time: ${iso(t)}, assertion valid from ${iso(c.nbf)}, expiry time of assertion ${iso(c.exp)}. Review the documentation at https://docs.microsoft.com/en-us/azure/active-directory/develop/active-directory-certificate-credentials .`);
  }
  if (typeof c.jti !== 'string' || !c.jti) {
    throw aad('invalid_client', 50027, 'JWT token is invalid or malformed. [Reason - the client assertion has no jti.]');
  }
  for (const [j, exp] of usedJtis) if (exp < t) usedJtis.delete(j);
  if (usedJtis.has(c.jti)) {
    bump('client_assertion.jti_replayed');
    throw aad('invalid_client', 50027, 'JWT token is invalid or malformed. [Reason - the jti of the client assertion was already used.]');
  }
  usedJtis.set(c.jti, c.exp);
}
// -> {client, method, acr ("0" public, "1" secret, "2" certificate)}
function authenticateClient(req, form, tenantSeg, route) {
  const basic = basicCredentials(req);
  const methods = [];
  if (basic) methods.push('client_secret_basic');
  if (form.client_secret !== undefined) methods.push('client_secret_post');
  if (form.client_assertion !== undefined) methods.push('private_key_jwt');
  const method = methods.length > 1 ? 'multiple' : (methods[0] || 'none');
  bump(`client_auth:${route}:${method}`);
  let clientId = form.client_id || basic?.id;
  if (!clientId && form.client_assertion) clientId = decodeJwt(form.client_assertion)?.payload?.sub;
  if (!clientId) throw missingParam('client_id');
  if (basic && form.client_id && basic.id !== form.client_id) throw aad('invalid_request', 9002313, 'Invalid request. Request is malformed or invalid.');
  const client = CLIENTS.get(String(clientId).toLowerCase());
  if (!client) throw appNotFound(clientId, tenantSeg);
  if (method === 'multiple') throw aad('invalid_request', 9002313, 'Invalid request. Request is malformed or invalid.');
  if (client.type !== 'confidential') {
    if (method !== 'none') throw aad('invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
    return { client, method, acr: '0' };
  }
  if (method === 'none') throw aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  if (method === 'private_key_jwt') {
    if (!form.client_assertion_type) throw missingParam('client_assertion_type');
    if (form.client_assertion_type !== JWT_BEARER) throw aad('invalid_request', 9002313, 'Invalid request. Request is malformed or invalid.');
    verifyAssertion(form.client_assertion, client, tenantSeg);
    return { client, method, acr: '2' };
  }
  const secret = method === 'client_secret_basic' ? basic.secret : form.client_secret;
  if (secret !== client.secret) {
    throw aad('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.id}'.`);
  }
  return { client, method, acr: '1' };
}

// ---------------------------------------------------------------- token endpoint (v2.0)
const blockedCheck = (user) => {
  if (user.upn === BLOCKED_USER) throw aad('invalid_grant', 53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.', { extra: { suberror: 'message_only' } });
};

function grantAuthorizationCode(form, auth) {
  const { client } = auth;
  if (!form.code) throw missingParam('code');
  const rec = codes.get(form.code);
  if (!rec) throw malformed();
  if (rec.clientId !== client.id) throw badGrant();
  if (rec.used) throw aad('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
  if (rec.expiresAt <= now()) throw aad('invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
  if (!form.redirect_uri) throw missingParam('redirect_uri');
  if (form.redirect_uri !== rec.redirectUri) {
    throw aad('invalid_grant', 500112, `The reply address '${form.redirect_uri}' does not match the reply address '${rec.redirectUri}' provided when requesting Authorization code.`);
  }
  if (client.type === 'spa' && rec.challenge === undefined) {
    throw aad('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.');
  }
  if (rec.challenge !== undefined) {
    if (!form.code_verifier) throw missingParam('code_verifier');
    const computed = rec.method === 'S256' ? b64u(sha256(form.code_verifier)) : form.code_verifier;
    if (computed !== rec.challenge) {
      throw aad('invalid_grant', 50148, 'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.');
    }
  }
  rec.used = true;
  let info = rec.info;
  if (form.scope) {
    const asked = parseScopes(form.scope);
    info = asked.implicit ? { ...rec.info, oidc: [...new Set([...rec.info.oidc, ...asked.oidc])] }
      : { ...asked, oidc: [...new Set([...rec.info.oidc, ...asked.oidc])] };
    if (info.resource.needsConsent) throw consentRequired(client, 'invalid_grant');
  }
  blockedCheck(rec.user);
  return issueUserTokens({
    client, user: rec.user, info, acr: auth.acr, sid: rec.sid, nonce: rec.nonce,
    refresh: info.oidc.includes('offline_access'), clientInfo: form.client_info === '1',
  });
}

function grantRefreshToken(form, auth) {
  const { client } = auth;
  if (!form.refresh_token) throw missingParam('refresh_token');
  const rec = refreshTokens.get(form.refresh_token);
  if (!rec) throw malformed();
  if (rec.clientId !== client.id) throw badGrant();
  if (rec.expired) {
    const issued = rec.issuedAt.toISOString().replace('Z', '0000Z');
    throw aad('invalid_grant', 700082, `The refresh token has expired due to inactivity. The token was issued on ${issued} and was inactive for 90.00:00:00.`, { extra: { suberror: 'bad_token' } });
  }
  let info = { ...rec.info, oidc: rec.oidc };
  if (form.scope) {
    const asked = parseScopes(form.scope);
    const oidc = [...new Set([...asked.oidc, 'offline_access'])].filter((s) => rec.oidc.includes(s) || s === 'offline_access');
    info = asked.implicit ? { ...rec.info, oidc } : { ...asked, oidc };
    if (info.resource.needsConsent) throw consentRequired(client, 'invalid_grant');
  }
  blockedCheck(rec.user);
  // Microsoft rotates: every refresh returns a new refresh token; the old one stays valid.
  return issueUserTokens({
    client, user: rec.user, info, acr: auth.acr, sid: rec.sid, refresh: true, clientInfo: form.client_info === '1',
  });
}

function clientCredentialsResource(scope) {
  const items = String(scope || '').split(/\s+/).filter(Boolean);
  const bad = () => aad('invalid_scope', 1002012, `The provided value for scope ${items.join(' ')} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  if (items.length !== 1) throw bad();
  const s = items[0];
  const i = s.lastIndexOf('/');
  if (i <= 0 || s.slice(i + 1) !== '.default') throw bad();
  const resId = s.slice(0, i).replace(/\/+$/, '');
  const resource = findResource(resId);
  if (!resource) {
    throw aad('invalid_resource', 500011, `The resource principal named ${resId} was not found in the tenant named ${TENANT_DOMAIN}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
  return { resource, requestedBy: resId };
}

function grantClientCredentials(form, auth) {
  if (auth.client.type !== 'confidential') {
    throw aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  if (!form.scope) throw missingParam('scope');
  const { resource, requestedBy } = clientCredentialsResource(form.scope);
  const lifetime = ttl();
  const at = appAccessToken({ client: auth.client, resource, requestedBy, acr: auth.acr, lifetime });
  bump(`token.issued:access_token:${at.kind}`);
  bump('token.issued:app_only');
  // Microsoft's v2.0 client credentials answer has no scope, no refresh token, no ID token.
  return { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: at.token };
}

function grantDeviceCode(form, auth) {
  const { client } = auth;
  if (client.type === 'spa' || (client.type === 'public' && !client.publicClientFlows)) {
    throw aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  const dc = form.device_code || form.code;
  if (!dc) throw missingParam('device_code');
  const rec = deviceCodes.get(dc);
  if (!rec) throw aad('bad_verification_code', 70018, "The provided value for the input parameter 'device_code' is not valid.");
  if (rec.clientId !== client.id) throw badGrant();
  if (rec.status === 'redeemed') throw aad('invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
  if (rec.expiresAt <= now()) throw aad('expired_token', 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
  if (rec.status === 'declined') throw aad('authorization_declined', 70000, 'The user declined the authorization request.');
  if (rec.status === 'pending') {
    bump('device.pending_polls');
    throw aad('authorization_pending', 70016, 'The provided request has not yet been authorized by the user. The user must input their code.');
  }
  rec.status = 'redeemed';
  if (rec.info.resource.needsConsent) throw consentRequired(client, 'invalid_grant');
  blockedCheck(rec.user);
  return issueUserTokens({
    client, user: rec.user, info: rec.info, acr: auth.acr, sid: rec.sid,
    refresh: rec.info.oidc.includes('offline_access'), clientInfo: form.client_info === '1',
  });
}

async function handleToken(req, res, tenantSeg, v1) {
  const route = v1 ? 'token_v1' : 'token';
  const origin = req.headers.origin;
  const cors = origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  let grantType;
  try {
    if (req.method === 'OPTIONS') {
      return send(res, 204, '', { ...cors, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] || 'content-type', 'Access-Control-Max-Age': '86400' });
    }
    const tenant = resolveTenant(tenantSeg);
    if (!tenant) throw tenantNotFound(tenantSeg);
    if (req.method !== 'POST') throw aad('invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`);
    bump(origin ? 'token_request:origin' : 'token_request:no_origin');
    const form = parseBody({ headers: { 'content-type': 'application/x-www-form-urlencoded' } }, await readBody(req));
    recordClaims(route, form);
    grantType = form.grant_type;
    if (!grantType) throw missingParam('grant_type');
    const auth = authenticateClient(req, form, tenantSeg, route);
    if (origin && auth.client.type !== 'spa') {
      throw aad('invalid_request', 9002326, "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '" + origin + "'.");
    }
    if (!origin && auth.client.type === 'spa' && ['authorization_code', 'refresh_token'].includes(grantType)) {
      throw aad('invalid_request', 9002327, "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.");
    }
    let body;
    if (v1) {
      if (grantType !== 'client_credentials') throw aad('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
      body = grantClientCredentialsV1(form, auth);
    } else {
      switch (grantType) {
        case 'authorization_code': body = grantAuthorizationCode(form, auth); break;
        case 'refresh_token': body = grantRefreshToken(form, auth); break;
        case 'client_credentials': body = grantClientCredentials(form, auth); break;
        case DEVICE_GRANT: body = grantDeviceCode(form, auth); break;
        default: throw aad('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
      }
    }
    bump('grant.success');
    bump(`grant.success:${grantType}`);
    return send(res, 200, body, { ...cors, 'x-ms-request-id': uuid(), ...clientRequestIdHeader(req) });
  } catch (e) {
    if (!(e instanceof AadError)) throw e;
    if (grantType) {
      bump('grant.error');
      bump(`grant.error:${grantType}`);
      bump(`grant.error:${grantType}:${e.error}`);
    }
    return sendJsonError(res, req, e, cors);
  }
}

// v1.0 endpoint: client_credentials with resource=, numbers as strings.
function grantClientCredentialsV1(form, auth) {
  if (auth.client.type !== 'confidential') {
    throw aad('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
  }
  if (!form.resource) throw missingParam('resource');
  const resource = findResource(form.resource);
  if (!resource) {
    throw aad('invalid_resource', 500011, `The resource principal named ${form.resource} was not found in the tenant named ${TENANT_DOMAIN}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
  const lifetime = ttl();
  const at = appAccessToken({ client: auth.client, resource, requestedBy: form.resource, acr: auth.acr, lifetime });
  bump(`token.issued:access_token:${at.kind}`);
  bump('token.issued:app_only');
  return {
    token_type: 'Bearer',
    expires_in: String(lifetime),
    ext_expires_in: String(lifetime),
    expires_on: String(at.t.exp),
    not_before: String(at.t.nbf),
    resource: form.resource,
    access_token: at.token,
  };
}

// ---------------------------------------------------------------- device authorization
const USER_CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
function newUserCode() {
  for (;;) {
    let c = '';
    for (let i = 0; i < 9; i += 1) c += USER_CODE_ALPHABET[crypto.randomInt(USER_CODE_ALPHABET.length)];
    if (/[A-Z]/.test(c) && !userCodes.has(c)) return c;
  }
}
async function handleDeviceCode(req, res, tenantSeg) {
  try {
    const tenant = resolveTenant(tenantSeg);
    if (!tenant) throw tenantNotFound(tenantSeg);
    if (req.method !== 'POST') throw aad('invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`);
    const form = parseBody({ headers: { 'content-type': 'application/x-www-form-urlencoded' } }, await readBody(req));
    recordClaims('devicecode', form);
    if (!form.client_id) throw missingParam('client_id');
    const client = CLIENTS.get(form.client_id.toLowerCase());
    if (!client) throw appNotFound(form.client_id, tenantSeg);
    if (!form.scope) throw missingParam('scope');
    const info = parseScopes(form.scope);
    const deviceCode = `DAQABIQEAAAD--${randomToken(96)}`;
    const userCode = newUserCode();
    deviceCodes.set(deviceCode, {
      clientId: client.id, info, tid: signInTid(tenant), userCode, status: 'pending', user: null,
      sid: uuid(), expiresAt: now() + DEVICE_CODE_TTL,
    });
    userCodes.set(userCode, deviceCode);
    bump('device_authorization.success');
    const verification = 'https://microsoft.com/devicelogin';
    return send(res, 200, {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: verification,
      expires_in: DEVICE_CODE_TTL,
      interval: opts.deviceInterval,
      message: `To sign in, use a web browser to open the page ${verification} and enter the code ${userCode} to authenticate.`,
    }, { 'x-ms-request-id': uuid(), ...clientRequestIdHeader(req) });
  } catch (e) {
    if (!(e instanceof AadError)) throw e;
    bump('device_authorization.error');
    return sendJsonError(res, req, e);
  }
}

// ---------------------------------------------------------------- userinfo
function handleUserinfo(req, res) {
  const requestId = uuid();
  const fail = (message, withError) => {
    bump('userinfo.error');
    const www = withError
      ? `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}", error="invalid_token", error_description="${message}"`
      : `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`;
    return send(res, 401, {
      error: {
        code: 'InvalidAuthenticationToken',
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': requestId },
      },
    }, { 'WWW-Authenticate': www, 'request-id': requestId });
  };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization || '');
  if (!m) return fail('Access token is empty.', false);
  const d = verifyOwnJwt(m[1]);
  if (!d) return fail('Access token validation failure. Invalid signature.', true);
  const c = d.payload;
  if (c.aud !== GRAPH_APP_ID && c.aud !== GRAPH_URI) return fail('Access token validation failure. Invalid audience.', true);
  if (typeof c.exp !== 'number' || c.exp <= now()) return fail('Lifetime validation failed, the token is expired.', true);
  if (!c.scp) return fail('Access token validation failure. The token has no user (app-only token).', true);
  bump('userinfo.success');
  const scp = String(c.scp).split(' ');
  return send(res, 200, {
    sub: pairwiseSub(c.oid, c.appid),
    name: c.name,
    family_name: c.family_name,
    given_name: c.given_name,
    picture: 'https://graph.microsoft.com/v1.0/me/photo/$value',
    ...(scp.includes('email') ? { email: c.upn } : {}),
  }, { 'request-id': requestId });
}

// ---------------------------------------------------------------- discovery
function discoveryV2(tenant) {
  const seg = endpointSeg(tenant);
  const base = `${authority}/${seg}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: tenant.tid ? v2Issuer(tenant.tid) : `${authority}/{tenantid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${authority}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: tenant.kind === 'tenant' ? 'NA' : null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}
function discoveryV1(tenant) {
  const seg = endpointSeg(tenant);
  const base = `${authority}/${seg}`;
  return {
    token_endpoint: `${base}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: tenant.tid ? v1Issuer(tenant.tid) : 'https://sts.windows.net/{tenantid}/',
    microsoft_multi_refresh_token: true,
    authorization_endpoint: `${base}/oauth2/authorize`,
    device_authorization_endpoint: `${base}/oauth2/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'amr', 'nonce', 'email', 'given_name', 'family_name', 'nickname'],
    check_session_iframe: `${base}/oauth2/checksession`,
    userinfo_endpoint: `${base}/openid/userinfo`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: tenant.kind === 'tenant' ? 'NA' : null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}
function jwks(v2) {
  return {
    keys: [...KEYS.values()].map((k) => ({
      kty: 'RSA',
      use: 'sig',
      kid: k.kid,
      x5t: k.kid,
      n: k.n,
      e: k.e,
      x5c: [k.x5c],
      cloud_instance_name: 'microsoftonline.com',
      ...(k.kid === KID_TENANT ? { issuer: v2Issuer(TENANT_ID) } : {}),
      ...(k.kid === KID_COMMON && v2 && opts.keyIssuerTemplate ? { issuer: `${authority}/{tenantid}/v2.0` } : {}),
    })),
  };
}

// ---------------------------------------------------------------- logout
function handleLogout(req, res, tenantSeg, url) {
  const tenant = resolveTenant(tenantSeg);
  if (!tenant) return errorPage(res, req, tenantNotFound(tenantSeg));
  bump('logout');
  const jar = cookies(req);
  if (jar.ESTSAUTH) sessions.delete(jar.ESTSAUTH);
  const clear = { 'Set-Cookie': 'ESTSAUTH=; path=/; Max-Age=0' };
  const target = url.searchParams.get('post_logout_redirect_uri');
  let clientId = url.searchParams.get('client_id');
  const hint = url.searchParams.get('id_token_hint');
  if (!clientId && hint) clientId = decodeJwt(hint)?.payload?.aud;
  const candidates = clientId && CLIENTS.has(String(clientId).toLowerCase()) ? [CLIENTS.get(String(clientId).toLowerCase())] : [...CLIENTS.values()];
  if (target && candidates.some((c) => redirectRegistered(c, target))) {
    const u = new URL(target);
    const state = url.searchParams.get('state');
    if (state !== null) u.searchParams.append('state', state);
    return send(res, 302, '', { Location: u.href, ...clear });
  }
  return send(res, 200, '<!DOCTYPE html><html><head><title>Sign out</title></head><body><p>You signed out of your account</p><p>It\'s a good idea to close all browser windows.</p></body></html>', { 'Content-Type': 'text/html; charset=utf-8', ...clear });
}

// ---------------------------------------------------------------- test hooks
async function handleTestHook(req, res, name) {
  if (name === 'events' && req.method === 'GET') return send(res, 200, snapshot());
  if (name === 'claims' && req.method === 'GET') return send(res, 200, claimsReceived);
  if (name === 'reset' && req.method === 'POST') {
    counters.clear();
    return send(res, 200, { reset: true });
  }
  if (name === 'config' && req.method === 'GET') {
    return send(res, 200, {
      authority,
      tenant_id: TENANT_ID,
      tenant_domain: TENANT_DOMAIN,
      consumers_tenant_id: CONSUMERS_TENANT_ID,
      other_tenant_id: OTHER_TENANT_ID,
      clients: [...CLIENTS.values()].map((c) => ({ client_id: c.id, name: c.name, type: c.type, platform: c.platform, redirect_uris: c.redirects, public_client_flows: c.publicClientFlows, ...(c.secret ? { client_secret: c.secret, certificate_x5t_s256: WEB_CERT_X5T_S256, certificate_file: opts.cert } : {}) })),
      apis: RESOURCES.map((r) => ({ uri: r.uri, app_id: r.appId, token_version: r.version, scopes: r.scopes, app_roles: r.roles })),
      users: { default: DEFAULT_USER, blocked: BLOCKED_USER, many_groups: MANY_GROUPS_USER },
      kids: [KID_COMMON, KID_TENANT],
      flags: { device_interval: opts.deviceInterval, access_token_ttl_range: [opts.ttlMin, opts.ttlMax], key_issuer_template: opts.keyIssuerTemplate },
    });
  }
  if (req.method !== 'POST') return send(res, 404, { error: 'not_found' });
  const body = parseBody(req, await readBody(req));
  if (name === 'device') {
    const code = String(body.user_code || '').toUpperCase();
    const dc = userCodes.get(code);
    const rec = dc && deviceCodes.get(dc);
    if (!rec) return send(res, 404, { error: 'unknown_user_code', user_code: code });
    const action = body.action || 'approve';
    if (!['approve', 'decline', 'expire'].includes(action)) return send(res, 400, { error: 'bad_action', action });
    if (action === 'expire') {
      rec.expiresAt = now() - 1;
      bump('device.expired');
      return send(res, 200, { user_code: code, action, status: rec.status, expired: true });
    }
    if (rec.status !== 'pending') return send(res, 409, { error: 'not_pending', user_code: code, status: rec.status });
    if (action === 'decline') {
      rec.status = 'declined';
      bump('device.declined');
      return send(res, 200, { user_code: code, action, status: rec.status });
    }
    rec.status = 'approved';
    rec.user = userProfile(body.user || DEFAULT_USER, rec.tid);
    bump('device.approved');
    return send(res, 200, { user_code: code, action, status: rec.status, user: rec.user.upn });
  }
  if (name === 'expire-refresh-tokens') {
    let n = 0;
    for (const rec of refreshTokens.values()) {
      if (!rec.expired) {
        rec.expired = true;
        n += 1;
      }
    }
    bump('refresh_token.expired_by_test', n);
    return send(res, 200, { expired: n });
  }
  if (name === 'mint') {
    const kid = body.kid || KID_TENANT;
    if (!KEYS.has(kid)) return send(res, 400, { error: 'unknown_kid', kid });
    const user = userProfile(body.user || DEFAULT_USER, OTHER_TENANT_ID);
    const t = times(3600);
    const defaults = {
      aud: V2_API_ID, iss: v2Issuer(OTHER_TENANT_ID), ...t, aio: opaque(), azp: PUBLIC_APP_ID, azpacr: '0',
      name: user.name, oid: user.oid, preferred_username: user.upn, rh: rh(), scp: 'read', sid: uuid(),
      sub: pairwiseSub(user.oid, V2_API_ID), tid: OTHER_TENANT_ID, uti: opaque(16), ver: '2.0',
    };
    const claims = { ...defaults, ...(body.claims && typeof body.claims === 'object' ? body.claims : {}) };
    const header = { typ: 'JWT', alg: 'RS256', kid, ...(body.header && typeof body.header === 'object' ? body.header : {}) };
    bump('test.mint');
    return send(res, 200, { token: signJwt(header, claims, kid), header, claims });
  }
  return send(res, 404, { error: 'not_found' });
}

// ---------------------------------------------------------------- router
async function route(req, res, url) {
  const segs = url.pathname.split('/').filter(Boolean);
  const p = `/${segs.slice(1).join('/')}`;
  if (segs[0] === '__test' && segs.length === 2) return ['test', () => handleTestHook(req, res, segs[1])];
  if (url.pathname === '/oidc/userinfo') return ['userinfo', () => handleUserinfo(req, res)];
  if (segs.length < 2) return ['not_found', null];
  const t = segs[0];
  const get = req.method === 'GET' || req.method === 'HEAD';
  switch (p) {
    case '/v2.0/.well-known/openid-configuration':
    case '/.well-known/openid-configuration':
      return ['discovery', () => {
        const tenant = resolveTenant(t);
        if (!tenant) return sendJsonError(res, req, aad('invalid_tenant', 90002, tenantNotFound(t).text));
        if (!get) return send(res, 405, { error: 'method_not_allowed' });
        return send(res, 200, p.startsWith('/v2.0') ? discoveryV2(tenant) : discoveryV1(tenant), { 'Cache-Control': 'max-age=86400, private', 'Access-Control-Allow-Origin': '*' });
      }];
    case '/discovery/v2.0/keys':
    case '/discovery/keys':
      return ['jwks', () => {
        if (!resolveTenant(t)) return sendJsonError(res, req, aad('invalid_tenant', 90002, tenantNotFound(t).text));
        return send(res, 200, jwks(p.includes('v2.0')), { 'Cache-Control': 'max-age=86400, private', 'Access-Control-Allow-Origin': '*' });
      }];
    case '/oauth2/v2.0/authorize':
      return ['authorize', () => handleAuthorize(req, res, t, url)];
    case '/oauth2/v2.0/token':
      return ['token', () => handleToken(req, res, t, false)];
    case '/oauth2/token':
      return ['token_v1', () => handleToken(req, res, t, true)];
    case '/oauth2/v2.0/devicecode':
      return ['devicecode', () => handleDeviceCode(req, res, t)];
    case '/oauth2/v2.0/logout':
      return ['logout', () => handleLogout(req, res, t, url)];
    case '/openid/userinfo':
      return ['userinfo', () => handleUserinfo(req, res)];
    default:
      return ['not_found', null];
  }
}

const server = http.createServer(async (req, res) => {
  let name = 'unknown';
  res.on('finish', () => {
    bump(`route:${name}`);
    bump(`route:${name}:${res.statusCode}`);
    if (opts.logRequests) process.stderr.write(`entra.mjs: ${req.method} ${req.url.split('?')[0]} ${res.statusCode}\n`);
  });
  try {
    const url = new URL(req.url, 'http://127.0.0.1');
    const [n, handler] = await route(req, res, url);
    name = n;
    if (!handler) return send(res, 404, { error: 'not_found' });
    return await handler();
  } catch (e) {
    bump('server_error');
    process.stderr.write(`entra.mjs: ${req.method} ${req.url}: ${e && e.stack ? e.stack : e}\n`);
    if (!res.headersSent) {
      if (e instanceof AadError) return sendJsonError(res, req, e);
      return send(res, 500, { error: 'server_error', error_description: String(e && e.message) });
    }
    return res.end();
  }
});
server.keepAliveTimeout = 5000;

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen({ host: '127.0.0.1', port: opts.port, exclusive: true }, resolve);
});
const { port } = server.address();
authority = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------- lifecycle
stopOnSignals(server, { exitOnStdinClose: opts.exitOnStdinClose });

process.stdout.write(`${JSON.stringify({
  authority,
  port,
  tenant_id: TENANT_ID,
  tenant_domain: TENANT_DOMAIN,
  pid: process.pid,
})}\n`);
