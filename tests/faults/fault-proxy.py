#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# fault-proxy.py: an HTTP proxy on loopback that injects faults between
# a client and a CouchDB-like server, at random with a fixed seed.
#
#   fault-proxy.py --upstream http://127.0.0.1:5984 [--seed S] [--rate R]
#                  [--skip N] [--stall S] [--long-stall S] [--max-long-stalls N]
#                  [--stats FILE] [--log FILE]
#
# It listens on 127.0.0.1 on a free port and prints
# "http://127.0.0.1:PORT" on its first line of standard output.  Each
# request, after the first --skip ones, draws one fault with probability
# --rate, among:
#
#   drop-before   the connection is closed before anything is forwarded
#   drop-after    forwarded, then the connection is closed without an answer
#                 (the server did the work; the client never hears of it)
#   stall         waits --stall seconds, then forwards normally
#   stall-long    waits --long-stall seconds (beyond the client's timeout),
#                 then closes; at most --max-long-stalls times
#   status-500, status-502, status-503
#                 answers with that status without forwarding
#   truncate      forwarded; the answer keeps its Content-Length but the body
#                 is cut in the middle and the connection closed
#   malformed     forwarded; the body is replaced by broken JSON (with a
#                 matching Content-Length)
#
# --stats FILE is rewritten after every request with the counts by kind, as
# JSON.  --log FILE gets one line per request.  SIGTERM stops the proxy.

import argparse
import http.client
import http.server
import json
import os
import random
import signal
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

KINDS = [
    # kind, relative weight
    ("drop-before", 3),
    ("drop-after", 3),
    ("stall", 2),
    ("stall-long", 1),
    ("status-500", 2),
    ("status-502", 2),
    ("status-503", 2),
    ("truncate", 3),
    ("malformed", 3),
]

HOP_HEADERS = {
    "connection", "keep-alive", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade", "host", "content-length",
}


class State:
    def __init__(self, args):
        self.args = args
        self.random = random.Random(args.seed)
        self.lock = threading.Lock()
        self.requests = 0
        self.long_stalls = 0
        self.counts = {kind: 0 for kind, _ in KINDS}
        self.counts["none"] = 0
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def draw(self):
        """The fault for the next request, or None."""
        with self.lock:
            self.requests += 1
            n = self.requests
            # Always draw the same numbers, whatever is skipped or capped,
            # so that a seed gives one sequence.
            roll = self.random.random()
            pick = self.random.random()
            if n <= self.args.skip or roll >= self.args.rate:
                return n, None
            # Counted when drawn: the client retries while one still stalls.
            kinds = [(k, w) for k, w in KINDS
                     if k != "stall-long"
                     or self.long_stalls < self.args.max_long_stalls]
            total = sum(w for _, w in kinds)
            x = pick * total
            chosen = kinds[-1][0]
            for kind, weight in kinds:
                if x < weight:
                    chosen = kind
                    break
                x -= weight
            if chosen == "stall-long":
                self.long_stalls += 1
            return n, chosen

    def record(self, n, method, path, kind, status):
        with self.lock:
            self.counts[kind or "none"] += 1
            if self.log:
                self.log.write("%d %s %s %s %s\n"
                               % (n, method, path, kind or "-", status))
                self.log.flush()
            if self.args.stats:
                tmp = self.args.stats + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump({"requests": self.requests,
                               "faults": self.counts}, f, sort_keys=True)
                os.replace(tmp, self.args.stats)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-proxy"

    def log_message(self, format, *args):
        pass

    def _abort(self):
        """Closes the connection without an answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _forward(self, body):
        state = self.server.state
        up = state.upstream
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in HOP_HEADERS}
        headers["Host"] = up.netloc
        conn.request(self.command, self.path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        result = (resp.status, resp.reason,
                  [(k, v) for k, v in resp.getheaders()
                   if k.lower() not in HOP_HEADERS], data)
        conn.close()
        return result

    def _answer(self, status, reason, headers, data, length=None, cut=None):
        self.send_response(status, reason)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length",
                         str(len(data) if length is None else length))
        self.end_headers()
        if cut is None:
            self.wfile.write(data)
        else:
            self.wfile.write(data[:cut])
            self.wfile.flush()
            self._abort()

    def _handle(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else None
        n, kind = state.draw()
        status = "-"
        try:
            if kind == "drop-before":
                self._abort()
            elif kind == "stall-long":
                time.sleep(state.args.long_stall)
                self._abort()
            elif kind in ("status-500", "status-502", "status-503"):
                code = int(kind[-3:])
                if code == 500:
                    data = (b'{"error":"internal_server_error",'
                            b'"reason":"Injected failure"}')
                    ctype = "application/json"
                else:
                    data = (b"<html><body><h1>%d</h1>Injected gateway "
                            b"failure</body></html>" % code)
                    ctype = "text/html"
                self._answer(code, None, [("Content-Type", ctype)], data)
                status = code
            else:
                if kind == "stall":
                    time.sleep(state.args.stall)
                code, reason, headers, data = self._forward(body)
                status = code
                if kind == "drop-after":
                    self._abort()
                elif kind == "truncate" and len(data) >= 2:
                    self._answer(code, reason, headers, data,
                                 cut=len(data) // 2)
                elif kind == "malformed":
                    broken = data[:len(data) // 2] + b'\x22:,]}{"broken'
                    self._answer(code, reason, headers, broken)
                else:
                    if kind == "truncate":
                        # Too short to cut: count it as no fault.
                        kind = None
                    self._answer(code, reason, headers, data)
        except (OSError, http.client.HTTPException) as e:
            status = "error:" + type(e).__name__
            self._abort()
        state.record(n, self.command, self.path.split("?")[0], kind, status)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_COPY = _handle


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser(description="Fault-injecting HTTP proxy")
    p.add_argument("--upstream", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--rate", type=float, default=0.4,
                   help="probability of a fault per request")
    p.add_argument("--skip", type=int, default=0,
                   help="requests forwarded untouched at first")
    p.add_argument("--stall", type=float, default=2.0)
    p.add_argument("--long-stall", type=float, default=65.0)
    p.add_argument("--max-long-stalls", type=int, default=1)
    p.add_argument("--stats")
    p.add_argument("--log")
    args = p.parse_args()

    upstream = urllib.parse.urlsplit(args.upstream)
    if upstream.scheme != "http" or not upstream.hostname:
        p.error("--upstream must be an http:// URL")

    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args)
    server.state.upstream = upstream

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
