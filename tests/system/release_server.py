#!/usr/bin/env python3
"""A local release server for the self-update test: serves ROOT as static
files (GET /api/v3/repos/OWNER/NAME/releases/latest is the file of that
path, laid out like GitHub's API) with an ETag (the SHA-256 of the file)
and 304 Not Modified for a matching If-None-Match, and appends
{"path", "if_none_match", "status"} as one JSON line to LOG per request.

usage: release_server.py PORT ROOT LOG
"""

import hashlib
import http.server
import json
import os
import sys

port, root, log = int(sys.argv[1]), os.path.realpath(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.realpath(os.path.join(root, self.path.split("?")[0].lstrip("/")))
        inm = self.headers.get("If-None-Match", "")
        if not path.startswith(root + "/") or not os.path.isfile(path):
            status, body, etag = 404, b'{"message": "Not Found"}', None
        else:
            with open(path, "rb") as f:
                body = f.read()
            etag = '"%s"' % hashlib.sha256(body).hexdigest()
            status = 304 if inm == etag else 200
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"path": self.path, "if_none_match": inm, "status": status}) + "\n")
        self.send_response(status)
        if etag:
            self.send_header("ETag", etag)
        if status == 304:
            self.end_headers()
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
