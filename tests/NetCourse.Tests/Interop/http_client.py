"""Python's http.client against TinyHttpServer: prints one JSON object per request."""
import email.utils
import http.client
import json
import sys

host, port = sys.argv[1], int(sys.argv[2])


def ask(method, path, headers=None, body=None):
    c = http.client.HTTPConnection(host, port, timeout=10)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    date = r.getheader("Date")
    return {"method": method, "path": path, "status": r.status, "reason": r.reason, "version": r.version,
            "length": r.getheader("Content-Length"), "allow": r.getheader("Allow"), "body": data.decode(),
            "date_parses": date is not None and email.utils.parsedate_to_datetime(date) is not None}


results = [
    ask("GET", "/"),
    ask("GET", "/hello"),
    ask("HEAD", "/hello"),
    ask("GET", "/nothing-here"),
    ask("PUT", "/", body=b"x" * 100_000, headers={"Content-Type": "application/octet-stream"}),
    ask("GET", "/", headers={"X-Long": "a" * 9000}),
]
print(json.dumps(results))
