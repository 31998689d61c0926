"""A minimal OAuth 2 authorization server for tests, on 127.0.0.1.

It implements what OpenFGA's clients need for `--api-token-issuer`: the client-credentials
grant (RFC 6749 §4.4) at `/oauth/token`, with the client authenticated by HTTP Basic or by
`client_id`/`client_secret` form fields, and access tokens that are RS256-signed JWTs
(RFC 9068 shape: `typ` `at+jwt`, `iss`, `aud`, `sub`, `client_id`, `iat`, `exp`, `jti`,
`scope`, and the tenant claim `tessera_stores` when the client is confined). The signing
key is made at start and published at `/jwks` and through OIDC discovery.

Each client is granted a fixed set of scopes; a `scope` request parameter can only narrow it.
Usable standalone for manual tests:

    python3 token_issuer.py CLIENT_ID:SECRET:SCOPE1,SCOPE2 ...
"""

import base64
import json
import secrets
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def int_bytes(value: int) -> bytes:
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


@dataclass
class Client:
    """A registered client: its secret, the scopes it is granted and (optionally) the only
    stores its tokens may use."""

    secret: str
    scopes: list[str]
    stores: list[str] | None = None


@dataclass
class TokenIssuer:
    clients: dict[str, Client] = field(default_factory=dict)
    lifetime_seconds: int = 300
    kid: str = "e2e-rs256"
    token_requests: int = 0
    issued: list[dict] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)

    def __post_init__(self):
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "TokenIssuer":
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def jwks(self) -> dict:
        numbers = self._key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "kid": self.kid, "use": "sig", "alg": "RS256",
                          "n": b64url(int_bytes(numbers.n)), "e": b64url(int_bytes(numbers.e))}]}

    def sign(self, claims: dict) -> str:
        header = {"alg": "RS256", "kid": self.kid, "typ": "at+jwt"}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
        signature = self._key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    def grant(self, form: dict[str, str], basic: tuple[str, str] | None) -> tuple[int, dict]:
        """The token endpoint's answer (status, JSON body) to a form-encoded request."""
        with self._lock:
            self.token_requests += 1
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        client_id, secret = basic if basic else (form.get("client_id", ""), form.get("client_secret", ""))
        client = self.clients.get(client_id)
        if client is None or not secrets.compare_digest(client.secret.encode(), secret.encode()):
            return 401, {"error": "invalid_client", "error_description": "unknown client or wrong secret"}
        audience = form.get("audience", "")
        if not audience:
            return 400, {"error": "invalid_request", "error_description": "audience is required"}
        scopes = client.scopes
        if form.get("scope"):
            requested = form["scope"].split()
            scopes = [s for s in scopes if s in requested]
        now = int(time.time())
        claims = {"iss": self.url, "aud": audience, "sub": client_id, "client_id": client_id, "azp": client_id,
                  "iat": now, "exp": now + self.lifetime_seconds, "jti": secrets.token_hex(8), "scope": " ".join(scopes)}
        if client.stores is not None:
            claims["tessera_stores"] = client.stores
        token = self.sign(claims)
        with self._lock:
            self.issued.append(claims)
            self.tokens.append(token)
        return 200, {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime_seconds,
                     "scope": " ".join(scopes)}

    def _handler(self):
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _json(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path == "/.well-known/openid-configuration":
                    self._json(200, {"issuer": issuer.url, "jwks_uri": issuer.url + "/jwks",
                                     "token_endpoint": issuer.url + "/oauth/token",
                                     "grant_types_supported": ["client_credentials"]})
                elif path == "/jwks":
                    self._json(200, issuer.jwks())
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self):
                if self.path.split("?", 1)[0] != "/oauth/token":
                    return self._json(404, {"error": "not_found"})
                length = int(self.headers.get("Content-Length") or 0)
                if length > 64 * 1024:
                    return self._json(413, {"error": "invalid_request"})
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
                basic = None
                authorization = self.headers.get("Authorization", "")
                if authorization.lower().startswith("basic "):
                    try:
                        user, _, password = base64.b64decode(authorization[6:]).decode().partition(":")
                        basic = (urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(password))
                    except ValueError:
                        return self._json(401, {"error": "invalid_client"})
                status, body = issuer.grant(form, basic)
                self._json(status, body)

        return Handler


if __name__ == "__main__":
    clients = {}
    for spec in sys.argv[1:]:
        client_id, secret, scopes = spec.split(":", 2)
        clients[client_id] = Client(secret=secret, scopes=[s for s in scopes.split(",") if s])
    server = TokenIssuer(clients=clients).start()
    print(f"issuer {server.url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
