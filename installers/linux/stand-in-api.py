#!/usr/bin/env python3
"""A STAND-IN for Hetzner Cloud's API and a Kubernetes API server, on 127.0.0.1, for the installer
smoke test (installers/linux/smoke-test.sh), which points the installed app at it with
-Drailyard.hetzner.url= and a kubeconfig. It is not either service: it answers the few calls the
app's Test connection and health panel make, in the shapes of Hetzner's API reference
(https://docs.hetzner.cloud/#locations-get-all-locations, #server-types-get-all-server-types) and of
the Kubernetes API (GET /version, list calls answer an empty list).

  stand-in-api.py PORT_FILE REQUEST_LOG

Listens on a free port of 127.0.0.1, writes the port to PORT_FILE once it listens, and appends one
line per request ("GET /v1/locations 200") to REQUEST_LOG. Only the bearer token TOKEN is accepted
by the Hetzner part, as the real API rejects a wrong one with 401.
"""
import base64
import hashlib
import http.server
import json
import os
import sys
import time

TOKEN = "railyard-self-test-token"


def location(ident, name):
    return {"id": ident, "name": name, "description": "stand-in", "country": "DE", "city": "x",
            "latitude": 0, "longitude": 0, "network_zone": "eu-central"}


def server_type(ident, name):
    return {"id": ident, "name": name, "cores": 2, "memory": 4.0, "disk": 40, "architecture": "x86",
            "deprecation": None, "prices": [],
            "locations": [{"id": 1, "name": "fsn1", "available": True, "recommended": True, "deprecation": None}]}


def pagination(count):
    return {"pagination": {"page": 1, "per_page": 50, "previous_page": None, "next_page": None,
                           "last_page": 1, "total_entries": count}}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, and chunked watch bodies
    log_file = None

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path.startswith("/v1/"):
            if self.headers.get("Authorization") != "Bearer " + TOKEN:
                return self.send(401, {"error": {"code": "unauthorized", "message": "unable to authenticate", "details": None}})
            if path == "/v1/locations":
                return self.send(200, {"locations": [location(1, "fsn1"), location(2, "nbg1")], "meta": pagination(2)})
            if path == "/v1/server_types":
                types = [server_type(109, "cpx22"), server_type(114, "cx43"), server_type(115, "cpx32")]
                return self.send(200, {"server_types": types, "meta": pagination(len(types))})
            return self.send(404, {"error": {"code": "not_found", "message": "not found", "details": {}}})
        if path == "/version":
            return self.send(200, {"major": "1", "minor": "31", "gitVersion": "v1.31.4+k3s1", "platform": "linux/amd64"})
        if (path.startswith("/api") or path.startswith("/apis")) and "watch=true" in self.path:
            return self.quiet_watch()
        if path.startswith("/api") or path.startswith("/apis"):
            # every list the health panel asks for: empty (a cluster with nothing in it)
            return self.send(200, {"kind": "List", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": []})
        return self.send(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404})

    def quiet_watch(self):
        """A watch that sees no change, as on a quiet cluster: fabric8's client asks for it as a
        WebSocket (RFC 6455 handshake: Sec-WebSocket-Accept is base64(SHA-1(key + GUID))), then
        nothing until the client lets go, so the informers neither fail nor reconnect in a loop."""
        key = self.headers.get("Sec-WebSocket-Key")
        if self.headers.get("Upgrade", "").lower() != "websocket" or not key:
            return self.send(400, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                   "message": "the stand-in serves watches as WebSockets only", "code": 400})
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        protocol = self.headers.get("Sec-WebSocket-Protocol")
        if protocol:
            self.send_header("Sec-WebSocket-Protocol", protocol.split(",")[0].strip())
        self.end_headers()
        self.wfile.flush()
        self.log("101 (watch)")
        time.sleep(600)
        self.close_connection = True
        return None

    def send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.log(str(status))

    def log(self, status):
        with open(Handler.log_file, "a", encoding="utf-8") as log:
            log.write(f"{self.command} {self.path} {status}\n")

    def log_message(self, fmt, *args):
        pass


def main():
    port_file, Handler.log_file = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w", encoding="utf-8") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
