#!/usr/bin/env node
// An independent client for `oidctl serve`: openid-client (OpenID Certified relying party
// library) and jose, neither of which shares code with oidctl. Used by tests/cli/serve.rs.
//
//   node serve-client.mjs ISSUER [CONFIDENTIAL_ID SECRET]
//
// Against a provider started with --auto-approve it: discovers the issuer; signs in with the
// authorization code flow, PKCE S256, state and nonce (following the provider's redirect over
// HTTP as a browser would, without a listener: the callback URL is read from the redirect);
// verifies the ID token (signature against the JWKS, iss, aud, nonce, exp, at_hash) and the
// access token (signature, iss, aud, typ at+jwt); calls userinfo; refreshes; checks that the
// rotated refresh token is refused when used again; introspects; and, given a confidential
// client, runs the client credentials grant. Prints one JSON object on stdout.

import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [issuer, confidentialId, secret] = process.argv.slice(2);
const clientId = 'independent-client';
const insecure = { execute: [client.allowInsecureRequests] };

const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), insecure);
// Also verify the ID token's signature (openid-client checks it only when asked to, as the
// token endpoint answers over a direct connection).
client.enableNonRepudiationChecks(config);
const meta = config.serverMetadata();

const verifier = client.randomPKCECodeVerifier();
const nonce = client.randomNonce();
const state = client.randomState();
const redirectUri = 'http://127.0.0.1:9/callback';
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: 'openid profile email offline_access',
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  nonce,
  state,
});
const res = await fetch(url, { redirect: 'manual' });
const location = res.headers.get('location');
if (res.status !== 302 || !location) throw new Error(`authorization answered ${res.status}`);

const tokens = await client.authorizationCodeGrant(config, new URL(location), {
  pkceCodeVerifier: verifier,
  expectedNonce: nonce,
  expectedState: state,
  idTokenExpected: true,
});
const idClaims = tokens.claims();
const jwks = createRemoteJWKSet(new URL(meta.jwks_uri));
const { payload: access, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
  issuer: meta.issuer,
  audience: clientId,
  typ: 'at+jwt',
});
const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
let reuseError = null;
try {
  await client.refreshTokenGrant(config, tokens.refresh_token);
} catch (err) {
  reuseError = err.error ?? err.code ?? String(err);
}
let afterReuseError = null;
try {
  await client.refreshTokenGrant(config, refreshed.refresh_token);
} catch (err) {
  afterReuseError = err.error ?? err.code ?? String(err);
}

let clientCredentials = null;
if (confidentialId) {
  const confidential = await client.discovery(
    new URL(issuer), confidentialId, undefined, client.ClientSecretBasic(secret), insecure,
  );
  const cc = await client.clientCredentialsGrant(confidential, { scope: 'api:read' });
  const { payload } = await jwtVerify(cc.access_token, jwks, { issuer: meta.issuer });
  const own = await client.tokenIntrospection(confidential, cc.access_token);
  // The refresh token reuse above revoked that sign-in, its access tokens included.
  const revoked = await client.tokenIntrospection(confidential, refreshed.access_token);
  clientCredentials = {
    sub: payload.sub, scope: payload.scope, active: own.active, revoked_active: revoked.active,
  };
}

console.log(JSON.stringify({
  issuer: meta.issuer,
  id_token: { sub: idClaims.sub, aud: idClaims.aud, nonce_ok: idClaims.nonce === nonce, email: idClaims.email },
  access_token: { alg: protectedHeader.alg, sub: access.sub, client_id: access.client_id, scope: access.scope },
  userinfo: { sub: userinfo.sub, name: userinfo.name },
  refreshed: refreshed.access_token !== tokens.access_token,
  rotated: refreshed.refresh_token !== tokens.refresh_token,
  reuse_error: reuseError,
  after_reuse_error: afterReuseError,
  client_credentials: clientCredentials,
}));
