#!/usr/bin/env python3
"""hello: the example app hoist deploys in its demo and system tests.

Serves on the socket systemd passes (socket activation, fd 3), or on
127.0.0.1:$PORT without one:

  GET /        "hello from VERSION" (the VERSION file of its release)
  GET /health  200 "ok", or 503 when the release's HEALTH file says "fail"

A release whose CRASH file exists exits with status 1 half a second after
starting (a crash loop under Restart=always). On SIGTERM it stops accepting
at once and finishes the requests it already has, so a restart behind a
socket systemd holds loses nothing.
"""
import http.server
import os
import pathlib
import selectors
import signal
import socket
import sys
import threading

HERE = pathlib.Path(__file__).resolve().parent


def read(name, default=""):
    try:
        return (HERE / name).read_text().strip()
    except OSError:
        return default


VERSION = read("VERSION", "unknown")


class Handler(http.server.BaseHTTPRequestHandler):
    # One request per connection: an idle kept-alive connection would hold a
    # handler thread, and with it the shutdown after SIGTERM.
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        if self.path == "/health":
            healthy = read("HEALTH", "ok") != "fail"
            self.reply(200 if healthy else 503, "ok\n" if healthy else "unhealthy\n")
        elif self.path == "/":
            self.reply(200, f"hello from {VERSION}\n")
        else:
            self.reply(404, "not found\n")

    def reply(self, status, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for requests in flight
    block_on_close = True


def serve_until_sigterm(server):
    """Like server.serve_forever(), but SIGTERM ends the loop at once, between
    two accepted connections (serve_forever would notice a shutdown only at
    its next poll, up to half a second later, which would slow every restart)."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.signal(signal.SIGTERM, lambda *_: os.write(wake_w, b"x"))
    with selectors.DefaultSelector() as selector:
        selector.register(server, selectors.EVENT_READ)
        selector.register(wake_r, selectors.EVENT_READ)
        while True:
            ready = [key.fileobj for key, _ in selector.select()]
            if wake_r in ready:
                return
            server.handle_request()


def main():
    if os.environ.get("LISTEN_PID") == str(os.getpid()) and os.environ.get("LISTEN_FDS") == "1":
        server = Server(("127.0.0.1", 0), Handler, bind_and_activate=False)
        server.socket = socket.socket(fileno=3)
    else:
        server = Server(("127.0.0.1", int(os.environ.get("PORT", "8080"))), Handler)
    if (HERE / "CRASH").exists():
        threading.Timer(0.5, lambda: os._exit(1)).start()
    print(f"hello {VERSION} serving", flush=True)
    serve_until_sigterm(server)
    server.server_close()
    print(f"hello {VERSION} stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
