#!/usr/bin/env node
// Self-test of entra.mjs (the fake Microsoft Entra ID), without oidctl.
//
//   node tests/provider/entra-smoke.mjs      (from anywhere; Node 20+, no npm packages)
//
// Starts entra.mjs, then plays a client over plain HTTP: discovery (v2.0, v1.0, by GUID,
// domain, common, organizations, consumers), the key sets (x5c certificates, the
// tenant key's issuer), authorization code + PKCE for the desktop, SPA and web apps, the
// Origin rules, scope rules, consent, prompt=none, refresh token rotation and the
// expiry hook, v1.0 and Graph tokens (Graph's header nonce), userinfo, client
// credentials with the secret and with certificate assertions built with node:crypto
// from ../fixtures/keys (rs256.key.pem + rs256.cert.pem), the v1.0 token endpoint, the
// device flow with the /__test/device hook, /__test/mint and the counters. Token
// signatures are checked against the published JWKS with node:crypto.
// Prints one line per check and finally "N passed, M failed"; exit 1 on failure.

import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as querystring from 'node:querystring';
import { fileURLToPath, URL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const KEYS_DIR = path.join(HERE, '..', 'fixtures', 'keys');
const TENANT_ID = '5e1f7c2a-8d34-4b6e-9a01-c0ffee5e1f7c';
const CONSUMERS = '9188040d-6c67-4c5b-b112-36a304b66dad';
const PUBLIC_APP = '0d1c7e57-0000-4000-8000-00000000a001';
const SPA_APP = '0d1c7e57-0000-4000-8000-00000000a002';
const WEB_APP = '0d1c7e57-0000-4000-8000-00000000a003';
const WEB_SECRET = 'entra-test-secret';
const V2_API = '0d1c7e57-0000-4000-8000-0000000000b2';
const GRAPH_ID = '00000003-0000-0000-c000-000000000000';
const children = new Set();

let passed = 0;
let failed = 0;

function assert(cond, message) {
  if (!cond) throw new Error(message);
}
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed += 1;
    process.stdout.write(`ok   ${name} (${Date.now() - t0} ms)\n`);
  } catch (e) {
    failed += 1;
    process.stdout.write(`FAIL ${name}: ${e && e.stack ? e.stack : e}\n`);
  }
}

// ---------------------------------------------------------------- plumbing
function startEntra(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(HERE, 'entra.mjs'), '--exit-on-stdin-close', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`entra.mjs did not start: ${err}`)), 20000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(out.slice(0, nl)), line: out.slice(0, nl), stderr: () => err });
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); children.delete(child); reject(new Error(`entra.mjs exited ${code}: ${err}`)); });
  });
}
// -> {status, headers, text, json}
function request(url, { method = 'GET', headers = {}, body, form, json } = {}) {
  return new Promise((resolve, reject) => {
    let payload = body;
    const h = { Connection: 'close', ...headers };
    if (form) {
      payload = querystring.stringify(form);
      h['Content-Type'] = 'application/x-www-form-urlencoded';
    } else if (json !== undefined) {
      payload = JSON.stringify(json);
      h['Content-Type'] = 'application/json';
    }
    if (payload !== undefined) h['Content-Length'] = Buffer.byteLength(payload);
    const req = http.request(url, { method, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try { parsed = JSON.parse(text); } catch { parsed = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json: parsed });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
const b64u = (b) => Buffer.from(b).toString('base64url');
const sha256 = (d) => crypto.createHash('sha256').update(d).digest();
const pkce = () => {
  const verifier = b64u(crypto.randomBytes(32));
  return { verifier, challenge: b64u(sha256(verifier)) };
};
function decode(token) {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
}
// Verifies an RS256 JWS with a JWK (exactly the bytes of the token).
function verifyWith(token, jwk) {
  const [h, p, s] = token.split('.');
  const key = crypto.createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  return crypto.verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
}
// Graph's rule: the signing input's header has nonce = base64url(SHA-256(nonce)).
function verifyGraph(token, jwk) {
  const [, p, s] = token.split('.');
  const { header } = decode(token);
  const h = b64u(JSON.stringify({ ...header, nonce: b64u(sha256(header.nonce)) }));
  const key = crypto.createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
  return crypto.verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url'));
}
function assertAadError(r, status, error, code) {
  eq(r.status, status, `HTTP status (${r.text.slice(0, 300)})`);
  const b = r.json;
  assert(b, `JSON error body, got ${r.text.slice(0, 200)}`);
  eq(b.error, error, 'error');
  eq(b.error_codes, [code], 'error_codes');
  assert(b.error_description.startsWith(`AADSTS${code}: `), `description starts with AADSTS${code}: ${b.error_description}`);
  assert(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/.test(b.error_description), `description trailer: ${JSON.stringify(b.error_description)}`);
  assert(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/.test(b.timestamp), 'timestamp');
  assert(/^[0-9a-f-]{36}$/.test(b.trace_id) && /^[0-9a-f-]{36}$/.test(b.correlation_id), 'trace_id, correlation_id');
  eq(b.error_uri, `https://login.microsoftonline.com/error?code=${code}`, 'error_uri');
  return b;
}
function assertRedirectError(r, error, code) {
  eq(r.status, 302, 'status');
  const loc = new URL(r.headers.location);
  eq(loc.searchParams.get('error'), error, `error in ${loc}`);
  assert(loc.searchParams.get('error_description').startsWith(`AADSTS${code}: `), `description ${loc.searchParams.get('error_description')}`);
  return loc;
}

// ---------------------------------------------------------------- main
const S = await startEntra(['--device-interval', '1']);
const A = S.ready.authority;
const T = `${A}/${TENANT_ID}`;
const tokenUrl = `${T}/oauth2/v2.0/token`;
let JWKS;
const jwk = (kid) => JWKS.keys.find((k) => k.kid === kid);

async function authorize(params, { tenant = TENANT_ID, cookie } = {}) {
  const u = new URL(`${A}/${tenant}/oauth2/v2.0/authorize`);
  for (const [k, v] of Object.entries({ response_type: 'code', ...params })) if (v !== undefined) u.searchParams.set(k, v);
  return request(u.href, { headers: cookie ? { Cookie: cookie } : {} });
}
// A whole sign-in: authorize (auto-approved) then code redemption.
async function signIn({ client = PUBLIC_APP, scope, redirect = 'http://localhost:53123', user, tenant = TENANT_ID, origin, extra = {} } = {}) {
  const p = pkce();
  const r = await authorize({ client_id: client, redirect_uri: redirect, scope, state: 'st-1', nonce: 'n-1', code_challenge: p.challenge, code_challenge_method: 'S256', login_hint: user }, { tenant });
  eq(r.status, 302, `authorize status (${r.text.slice(0, 300)})`);
  const loc = new URL(r.headers.location);
  const code = loc.searchParams.get('code');
  assert(code, `code in ${loc}`);
  const t = await request(`${A}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: origin ? { Origin: origin } : {},
    form: { grant_type: 'authorization_code', client_id: client, code, redirect_uri: redirect, code_verifier: p.verifier, scope, ...extra },
  });
  return { loc, code, verifier: p.verifier, token: t };
}
function assertionFor({ alg = 'PS256', keyFile = 'rs256.key.pem', certFile = 'rs256.cert.pem', header = {}, claims = {}, noThumb = false } = {}) {
  const cert = new crypto.X509Certificate(fs.readFileSync(path.join(KEYS_DIR, certFile)));
  const h = { alg, typ: 'JWT', ...(noThumb ? {} : { 'x5t#S256': b64u(sha256(cert.raw)) }), ...header };
  const t = Math.floor(Date.now() / 1000);
  const c = { aud: tokenUrl, iss: WEB_APP, sub: WEB_APP, jti: crypto.randomUUID(), nbf: t, iat: t, exp: t + 600, ...claims };
  const input = `${b64u(JSON.stringify(h))}.${b64u(JSON.stringify(c))}`;
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(KEYS_DIR, keyFile)));
  const sig = alg === 'PS256'
    ? crypto.sign('sha256', Buffer.from(input), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
    : crypto.sign('sha256', Buffer.from(input), key);
  return `${input}.${b64u(sig)}`;
}
const cc = (form, headers = {}) => request(tokenUrl, { method: 'POST', headers, form: { grant_type: 'client_credentials', ...form } });

await check('ready line: authority, port, tenant_id, tenant_domain, pid', async () => {
  eq(Object.keys(S.ready), ['authority', 'port', 'tenant_id', 'tenant_domain', 'pid'], 'keys');
  eq(S.ready.authority, `http://127.0.0.1:${S.ready.port}`, 'authority');
  eq(S.ready.tenant_id, TENANT_ID, 'tenant_id');
  eq(S.ready.tenant_domain, 'contoso.example', 'tenant_domain');
});

await check('v2.0 discovery by GUID and by domain: the GUID issuer, Microsoft\'s fields only', async () => {
  for (const seg of [TENANT_ID, 'contoso.example']) {
    const r = await request(`${A}/${seg}/v2.0/.well-known/openid-configuration`);
    eq(r.status, 200, 'status');
    const d = r.json;
    eq(d.issuer, `${A}/${TENANT_ID}/v2.0`, 'issuer');
    eq(d.token_endpoint, `${A}/${TENANT_ID}/oauth2/v2.0/token`, 'token_endpoint');
    eq(d.authorization_endpoint, `${A}/${TENANT_ID}/oauth2/v2.0/authorize`, 'authorization_endpoint');
    eq(d.device_authorization_endpoint, `${A}/${TENANT_ID}/oauth2/v2.0/devicecode`, 'device_authorization_endpoint');
    eq(d.jwks_uri, `${A}/${TENANT_ID}/discovery/v2.0/keys`, 'jwks_uri');
    eq(d.userinfo_endpoint, `${A}/oidc/userinfo`, 'userinfo_endpoint');
    eq(d.end_session_endpoint, `${A}/${TENANT_ID}/oauth2/v2.0/logout`, 'end_session_endpoint');
    eq(d.scopes_supported, ['openid', 'profile', 'email', 'offline_access'], 'scopes_supported');
    eq(d.id_token_signing_alg_values_supported, ['RS256'], 'algs');
    eq(d.token_endpoint_auth_methods_supported, ['client_secret_post', 'private_key_jwt', 'client_secret_basic'], 'auth methods');
    eq(d.request_uri_parameter_supported, false, 'request_uri_parameter_supported');
    eq([d.frontchannel_logout_supported, d.http_logout_supported], [true, true], 'logout flags');
    eq(d.tenant_region_scope, 'NA', 'tenant_region_scope');
    for (const k of ['cloud_instance_name', 'msgraph_host', 'rbac_url', 'kerberos_endpoint', 'claims_supported', 'response_modes_supported', 'subject_types_supported', 'response_types_supported']) assert(k in d, `has ${k}`);
    for (const k of ['revocation_endpoint', 'introspection_endpoint', 'code_challenge_methods_supported']) assert(!(k in d), `no ${k}`);
  }
});

await check('v2.0 discovery for common, organizations ({tenantid} template) and consumers', async () => {
  for (const seg of ['common', 'organizations']) {
    const d = (await request(`${A}/${seg}/v2.0/.well-known/openid-configuration`)).json;
    eq(d.issuer, `${A}/{tenantid}/v2.0`, `${seg} issuer`);
    eq(d.token_endpoint, `${A}/${seg}/oauth2/v2.0/token`, `${seg} token_endpoint`);
    eq(d.tenant_region_scope, null, 'tenant_region_scope');
  }
  const d = (await request(`${A}/consumers/v2.0/.well-known/openid-configuration`)).json;
  eq(d.issuer, `${A}/${CONSUMERS}/v2.0`, 'consumers issuer');
  eq(d.jwks_uri, `${A}/consumers/discovery/v2.0/keys`, 'consumers jwks_uri');
});

await check('v1.0 discovery: sts.windows.net issuer, v1 endpoints; unknown tenant -> AADSTS90002', async () => {
  let d = (await request(`${A}/contoso.example/.well-known/openid-configuration`)).json;
  eq(d.issuer, `https://sts.windows.net/${TENANT_ID}/`, 'issuer');
  eq(d.token_endpoint, `${T}/oauth2/token`, 'token_endpoint');
  eq(d.authorization_endpoint, `${T}/oauth2/authorize`, 'authorization_endpoint');
  eq(d.jwks_uri, `${T}/discovery/keys`, 'jwks_uri');
  d = (await request(`${A}/common/.well-known/openid-configuration`)).json;
  eq(d.issuer, 'https://sts.windows.net/{tenantid}/', 'common v1 issuer');
  assertAadError(await request(`${A}/fabrikam.example/v2.0/.well-known/openid-configuration`), 400, 'invalid_tenant', 90002);
});

await check('JWKS (v2 and v1, by tenant and common): k-common and k-tenant with x5t = kid, x5c certificates, issuer on k-tenant only', async () => {
  JWKS = (await request(`${T}/discovery/v2.0/keys`)).json;
  eq(JWKS.keys.map((k) => k.kid), ['k-common', 'k-tenant'], 'kids');
  for (const k of JWKS.keys) {
    eq([k.kty, k.use, k.x5t, k.e], ['RSA', 'sig', k.kid, 'AQAB'], `${k.kid} kty/use/x5t/e`);
    const cert = new crypto.X509Certificate(Buffer.from(k.x5c[0], 'base64'));
    const certJwk = cert.publicKey.export({ format: 'jwk' });
    eq(certJwk.n, k.n, `${k.kid} x5c holds the key`);
    assert(cert.verify(cert.publicKey), 'self-signed certificate verifies');
  }
  eq(jwk('k-tenant').issuer, `${A}/${TENANT_ID}/v2.0`, 'k-tenant issuer');
  assert(!('issuer' in jwk('k-common')), 'k-common has no issuer');
  for (const u of [`${T}/discovery/keys`, `${A}/common/discovery/v2.0/keys`, `${A}/common/discovery/keys`]) {
    const other = (await request(u)).json;
    eq(other.keys.map((k) => k.n), JWKS.keys.map((k) => k.n), `same keys at ${u}`);
  }
});

let main; // the desktop app's first sign-in
await check('desktop app: authorize (auto-approved, http://localhost:ANY_PORT) + code + PKCE S256 -> v2 API token, ID token, refresh token', async () => {
  const scope = 'openid profile offline_access api://v2-api/read api://v2-api/write';
  main = await signIn({ scope });
  eq(main.loc.origin + main.loc.pathname, 'http://localhost:53123/', 'redirect target');
  eq(main.loc.searchParams.get('state'), 'st-1', 'state');
  assert(main.loc.searchParams.get('session_state'), 'session_state');
  assert(!main.loc.searchParams.has('iss'), 'no iss parameter (Entra does not send RFC 9207 iss)');
  const t = main.token;
  eq(t.status, 200, `token status ${t.text}`);
  const b = t.json;
  eq(b.token_type, 'Bearer', 'token_type');
  eq(b.scope, 'api://v2-api/read api://v2-api/write', 'scope');
  assert(typeof b.expires_in === 'number' && b.expires_in >= 3600 && b.expires_in <= 5400, `expires_in number in 3600-5400: ${b.expires_in}`);
  eq(typeof b.ext_expires_in, 'number', 'ext_expires_in type');
  assert(b.refresh_token && b.id_token, 'refresh_token and id_token');
  const id = decode(b.id_token);
  eq(Object.keys(id.header), ['typ', 'alg', 'kid'], 'ID token header (v2: no x5t)');
  eq(id.header.kid, 'k-common', 'ID token kid');
  assert(verifyWith(b.id_token, jwk('k-common')), 'ID token verifies with k-common');
  const c = id.payload;
  eq([c.iss, c.aud, c.tid, c.nonce, c.ver, c.preferred_username, c.name], [`${A}/${TENANT_ID}/v2.0`, PUBLIC_APP, TENANT_ID, 'n-1', '2.0', 'alice@contoso.example', 'Alice Contoso'], 'ID token claims');
  assert(/^[0-9a-f-]{36}$/.test(c.oid) && c.sub && c.aio && c.rh && c.uti && c.sid, 'oid, sub, aio, rh, uti, sid');
  eq(c.exp - c.iat, 3600, 'ID token lifetime');
  const at = decode(b.access_token);
  eq(at.header.kid, 'k-tenant', 'v2-api token signed by k-tenant');
  assert(verifyWith(b.access_token, jwk('k-tenant')), 'access token verifies with k-tenant');
  assert(!verifyWith(b.access_token, jwk('k-common')), 'and not with k-common');
  const a = at.payload;
  eq([a.aud, a.iss, a.azp, a.azpacr, a.scp, a.ver, a.tid, a.oid], [V2_API, jwk('k-tenant').issuer, PUBLIC_APP, '0', 'read write', '2.0', TENANT_ID, c.oid], 'access token claims');
  assert(a.sub && a.sub !== c.sub, 'access token sub is pairwise for the API');
  eq(a.exp - a.iat, b.expires_in, 'exp - iat = expires_in');
});

await check('code reuse -> invalid_grant AADSTS54005; bad PKCE verifier -> AADSTS50148; wrong redirect_uri -> AADSTS500112', async () => {
  const r = await request(tokenUrl, { method: 'POST', form: { grant_type: 'authorization_code', client_id: PUBLIC_APP, code: main.code, redirect_uri: 'http://localhost:53123', code_verifier: main.verifier } });
  assertAadError(r, 400, 'invalid_grant', 54005);
  const p = pkce();
  const a = await authorize({ client_id: PUBLIC_APP, redirect_uri: 'http://localhost:1/callback', scope: 'openid', code_challenge: p.challenge, code_challenge_method: 'S256' });
  const code = new URL(a.headers.location).searchParams.get('code');
  assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'authorization_code', client_id: PUBLIC_APP, code, redirect_uri: 'http://localhost:1/callback', code_verifier: pkce().verifier } }), 400, 'invalid_grant', 50148);
  assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'authorization_code', client_id: PUBLIC_APP, code, redirect_uri: 'http://localhost:2/callback', code_verifier: p.verifier } }), 400, 'invalid_grant', 500112);
  const ok = await request(tokenUrl, { method: 'POST', form: { grant_type: 'authorization_code', client_id: PUBLIC_APP, code, redirect_uri: 'http://localhost:1/callback', code_verifier: p.verifier } });
  eq(ok.status, 200, 'right verifier still redeems');
  assert(!ok.json.refresh_token, 'no refresh token without offline_access');
  assert(ok.json.id_token, 'ID token with openid');
});

await check('redirect URIs: localhost any port, path "" or "/" or /callback; 127.0.0.1 and other paths -> AADSTS50011 error page, no redirect', async () => {
  for (const ru of ['http://localhost:8400', 'http://localhost:8400/', 'http://localhost/', 'http://localhost:9/callback']) {
    const r = await authorize({ client_id: PUBLIC_APP, redirect_uri: ru, scope: 'openid' });
    eq(r.status, 302, `${ru} accepted`);
  }
  for (const ru of ['http://127.0.0.1:8400/callback', 'http://127.0.0.1:8400', 'http://localhost:8400/cb', 'https://localhost:8400/', 'http://localhost:8400/callback/']) {
    const r = await authorize({ client_id: PUBLIC_APP, redirect_uri: ru, scope: 'openid' });
    eq(r.status, 400, `${ru} refused`);
    assert(!r.headers.location, 'no Location');
    assert(/^text\/html/.test(r.headers['content-type']), 'HTML page');
    assert(r.text.includes(`AADSTS50011: The redirect URI '${ru}' specified in the request does not match the redirect URIs configured for the application`), `page text for ${ru}`);
  }
  const r = await authorize({ client_id: '11111111-2222-3333-4444-555555555555', redirect_uri: 'http://localhost', scope: 'openid' });
  eq(r.status, 400, 'unknown app page');
  assert(r.text.includes('AADSTS700016'), 'AADSTS700016 on the page');
});

await check('scope rules at authorize: .default + named -> AADSTS70011, two resources -> AADSTS28000, unknown scope -> 70011, unknown API -> 500011', async () => {
  const base = { client_id: PUBLIC_APP, redirect_uri: 'http://localhost:5000', state: 's' };
  let loc = assertRedirectError(await authorize({ ...base, scope: 'openid api://v2-api/.default api://v2-api/read' }), 'invalid_scope', 70011);
  assert(loc.searchParams.get('error_description').includes(".default scope can't be combined with resource-specific scopes."), 'combined text');
  eq(loc.searchParams.get('state'), 's', 'state on errors');
  eq(loc.searchParams.get('error_uri'), 'https://login.microsoftonline.com/error?code=70011', 'error_uri');
  assertRedirectError(await authorize({ ...base, scope: 'api://v2-api/.default User.Read' }), 'invalid_scope', 70011);
  loc = assertRedirectError(await authorize({ ...base, scope: 'openid api://v2-api/read User.Read' }), 'invalid_scope', 28000);
  assert(loc.searchParams.get('error_description').includes('because it contains more than one resource'), '28000 text');
  assertRedirectError(await authorize({ ...base, scope: 'api://v2-api/.default api://v1-api/.default' }), 'invalid_scope', 28000);
  assertRedirectError(await authorize({ ...base, scope: 'api://v2-api/delete' }), 'invalid_scope', 70011);
  assertRedirectError(await authorize({ ...base, scope: 'api://nope/read' }), 'invalid_resource', 500011);
  assertRedirectError(await authorize({ ...base, scope: 'openid', response_type: 'token' }), 'unsupported_response_type', 700054);
});

await check('api://needs-consent -> consent_required AADSTS65001; prompt=none: login_required AADSTS50058 without a session, a code with the ESTSAUTH cookie', async () => {
  const base = { client_id: PUBLIC_APP, redirect_uri: 'http://localhost:5000' };
  const loc = assertRedirectError(await authorize({ ...base, scope: 'openid api://needs-consent/read' }), 'consent_required', 65001);
  assert(loc.searchParams.get('error_description').startsWith('AADSTS65001: The user or administrator has not consented to use the application'), '65001 text');
  assertRedirectError(await authorize({ ...base, scope: 'openid', prompt: 'none' }), 'login_required', 50058);
  const first = await authorize({ ...base, scope: 'openid', login_hint: 'carol@contoso.example' });
  const cookie = first.headers['set-cookie'][0].split(';')[0];
  assert(cookie.startsWith('ESTSAUTH='), 'session cookie');
  const silent = await authorize({ ...base, scope: 'openid', prompt: 'none' }, { cookie });
  eq(silent.status, 302, 'status');
  assert(new URL(silent.headers.location).searchParams.get('code'), 'silent code');
});

await check('sign-in through common and organizations: the ID token iss is the tenant GUID issuer; client_info on request', async () => {
  for (const tenant of ['common', 'organizations']) {
    const { token } = await signIn({ scope: 'openid profile', tenant, extra: { client_info: '1' } });
    eq(token.status, 200, `${tenant} status ${token.text}`);
    eq(decode(token.json.id_token).payload.iss, `${A}/${TENANT_ID}/v2.0`, `${tenant} iss`);
    const ci = JSON.parse(Buffer.from(token.json.client_info, 'base64url'));
    eq(ci.utid, TENANT_ID, 'client_info utid');
  }
});

await check('refresh: a new refresh token each time, the old one still valid; scope of another API -> its token (v1.0 for api://v1-api)', async () => {
  const rt0 = main.token.json.refresh_token;
  const r1 = await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: rt0 } });
  eq(r1.status, 200, `refresh ${r1.text}`);
  assert(r1.json.refresh_token && r1.json.refresh_token !== rt0, 'rotated');
  assert(r1.json.id_token, 'ID token again (openid was granted)');
  eq(r1.json.scope, 'api://v2-api/read api://v2-api/write', 'scope kept');
  const r2 = await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: rt0 } });
  eq(r2.status, 200, 'old refresh token still valid');
  const r3 = await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: r1.json.refresh_token, scope: 'api://v1-api/read offline_access' } });
  eq(r3.status, 200, `v1 ${r3.text}`);
  eq(r3.json.scope, 'api://v1-api/read', 'v1 scope');
  const v1 = decode(r3.json.access_token);
  eq(Object.keys(v1.header), ['typ', 'alg', 'x5t', 'kid'], 'v1 header');
  assert(verifyWith(r3.json.access_token, jwk('k-common')), 'v1 token verifies with k-common');
  const c = v1.payload;
  eq([c.iss, c.aud, c.appid, c.appidacr, c.scp, c.upn, c.unique_name, c.ver, c.tid], [`https://sts.windows.net/${TENANT_ID}/`, 'api://v1-api', PUBLIC_APP, '0', 'read', 'alice@contoso.example', 'alice@contoso.example', '1.0', TENANT_ID], 'v1 claims');
  assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: rt0, scope: 'api://needs-consent/read' } }), 400, 'invalid_grant', 65001);
  assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: 'garbage' } }), 400, 'invalid_grant', 9002313);
});

await check('POST /__test/expire-refresh-tokens: every earlier refresh token -> invalid_grant AADSTS700082; later ones work', async () => {
  const { token } = await signIn({ scope: 'openid offline_access api://v2-api/read' });
  const e = await request(`${A}/__test/expire-refresh-tokens`, { method: 'POST' });
  eq(e.status, 200, 'hook status');
  assert(e.json.expired >= 4, `expired count ${e.json.expired}`);
  const b = assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: token.json.refresh_token } }), 400, 'invalid_grant', 700082);
  assert(b.error_description.includes('The refresh token has expired due to inactivity.'), '700082 text');
  const fresh = await signIn({ scope: 'openid offline_access api://v2-api/read' });
  eq((await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: PUBLIC_APP, refresh_token: fresh.token.json.refresh_token } })).status, 200, 'new refresh token works');
});

let graphToken;
await check('Graph: OIDC-only and User.Read sign-ins give Graph tokens whose header nonce defeats plain verification', async () => {
  for (const scope of ['openid profile email offline_access', 'openid User.Read', 'https://graph.microsoft.com/User.Read', `${GRAPH_ID}/Mail.Read`]) {
    const { token } = await signIn({ scope });
    eq(token.status, 200, `${scope}: ${token.text}`);
    const g = decode(token.json.access_token);
    eq(Object.keys(g.header), ['typ', 'nonce', 'alg', 'x5t', 'kid'], 'Graph header');
    assert(!verifyWith(token.json.access_token, jwk(g.header.kid)), 'does NOT verify with the plain header');
    assert(verifyGraph(token.json.access_token, jwk(g.header.kid)), 'verifies with the hashed nonce');
    const c = g.payload;
    eq([c.aud, c.iss, c.ver, c.idtyp], [GRAPH_ID, `https://sts.windows.net/${TENANT_ID}/`, '1.0', 'user'], 'Graph claims');
    eq(c.xms_cc, ['cp1'], 'xms_cc');
    assert(Array.isArray(c.wids), 'wids');
    if (scope.startsWith('openid profile')) {
      eq(c.scp, 'User.Read openid profile email', 'scp');
      eq(token.json.scope, 'User.Read openid profile email', 'response scope');
      graphToken = token.json;
    }
    if (scope.endsWith('Mail.Read')) eq(c.scp, 'User.Read Mail.Read openid profile email', 'scp with Mail.Read');
  }
});

await check('userinfo: Graph tokens only; others -> 401 WWW-Authenticate Bearer error="invalid_token"', async () => {
  const r = await request(`${A}/oidc/userinfo`, { headers: { Authorization: `Bearer ${graphToken.access_token}` } });
  eq(r.status, 200, `userinfo ${r.text}`);
  const id = decode(graphToken.id_token).payload;
  eq([r.json.sub, r.json.name, r.json.given_name, r.json.family_name, r.json.email], [id.sub, 'Alice Contoso', 'Alice', 'Contoso', 'alice@contoso.example'], 'userinfo claims');
  const bad = await request(`${A}/oidc/userinfo`, { headers: { Authorization: `Bearer ${main.token.json.access_token}` } });
  eq(bad.status, 401, 'v2-api token refused');
  assert(/^Bearer /.test(bad.headers['www-authenticate']) && bad.headers['www-authenticate'].includes('error="invalid_token"'), `WWW-Authenticate ${bad.headers['www-authenticate']}`);
  eq(bad.json.error.code, 'InvalidAuthenticationToken', 'Graph error body');
  const none = await request(`${A}/oidc/userinfo`);
  eq(none.status, 401, 'no token');
  assert(!none.headers['www-authenticate'].includes('error='), 'no error code without a token');
});

await check('many-groups@contoso.example: group overage claims in Graph and v2-api tokens', async () => {
  for (const scope of ['openid profile', 'openid api://v2-api/read']) {
    const { token } = await signIn({ scope, user: 'many-groups@contoso.example' });
    const c = decode(token.json.access_token).payload;
    eq(c._claim_names, { groups: 'src1' }, '_claim_names');
    eq(c._claim_sources, { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${c.oid}/getMemberObjects` } }, '_claim_sources');
  }
  const { token } = await signIn({ scope: 'openid api://v2-api/read' });
  assert(!('_claim_names' in decode(token.json.access_token).payload), 'alice has no overage');
});

await check('blocked@contoso.example: code redemption -> invalid_grant AADSTS53003 (Conditional Access)', async () => {
  const { token } = await signIn({ scope: 'openid api://v2-api/read', user: 'blocked@contoso.example' });
  const b = assertAadError(token, 400, 'invalid_grant', 53003);
  assert(b.error_description.startsWith('AADSTS53003: Access has been blocked by Conditional Access policies.'), '53003 text');
});

await check('Origin: SPA needs it (AADSTS9002327) and PKCE (AADSTS9002325); the desktop app must not send it (AADSTS9002326)', async () => {
  const origin = 'http://localhost:3000';
  const noOrigin = await signIn({ client: SPA_APP, scope: 'openid offline_access api://v2-api/read', redirect: 'http://localhost:3000' });
  assertAadError(noOrigin.token, 400, 'invalid_request', 9002327);
  const ok = await signIn({ client: SPA_APP, scope: 'openid offline_access api://v2-api/read', redirect: 'http://localhost:3000', origin });
  eq(ok.token.status, 200, `SPA with Origin ${ok.token.text}`);
  eq(ok.token.headers['access-control-allow-origin'], origin, 'CORS header');
  const rt = ok.token.json.refresh_token;
  assertAadError(await request(tokenUrl, { method: 'POST', form: { grant_type: 'refresh_token', client_id: SPA_APP, refresh_token: rt } }), 400, 'invalid_request', 9002327);
  eq((await request(tokenUrl, { method: 'POST', headers: { Origin: origin }, form: { grant_type: 'refresh_token', client_id: SPA_APP, refresh_token: rt } })).status, 200, 'SPA refresh with Origin');
  const a = await authorize({ client_id: SPA_APP, redirect_uri: 'http://localhost:3000', scope: 'openid' });
  const code = new URL(a.headers.location).searchParams.get('code');
  assertAadError(await request(tokenUrl, { method: 'POST', headers: { Origin: origin }, form: { grant_type: 'authorization_code', client_id: SPA_APP, code, redirect_uri: 'http://localhost:3000' } }), 400, 'invalid_request', 9002325);
  const pub = await signIn({ scope: 'openid', origin });
  const b = assertAadError(pub.token, 400, 'invalid_request', 9002326);
  assert(b.error_description.includes("Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type"), '9002326 text');
  const ev = (await request(`${A}/__test/events`)).json;
  assert(ev['token_request:origin'] >= 4 && ev['token_request:no_origin'] >= 10, 'origin counters');
});

await check('public clients: a secret -> invalid_client AADSTS700025 (401); client_credentials -> AADSTS7000218 (401)', async () => {
  assertAadError(await cc({ client_id: PUBLIC_APP, client_secret: 'x', scope: 'api://v2-api/.default' }), 401, 'invalid_client', 700025);
  assertAadError(await cc({ client_id: PUBLIC_APP, scope: 'api://v2-api/.default' }), 401, 'invalid_client', 7000218);
});

await check('web app client credentials with the secret (post and basic): app-only v2 token, roles Data.Read, idtyp app, no scope/refresh/id token', async () => {
  const post = await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v2-api/.default' });
  eq(post.status, 200, `post ${post.text}`);
  eq(Object.keys(post.json).sort(), ['access_token', 'expires_in', 'ext_expires_in', 'token_type'], 'answer fields');
  const c = decode(post.json.access_token).payload;
  eq([c.aud, c.azp, c.azpacr, c.idtyp, c.roles, c.ver, c.iss], [V2_API, WEB_APP, '1', 'app', ['Data.Read'], '2.0', `${A}/${TENANT_ID}/v2.0`], 'app token claims');
  assert(!('scp' in c), 'no scp');
  assert(verifyWith(post.json.access_token, jwk('k-tenant')), 'signed by k-tenant');
  const basic = await cc({ scope: 'https://graph.microsoft.com/.default' }, { Authorization: `Basic ${Buffer.from(`${WEB_APP}:${WEB_SECRET}`).toString('base64')}` });
  eq(basic.status, 200, `basic ${basic.text}`);
  const g = decode(basic.json.access_token);
  assert('nonce' in g.header && g.payload.idtyp === 'app' && g.payload.aud === GRAPH_ID, 'Graph app token');
  assertAadError(await cc({ client_id: WEB_APP, client_secret: 'wrong', scope: 'api://v2-api/.default' }), 401, 'invalid_client', 7000215);
  assertAadError(await cc({ client_id: WEB_APP, scope: 'api://v2-api/.default' }), 401, 'invalid_client', 7000218);
  const b = assertAadError(await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v2-api/read' }), 400, 'invalid_scope', 1002012);
  assert(b.error_description.includes('Client credential flows must have a scope value with /.default suffixed to the resource identifier'), '1002012 text');
  assertAadError(await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v2-api/.default api://v1-api/.default' }), 400, 'invalid_scope', 1002012);
  assertAadError(await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v2-api/.default openid' }), 400, 'invalid_scope', 1002012);
  assertAadError(await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://nope/.default' }), 400, 'invalid_resource', 500011);
  assertAadError(await cc({ client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v2-api/.default' }, { Origin: 'http://localhost:3000' }), 400, 'invalid_request', 9002326);
});

await check('web app certificate credential: PS256/RS256 with x5t#S256 accepted (azpacr 2); replayed jti, kid only, x5t only, wrong cert, wrong key, wrong aud, expired -> invalid_client', async () => {
  const form = (assertion) => ({ client_id: WEB_APP, scope: 'api://v2-api/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
  const ps = assertionFor({ alg: 'PS256' });
  const r = await cc(form(ps));
  eq(r.status, 200, `PS256 ${r.text}`);
  eq(decode(r.json.access_token).payload.azpacr, '2', 'azpacr');
  eq((await cc(form(assertionFor({ alg: 'RS256' })))).status, 200, 'RS256');
  eq((await cc({ ...form(assertionFor({ claims: { aud: `${A}/contoso.example/oauth2/v2.0/token` } })) })).status, 200, 'aud naming the tenant by domain');
  assertAadError(await cc(form(ps)), 401, 'invalid_client', 50027);
  assertAadError(await cc(form(assertionFor({ noThumb: true, header: { kid: 'rs256' } }))), 401, 'invalid_client', 700027);
  const sha1 = b64u(crypto.createHash('sha1').update(new crypto.X509Certificate(fs.readFileSync(path.join(KEYS_DIR, 'rs256.cert.pem'))).raw).digest());
  assertAadError(await cc(form(assertionFor({ noThumb: true, header: { x5t: sha1 } }))), 401, 'invalid_client', 700027);
  assertAadError(await cc(form(assertionFor({ alg: 'RS256', keyFile: 'attacker.key.pem', certFile: 'attacker.cert.pem' }))), 401, 'invalid_client', 700027);
  const wrongKey = assertAadError(await cc(form(assertionFor({ alg: 'RS256', keyFile: 'attacker.key.pem' }))), 401, 'invalid_client', 700027);
  assert(wrongKey.error_description.includes('invalid signature'), 'signature text');
  assertAadError(await cc(form(assertionFor({ claims: { aud: `${A}/${TENANT_ID}/v2.0` } }))), 401, 'invalid_client', 700023);
  const t = Math.floor(Date.now() / 1000);
  assertAadError(await cc(form(assertionFor({ claims: { exp: t - 10, nbf: t - 100 } }))), 401, 'invalid_client', 700024);
  assertAadError(await cc(form(assertionFor({ claims: { iss: PUBLIC_APP } }))), 401, 'invalid_client', 700021);
  assertAadError(await cc(form(assertionFor({ alg: 'ES256' }))), 401, 'invalid_client', 5002738);
  const ev = (await request(`${A}/__test/events`)).json;
  assert(ev['client_auth:token:private_key_jwt'] >= 12 && ev['client_assertion_header:x5t#S256'] >= 8, 'client assertion counters');
});

await check('web app authorization code with a client secret (Web platform, http://localhost/callback)', async () => {
  const { token } = await signIn({ client: WEB_APP, scope: 'openid api://v2-api/read', redirect: 'http://localhost:7777/callback', extra: { client_secret: WEB_SECRET } });
  eq(token.status, 200, token.text);
  eq(decode(token.json.access_token).payload.azpacr, '1', 'azpacr');
  const noSecret = await signIn({ client: WEB_APP, scope: 'openid', redirect: 'http://localhost:7777/callback' });
  assertAadError(noSecret.token, 401, 'invalid_client', 7000218);
});

await check('v1.0 token endpoint: client_credentials with resource=, expires_in as a string', async () => {
  const r = await request(`${T}/oauth2/token`, { method: 'POST', form: { grant_type: 'client_credentials', client_id: WEB_APP, client_secret: WEB_SECRET, resource: 'api://v1-api' } });
  eq(r.status, 200, r.text);
  for (const k of ['expires_in', 'ext_expires_in', 'expires_on', 'not_before']) assert(typeof r.json[k] === 'string' && /^\d+$/.test(r.json[k]), `${k} is a numeric string`);
  eq(r.json.resource, 'api://v1-api', 'resource');
  const c = decode(r.json.access_token).payload;
  eq([c.aud, c.iss, c.appid, c.appidacr, c.ver, c.idtyp], ['api://v1-api', `https://sts.windows.net/${TENANT_ID}/`, WEB_APP, '1', '1.0', 'app'], 'v1 app token');
  eq(Number(r.json.expires_on) - c.iat, Number(r.json.expires_in), 'expires_on');
  const v2 = await request(`${T}/oauth2/token`, { method: 'POST', form: { grant_type: 'client_credentials', client_id: WEB_APP, client_secret: WEB_SECRET, resource: 'api://v2-api' } });
  eq(decode(v2.json.access_token).payload.ver, '2.0', 'the resource decides the version');
  assertAadError(await request(`${T}/oauth2/token`, { method: 'POST', form: { grant_type: 'client_credentials', client_id: WEB_APP, client_secret: WEB_SECRET } }), 400, 'invalid_request', 900144);
});

await check('device flow: devicecode answer, authorization_pending, approve via /__test/device, tokens once, then AADSTS54005', async () => {
  const d = await request(`${T}/oauth2/v2.0/devicecode`, { method: 'POST', form: { client_id: PUBLIC_APP, scope: 'openid profile offline_access api://v2-api/read' } });
  eq(d.status, 200, d.text);
  const b = d.json;
  eq(Object.keys(b), ['user_code', 'device_code', 'verification_uri', 'expires_in', 'interval', 'message'], 'fields (no verification_uri_complete)');
  assert(/^[A-Z0-9]{9}$/.test(b.user_code), `user_code ${b.user_code}`);
  eq([b.verification_uri, b.expires_in, b.interval], ['https://microsoft.com/devicelogin', 900, 1], 'verification_uri, expires_in, interval');
  eq(b.message, `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${b.user_code} to authenticate.`, 'message');
  const poll = () => request(tokenUrl, { method: 'POST', form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: PUBLIC_APP, device_code: b.device_code } });
  assertAadError(await poll(), 400, 'authorization_pending', 70016);
  const ap = await request(`${A}/__test/device`, { method: 'POST', json: { user_code: b.user_code, action: 'approve', user: 'dave@contoso.example' } });
  eq(ap.json, { user_code: b.user_code, action: 'approve', status: 'approved', user: 'dave@contoso.example' }, 'hook answer');
  const ok = await poll();
  eq(ok.status, 200, ok.text);
  assert(ok.json.refresh_token && ok.json.id_token, 'refresh and ID token');
  eq(decode(ok.json.id_token).payload.preferred_username, 'dave@contoso.example', 'user');
  assertAadError(await poll(), 400, 'invalid_grant', 54005);
});

await check('device flow: decline -> authorization_declined, expire -> expired_token, unknown -> bad_verification_code, SPA -> AADSTS7000218', async () => {
  const start = async () => (await request(`${T}/oauth2/v2.0/devicecode`, { method: 'POST', form: { client_id: PUBLIC_APP, scope: 'openid' } })).json;
  const poll = (dc, client = PUBLIC_APP) => request(tokenUrl, { method: 'POST', form: { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: client, device_code: dc } });
  const a = await start();
  eq((await request(`${A}/__test/device`, { method: 'POST', form: { user_code: a.user_code, action: 'decline' } })).status, 200, 'decline (form body)');
  assertAadError(await poll(a.device_code), 400, 'authorization_declined', 70000);
  const b = await start();
  await request(`${A}/__test/device`, { method: 'POST', json: { user_code: b.user_code, action: 'expire' } });
  assertAadError(await poll(b.device_code), 400, 'expired_token', 70020);
  assertAadError(await poll('nope'), 400, 'bad_verification_code', 70018);
  eq((await request(`${A}/__test/device`, { method: 'POST', json: { user_code: 'ZZZZZZZZZ' } })).status, 404, 'unknown user_code');
  const s = (await request(`${T}/oauth2/v2.0/devicecode`, { method: 'POST', form: { client_id: SPA_APP, scope: 'openid' } })).json;
  assertAadError(await poll(s.device_code, SPA_APP), 401, 'invalid_client', 7000218);
});

await check('POST /__test/mint: k-tenant signature with another iss (the key\'s issuer does not match)', async () => {
  const r = await request(`${A}/__test/mint`, { method: 'POST', json: {} });
  eq(r.status, 200, r.text);
  const d = decode(r.json.token);
  eq(d.header.kid, 'k-tenant', 'kid');
  assert(verifyWith(r.json.token, jwk('k-tenant')), 'signature verifies with k-tenant');
  assert(d.payload.iss !== jwk('k-tenant').issuer, `iss ${d.payload.iss} differs from the key's issuer`);
  eq(d.payload.iss, `${A}/${d.payload.tid}/v2.0`, 'iss names its own tid');
  const custom = await request(`${A}/__test/mint`, { method: 'POST', json: { kid: 'k-common', claims: { iss: 'x', aud: 'y' } } });
  const c = decode(custom.json.token);
  eq([c.header.kid, c.payload.iss, c.payload.aud], ['k-common', 'x', 'y'], 'overrides');
  assert(verifyWith(custom.json.token, jwk('k-common')), 'k-common signature');
});

await check('token endpoint: unknown tenant -> AADSTS90002, unknown app -> AADSTS700016, GET -> AADSTS900561, no grant_type -> AADSTS900144', async () => {
  assertAadError(await request(`${A}/fabrikam.example/oauth2/v2.0/token`, { method: 'POST', form: { grant_type: 'client_credentials' } }), 400, 'invalid_request', 90002);
  assertAadError(await cc({ client_id: '11111111-2222-3333-4444-555555555555', client_secret: 'x', scope: 'api://v2-api/.default' }), 400, 'unauthorized_client', 700016);
  assertAadError(await request(tokenUrl), 400, 'invalid_request', 900561);
  assertAadError(await request(tokenUrl, { method: 'POST', form: { client_id: PUBLIC_APP } }), 400, 'invalid_request', 900144);
});

await check('GET /__test/events: routes, grants, AADSTS codes', async () => {
  const ev = (await request(`${A}/__test/events`)).json;
  for (const k of ['route:token:200', 'route:authorize:302', 'route:discovery:200', 'route:jwks:200', 'route:userinfo:200', 'route:devicecode:200',
    'grant.success:authorization_code', 'grant.success:refresh_token', 'grant.success:client_credentials', 'grant.success:urn:ietf:params:oauth:grant-type:device_code',
    'grant.error:authorization_code:invalid_grant', 'aadsts:54005', 'aadsts:50011', 'aadsts:9002326', 'aadsts:700082', 'authorization.success', 'authorization.page_error',
    'client_auth:token:client_secret_basic', 'client_auth:token:client_secret_post', 'client_auth:token:none', 'device.approved', 'token.issued:access_token:graph']) {
    assert(ev[k] > 0, `${k} > 0 (got ${ev[k]})`);
  }
  eq((await request(`${A}/__test/reset`, { method: 'POST' })).json, { reset: true }, 'reset');
  eq((await request(`${A}/__test/events`)).json['grant.success'], 0, 'zeroed');
});

await check('flags: --access-token-ttl-range 100-120 and --device-interval default 5; --key-issuer-template; bad flag -> exit 2', async () => {
  const s2 = await startEntra(['--access-token-ttl-range', '100-120', '--key-issuer-template']);
  const a2 = s2.ready.authority;
  const r = await request(`${a2}/${TENANT_ID}/oauth2/v2.0/token`, { method: 'POST', form: { grant_type: 'client_credentials', client_id: WEB_APP, client_secret: WEB_SECRET, scope: 'api://v1-api/.default' } });
  assert(r.json.expires_in >= 100 && r.json.expires_in <= 120, `expires_in ${r.json.expires_in}`);
  const d = await request(`${a2}/${TENANT_ID}/oauth2/v2.0/devicecode`, { method: 'POST', form: { client_id: PUBLIC_APP, scope: 'openid' } });
  eq(d.json.interval, 5, 'default interval');
  const keys = (await request(`${a2}/common/discovery/v2.0/keys`)).json.keys;
  eq(keys.find((k) => k.kid === 'k-common').issuer, `${a2}/{tenantid}/v2.0`, 'template issuer on k-common (v2 keys)');
  const v1keys = (await request(`${a2}/common/discovery/keys`)).json.keys;
  assert(!('issuer' in v1keys.find((k) => k.kid === 'k-common')), 'not in the v1 keys');
  s2.child.stdin.end();
  const code = await new Promise((resolve) => {
    const c = spawn(process.execPath, [path.join(HERE, 'entra.mjs'), '--device-interval', 'x'], { stdio: ['ignore', 'pipe', 'pipe'] });
    c.on('exit', resolve);
  });
  eq(code, 2, 'exit status');
});

await check('--exit-on-stdin-close: the server exits when stdin closes', async () => {
  const s3 = await startEntra([]);
  const exited = new Promise((resolve) => s3.child.on('exit', resolve));
  s3.child.stdin.end();
  eq(await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]), 0, 'exit code');
});

for (const c of children) c.kill('SIGTERM');
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
