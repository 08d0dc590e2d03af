// Minimal HTTP(S) client with a cookie jar, shared by browser.mjs and smoke.mjs.
// No dependencies, no redirects followed implicitly, no keep-alive (every request
// goes out with "Connection: close", so a one-request-per-connection loopback
// listener is fine). IPv6 literals ([::1]) work.
//
// TLS trust: Node's default CAs plus NODE_EXTRA_CA_CERTS (read by Node at start),
// plus the PEM file in TEST_BROWSER_CA if set.

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';

let extraCa;
function caOption() {
  if (extraCa === undefined) {
    const file = process.env.TEST_BROWSER_CA;
    extraCa = file ? [...tls.rootCertificates, fs.readFileSync(file, 'utf8')] : null;
    if (extraCa && process.env.NODE_EXTRA_CA_CERTS) {
      try { extraCa.push(fs.readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8')); } catch { /* ignore */ }
    }
  }
  return extraCa || undefined;
}

// RFC 6265-ish cookie jar: cookies are keyed by host (not port, like browsers),
// path-matched, expire with Max-Age/Expires. Good enough for oidc-provider.
export class CookieJar {
  #cookies = []; // {name, value, host, path, expires}

  store(url, setCookieHeaders) {
    for (const header of setCookieHeaders || []) {
      const [pair, ...attrs] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path;
      let expires;
      for (const attr of attrs) {
        const [k, ...rest] = attr.split('=');
        const v = rest.join('=');
        switch (k.toLowerCase()) {
          case 'path': path = v; break;
          case 'max-age': expires = Date.now() + Number(v) * 1000; break;
          case 'expires': if (expires === undefined) expires = Date.parse(v); break;
          default:
        }
      }
      if (!path || !path.startsWith('/')) {
        const p = url.pathname;
        path = p.lastIndexOf('/') > 0 ? p.slice(0, p.lastIndexOf('/')) : '/';
      }
      const host = url.hostname;
      this.#cookies = this.#cookies.filter((c) => !(c.name === name && c.host === host && c.path === path));
      if (expires === undefined || expires > Date.now()) {
        this.#cookies.push({ name, value, host, path, expires });
      }
    }
  }

  // Persistence (browser.mjs TEST_BROWSER_COOKIES): a JSON array of cookies.
  load(file) {
    try {
      const list = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (Array.isArray(list)) this.#cookies = list.filter((c) => c.expires === undefined || c.expires === null || c.expires > Date.now());
    } catch { /* missing or unreadable: start empty */ }
  }

  save(file) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.#cookies));
    fs.renameSync(tmp, file);
  }

  header(url) {
    const now = Date.now();
    const p = url.pathname;
    const matches = this.#cookies.filter((c) => c.host === url.hostname
      && (c.expires === undefined || c.expires === null || c.expires > now)
      && (p === c.path || p.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
      .sort((a, b) => b.path.length - a.path.length);
    return matches.map((c) => `${c.name}=${c.value}`).join('; ') || undefined;
  }
}

// request('GET', url, { headers, body, jar, timeoutMs, ca }) ->
//   { status, headers, body (string), url }
// body: string, or an object sent as application/x-www-form-urlencoded.
// ca: PEM string(s) replacing the trusted CAs for this request.
export function request(method, urlString, {
  headers = {}, body, jar, timeoutMs = 15000, ca,
} = {}) {
  const url = new URL(urlString);
  const mod = url.protocol === 'https:' ? https : http;
  const hdrs = { connection: 'close', 'user-agent': 'oidctl-test-browser/1', ...headers };
  const cookie = jar?.header(url);
  if (cookie) hdrs.cookie = cookie;
  let payload;
  if (body !== undefined) {
    payload = Buffer.from(typeof body === 'string' ? body : new URLSearchParams(body).toString());
    if (!Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-type')) {
      hdrs['content-type'] = 'application/x-www-form-urlencoded';
    }
    hdrs['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = mod.request({
      method,
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: hdrs,
      agent: false,
      ca: url.protocol === 'https:' ? (ca ?? caOption()) : undefined,
      timeout: timeoutMs,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        jar?.store(url, res.headers['set-cookie']);
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          url: url.href,
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs}ms: ${method} ${url.href}`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// Tiny HTML helpers for oidc-provider's own pages (no general HTML parser needed).
const decode = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
  .replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x2F;/g, '/');

export function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  if (!m) return undefined;
  return decode(m[2] ?? m[3] ?? m[4] ?? '');
}

// All <form>s: [{ id, action, method, inputs: {name: value} }] (inputs include
// elements outside the form that reference it via form="id").
export function forms(html) {
  const out = [];
  const re = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
  let m;
  while ((m = re.exec(html))) {
    const tag = `<form ${m[1]}>`;
    const inputs = {};
    for (const [input] of m[2].matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input, 'name');
      if (name) inputs[name] = attr(input, 'value') ?? '';
    }
    out.push({ id: attr(tag, 'id'), action: attr(tag, 'action'), method: (attr(tag, 'method') || 'get').toUpperCase(), inputs });
  }
  return out;
}

export function links(html) {
  return [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)].map(([, a, text]) => ({ href: attr(`<a ${a}>`, 'href'), text: text.trim() }));
}
