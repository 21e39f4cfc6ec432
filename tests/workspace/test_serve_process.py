"""`voices serve` in its own process: prints the URL, answers /healthz, stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from ws_helpers import build_store

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]


def test_serve_prints_url_answers_and_stops_on_ctrl_c(tmp_path: Path, demo_dir: Path) -> None:
    build_store(tmp_path / "project.sqlite")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    voices = Path(sys.executable).parent / "voices"
    proc = subprocess.Popen([str(voices), "serve", str(demo_dir), "--out", str(tmp_path),
                             "--port", str(port)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first
        deadline, body = time.monotonic() + 30, None
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz",  # noqa: S310
                                            timeout=5) as resp:
                    body = json.loads(resp.read())
            except OSError:
                time.sleep(0.2)
        assert body == {"status": "ok"}
        proc.send_signal(signal.SIGINT)
        rest, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, rest
    assert "workspace stopped" in rest and "Traceback" not in rest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(demo_dir: Path, out: Path, port: int, *extra: str) -> subprocess.Popen:
    voices = Path(sys.executable).parent / "voices"
    return subprocess.Popen([str(voices), "serve", str(demo_dir), "--out", str(out), "--port",
                             str(port), *extra], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 made with ``cryptography`` (synthetic)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_serve_speaks_tls_with_a_certificate_and_a_second_serve_is_refused(
        tmp_path: Path, demo_dir: Path) -> None:
    import ssl

    build_store(tmp_path / "project.sqlite")
    cert, key = _self_signed(tmp_path)
    port = _free_port()
    proc = _serve(demo_dir, tmp_path, port, "--tls-cert", str(cert), "--tls-key", str(key))
    try:
        first = proc.stdout.readline()
        assert f"https://127.0.0.1:{port}/" in first, first
        ctx = ssl.create_default_context(cafile=str(cert))
        deadline, body = time.monotonic() + 30, None
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"https://127.0.0.1:{port}/healthz",  # noqa: S310
                                            timeout=5, context=ctx) as resp:
                    body = json.loads(resp.read())
            except OSError:
                time.sleep(0.2)
        assert body == {"status": "ok"}
        with pytest.raises(OSError):  # plain HTTP gets no answer from a TLS port
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
        # the same output folder: refused, naming the first
        second = _serve(demo_dir, tmp_path, _free_port())
        out, _ = second.communicate(timeout=60)
        assert second.returncode == 1, out
        assert f"pid {proc.pid}" in out and "voices serve" in out
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0
    assert not (tmp_path / ".voices-serve.lock").exists()  # released on Ctrl-C
