#!/usr/bin/env python3
"""A TLS front for a plain HTTP OpenSearch node, for the tests of
newsdex's https:// engine URLs: serves HTTPS on 127.0.0.1 (a free port,
printed on the first line of stdout) with the given certificate and key,
and passes each request on to UPSTREAM unchanged.

Usage: tls_proxy.py CERT KEY UPSTREAM   (e.g. http://127.0.0.1:9250)
"""
import http.server
import ssl
import sys
import urllib.error
import urllib.request


def main():
    cert, key, upstream = sys.argv[1], sys.argv[2], sys.argv[3].rstrip("/")

    class Pass(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            req = urllib.request.Request(
                upstream + self.path, data=body, method=self.command
            )
            for name in ("Content-Type", "Authorization"):
                if self.headers.get(name):
                    req.add_header(name, self.headers[name])
            try:
                with urllib.request.urlopen(req) as resp:
                    status, data = resp.status, resp.read()
                    kind = resp.headers.get("Content-Type", "application/json")
            except urllib.error.HTTPError as e:
                status, data = e.code, e.read()
                kind = e.headers.get("Content-Type", "application/json")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pass)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
