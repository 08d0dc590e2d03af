#!/bin/sh
# make-test-ca.sh OUTDIR — a throwaway test PKI for the TLS tests, with the openssl CLI.
#
# Writes to OUTDIR (created if missing):
#   ca.pem       test CA certificate (CA:TRUE, keyCertSign): what clients must trust
#                (oidctl: its CA-bundle option / SSL_CERT_FILE; Node: NODE_EXTRA_CA_CERTS)
#   ca.key       the CA's private key (only needed to sign more certificates)
#   server.pem   end-entity certificate for the provider, signed by the CA, NOT a CA
#                itself (rustls/webpki reject a CA certificate used as end-entity):
#                CN=127.0.0.1, SAN IP:127.0.0.1, IP:::1, DNS:localhost,
#                EKU serverAuth, CA:FALSE
#                (SERVER_SAN=... in the environment names others, e.g. "DNS:wrong.example",
#                for a certificate that does not fit the host)
#   server.key   its private key (PKCS#8 PEM, "BEGIN PRIVATE KEY")
#   server-chain.pem  server.pem followed by ca.pem
#
# Keys are ECDSA P-256 (fast; supported by rustls, webpki, Node and Chromium).
# Then: node server.mjs --tls-cert OUTDIR/server.pem --tls-key OUTDIR/server.key
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/ca.key" 2>/dev/null
cat > "$tmp/ca.ext" <<'EXT'
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EXT
openssl req -new -key "$out/ca.key" -subj "/O=oidctl tests/CN=oidctl test CA" -out "$tmp/ca.csr"
openssl x509 -req -in "$tmp/ca.csr" -signkey "$out/ca.key" -days 3650 -sha256 \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$tmp/ca.ext" -out "$out/ca.pem" 2>/dev/null

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/server.key" 2>/dev/null
san=${SERVER_SAN:-IP:127.0.0.1, IP:::1, DNS:localhost}
cat > "$tmp/server.ext" <<EXT
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EXT
openssl req -new -key "$out/server.key" -subj "/O=oidctl tests/CN=127.0.0.1" -out "$tmp/server.csr"
openssl x509 -req -in "$tmp/server.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -days 825 -sha256 \
  -set_serial "0x$(openssl rand -hex 16)" -extfile "$tmp/server.ext" -out "$out/server.pem" 2>/dev/null

cat "$out/server.pem" "$out/ca.pem" > "$out/server-chain.pem"
chmod 600 "$out/ca.key" "$out/server.key"
openssl verify -CAfile "$out/ca.pem" "$out/server.pem" >/dev/null
