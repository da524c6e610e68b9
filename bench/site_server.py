"""A built site served on 127.0.0.1 as a web server would send it, and Debian's Chromium, for the benches.

Files are gzip-compressed (level 6) when the browser accepts it, except
formats that are already compressed (Pagefind's own files are sent as they
are); every response is recorded with its raw and sent size. The server and
the browser stay on loopback and stop with the bench.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
# What a web server compresses (nginx gzip_types-like).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".wasm"}
GZIP_LEVEL = 6
PAGE_TIMEOUT_MS = 30_000


class Recorder:
    """The responses sent, with their raw and sent (compressed) sizes."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: list[dict] = []

    def add(self, path, raw, sent, encoding):
        with self.lock:
            self.entries.append({"path": path, "raw": raw, "sent": sent, "encoding": encoding})

    def take(self) -> list[dict]:
        with self.lock:
            out, self.entries = self.entries, []
        return out


class Handler(http.server.SimpleHTTPRequestHandler):
    recorder: Recorder = None  # set per server
    cache_control = "no-store"  # every load cold; bench/slow_network.py sends GitHub Pages' header

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()          # redirect to the slash URL
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()              # 404 as usual
        with open(path, "rb") as f:
            body = f.read()
        ctype = self.guess_type(path)
        if path.endswith(".mjs"):
            ctype = "text/javascript"
        ext = os.path.splitext(path)[1].lower()
        encoding = None
        raw = len(body)
        if ext in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            buf = io.BytesIO()
            with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=GZIP_LEVEL, mtime=0) as gz:
                gz.write(body)
            body = buf.getvalue()
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.recorder.add(unquote(urlsplit(self.path).path), raw, len(body), encoding)
        return io.BytesIO(body)


def serve(site: Path, cache_control: str = "no-store") -> tuple[http.server.ThreadingHTTPServer, Recorder]:
    """Serve `site` on a free port of 127.0.0.1 in a thread; shut it down with server.shutdown()."""
    recorder = Recorder()
    handler = type("BenchHandler", (Handler,), {"recorder": recorder, "cache_control": cache_control})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return server, recorder


def base_url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"
