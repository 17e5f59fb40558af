"""Python socket clients for the interop tests: each mode prints one JSON object on stdout."""
import hashlib
import json
import os
import socket
import struct
import sys
import threading

TIMEOUT = 20


def connect(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.connect((host, port))
    return s


def read_to_end(s):
    received = bytearray()
    while True:
        chunk = s.recv(65536)
        if not chunk:
            s.close()
            return bytes(received)
        received += chunk


def echo(host, port, size):
    """Sends size random bytes while reading the echo, half-closes, reads to EOF."""
    data = os.urandom(size)
    s = connect(host, port)
    sender = threading.Thread(target=lambda: (s.sendall(data), s.shutdown(socket.SHUT_WR)))
    sender.start()
    received = read_to_end(s)
    sender.join(TIMEOUT)
    return {"sent": len(data), "received": len(received),
            "same": hashlib.sha256(data).hexdigest() == hashlib.sha256(received).hexdigest()}


def half_close(host, port):
    """Sends, half-closes, and still reads the reply after its own FIN."""
    s = connect(host, port)
    s.sendall(b"after my FIN you can still talk")
    s.shutdown(socket.SHUT_WR)
    return {"reply": read_to_end(s).decode()}


def reset(host, port):
    """Sends and reads an echo, then closes with SO_LINGER 0: an RST instead of a FIN."""
    s = connect(host, port)
    s.sendall(b"abc")
    got = s.recv(3)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
    return {"echo": got.decode()}


def many(host, port, clients, size):
    """clients connections at once, each an echo of size bytes."""
    results = [None] * clients
    start = threading.Barrier(clients)

    def one(i):
        try:
            start.wait(TIMEOUT)
            results[i] = echo(host, port, size)["same"]
        except Exception as e:  # reported, not raised: the test counts failures
            results[i] = repr(e)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 2)
    return {"ok": sum(1 for r in results if r is True), "failures": [r for r in results if r is not True][:5]}


def udp(host, port, *messages):
    """One datagram per message; the reply to each, or null when none came within 3 s."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(3)
    replies = []
    for m in messages:
        s.sendto(m.encode(), (host, port))
        try:
            replies.append(s.recvfrom(65536)[0].decode())
        except socket.timeout:
            replies.append(None)
    s.close()
    return {"replies": replies}


if __name__ == "__main__":
    mode, host, port, *rest = sys.argv[1:]
    port = int(port)
    if mode == "echo":
        out = echo(host, port, int(rest[0]))
    elif mode == "half-close":
        out = half_close(host, port)
    elif mode == "reset":
        out = reset(host, port)
    elif mode == "many":
        out = many(host, port, int(rest[0]), int(rest[1]))
    elif mode == "udp":
        out = udp(host, port, *rest)
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps(out))
