#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# file-proxy.py: an HTTP proxy on loopback between a client and a
# CouchDB-like server that logs the requests for attachments and can
# spoil their answers, deterministically.
#
#   file-proxy.py --upstream URL [--log FILE] [--cut-from N] [--cut-at BYTES]
#                 [--lie NAME]
#
# It listens on 127.0.0.1 on a free port and prints "http://127.0.0.1:PORT"
# on its first line of standard output.  Every request is forwarded.  A
# request for an attachment ("GET /db/doc/name") is logged to --log as
# "GET <path> <status> <Range or ->", one a line.  From the N-th request
# for an attachment on (--cut-from, counting from 1), the answer keeps its
# headers but its body is cut after --cut-at bytes and the connection
# closed: a network cut mid-download.  --lie NAME changes one byte in
# the middle of every attachment named NAME (URL-encoded as the client
# sends it), length unchanged: a server whose bytes do not match the
# digest it gives.  SIGTERM stops the proxy.

import argparse
import http.client
import http.server
import signal
import socketserver
import sys
import threading
import urllib.parse

HOP_HEADERS = {
    "connection", "keep-alive", "proxy-connection", "te", "trailer",
    "transfer-encoding", "upgrade", "host", "content-length",
}


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.attachments = 0
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None


def is_attachment(method, path):
    parts = urllib.parse.urlsplit(path).path.split("/")
    return (method == "GET" and len(parts) == 4 and parts[1] and parts[2]
            and parts[3] and not parts[1].startswith("_")
            and not parts[2].startswith("_"))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        state = self.server.state
        up = urllib.parse.urlsplit(state.args.upstream)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
        conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
        conn.request(self.command, self.path, body=body, headers=headers)
        answer = conn.getresponse()
        data = answer.read()
        conn.close()

        cut = False
        if is_attachment(self.command, self.path):
            with state.lock:
                state.attachments += 1
                n = state.attachments
                if state.log:
                    state.log.write("GET %s %d %s\n" % (self.path, answer.status,
                                                        self.headers.get("Range") or "-"))
                    state.log.flush()
            cut = state.args.cut_from > 0 and n >= state.args.cut_from
            name = self.path.rsplit("/", 1)[1]
            if state.args.lie and name == state.args.lie and answer.status < 300 and data:
                middle = len(data) // 2
                data = data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1:]

        self.send_response(answer.status, answer.reason)
        for k, v in answer.getheaders():
            if k.lower() not in HOP_HEADERS:
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        if cut:
            self.send_header("Connection", "close")
        self.end_headers()
        if cut:
            self.wfile.write(data[:min(state.args.cut_at, len(data) // 2)])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_COPY = forward


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--log")
    parser.add_argument("--cut-from", type=int, default=0)
    parser.add_argument("--cut-at", type=int, default=65536)
    parser.add_argument("--lie")
    args = parser.parse_args()

    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(args)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
