"""The other side of oidctl's JWE interop tests (tests/cli/jwe.rs), done by jwcrypto.

  python3 jwcrypto_jwe.py make DIR    fresh keys in DIR, and DIR/made.json: one token per
                                      alg/enc pair, encrypted by jwcrypto, plus nested JWTs
  python3 jwcrypto_jwe.py open FILE   FILE is a JSON list of {"key": PATH, "token": JWE};
                                      prints a JSON list of {"plaintext": TEXT} or {"error": …}
  python3 jwcrypto_jwe.py check-rfc DIR   jwcrypto decrypts the committed RFC 7520 §5 examples
                                      in DIR (tests/fixtures/rfc) to the published plaintext

Keys are random on every run; nothing here is committed output.
"""

import json
import os
import sys

from jwcrypto import jwe, jwk, jws
from jwcrypto.common import json_encode

CLAIMS = {"iss": "https://issuer.example", "sub": "alice", "exp": 4102444800}

ALGS = {
    "rsa": ["RSA-OAEP", "RSA-OAEP-256"],
    "p256": ["ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW"],
    "p384": ["ECDH-ES+A192KW"],
    "p521": ["ECDH-ES+A256KW", "ECDH-ES"],
    "k16": ["A128KW"],
    "k24": ["A192KW"],
    "k32": ["A256KW"],
}
ENCS = ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"]
# dir: the key is the content key, so each enc needs a key of its own size.
DIR_ENCS = {"A128GCM": 16, "A192GCM": 24, "A256GCM": 32, "A128CBC-HS256": 32, "A192CBC-HS384": 48,
            "A256CBC-HS512": 64}


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def make(out):
    os.makedirs(out, exist_ok=True)
    keys = {
        "rsa": jwk.JWK.generate(kty="RSA", size=2048, kid="rsa"),
        "p256": jwk.JWK.generate(kty="EC", crv="P-256", kid="p256"),
        "p384": jwk.JWK.generate(kty="EC", crv="P-384"),
        "p521": jwk.JWK.generate(kty="EC", crv="P-521", kid="p521"),
        "k16": jwk.JWK.generate(kty="oct", size=128),
        "k24": jwk.JWK.generate(kty="oct", size=192),
        "k32": jwk.JWK.generate(kty="oct", size=256, kid="k32"),
    }
    for size in set(DIR_ENCS.values()):
        keys[f"dir{size}"] = jwk.JWK.generate(kty="oct", size=size * 8)
    for name, key in keys.items():
        write(f"{out}/{name}.jwk.json", key.export(private_key=True))
        if key["kty"] != "oct":
            write(f"{out}/{name}.pub.jwk.json", key.export(private_key=False))
            write(f"{out}/{name}.key.pem", key.export_to_pem(private_key=True, password=None).decode())
            write(f"{out}/{name}.pub.pem", key.export_to_pem().decode())
    signer = jwk.JWK.generate(kty="EC", crv="P-256", kid="signer")
    write(f"{out}/signer.pub.jwk.json", signer.export(private_key=False))
    plaintext = json.dumps(CLAIMS, separators=(",", ":"))
    made = []

    def encrypt(keyname, alg, enc, payload, extra=None):
        header = {"alg": alg, "enc": enc}
        header.update(extra or {})
        token = jwe.JWE(payload.encode(), json_encode(header))
        token.add_recipient(keys[keyname])
        made.append({"key": keyname, "alg": alg, "enc": enc, "token": token.serialize(compact=True),
                     "plaintext": payload})

    for keyname, algs in ALGS.items():
        for alg in algs:
            for enc in ENCS:
                encrypt(keyname, alg, enc, plaintext)
    for enc, size in DIR_ENCS.items():
        encrypt(f"dir{size}", "dir", enc, plaintext)
    # Nested JWTs: signed by `signer`, then encrypted (RFC 7519 §5.2, cty JWT).
    inner = jws.JWS(plaintext.encode())
    inner.add_signature(signer, None, json_encode({"alg": "ES256", "kid": "signer", "typ": "JWT"}))
    signed = inner.serialize(compact=True)
    encrypt("rsa", "RSA-OAEP-256", "A256GCM", signed, {"cty": "JWT", "kid": "rsa"})
    encrypt("p256", "ECDH-ES+A128KW", "A128CBC-HS256", signed, {"cty": "JWT"})
    encrypt("k32", "A256KW", "A256GCM", signed, {"cty": "JWT"})
    write(f"{out}/made.json", json.dumps(made, indent=1))


def open_all(path):
    with open(path) as f:
        jobs = json.load(f)
    results = []
    for job in jobs:
        with open(job["key"]) as f:
            key = jwk.JWK.from_json(f.read())
        try:
            token = jwe.JWE()
            token.deserialize(job["token"], key=key)
            results.append({"plaintext": token.payload.decode(),
                            "header": json.loads(token.objects["protected"])})
        except Exception as e:  # noqa: BLE001 - reported back to the test
            results.append({"error": f"{type(e).__name__}: {e}"})
    print(json.dumps(results))


def check_rfc(d):
    with open(f"{d}/rfc7520-5.plaintext.txt", "rb") as f:
        plain = f.read()
    failed = 0
    for name, key in [("5.2", "5.2"), ("5.4", "5.4"), ("5.5", "5.5"), ("5.6", "5.6"),
                      ("5.8", "5.8"), ("5.9", "5.8")]:
        with open(f"{d}/rfc7520-{key}.jwk.json") as f:
            k = jwk.JWK.from_json(f.read())
        with open(f"{d}/rfc7520-{name}.jwe") as f:
            token = jwe.JWE()
            token.deserialize(f.read(), key=k)
        ok = token.payload == plain
        failed += not ok
        print("ok  " if ok else "FAIL", f"rfc/rfc7520-{name}.jwe decrypts with rfc/rfc7520-{key}.jwk.json")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    elif sys.argv[1] == "open":
        open_all(sys.argv[2])
    elif sys.argv[1] == "check-rfc":
        check_rfc(sys.argv[2])
    else:
        sys.exit(f"unknown command {sys.argv[1]}")
