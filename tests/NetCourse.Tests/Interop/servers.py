"""Small Python servers for the course's clients: each binds loopback port 0, prints the port, serves until killed."""
import socket
import socketserver
import sys
import threading


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(20)
        while True:
            data = self.request.recv(65536)
            if not data:
                return
            self.request.sendall(data)


class Request(socketserver.BaseRequestHandler):
    """Reads until the client half-closes, then answers with what it counted and closes."""
    def handle(self):
        self.request.settimeout(20)
        total = bytearray()
        while True:
            data = self.request.recv(65536)
            if not data:
                break
            total += data
        self.request.sendall(f"python got {len(total)} bytes: {total[:20].decode(errors='replace')}".encode())


class Tcp(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class Tcp6(Tcp):
    address_family = socket.AF_INET6


def udp_upper(host):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((host, 0))
    print(s.getsockname()[1], flush=True)
    while True:
        data, peer = s.recvfrom(65536)
        s.sendto(data.upper(), peer)


if __name__ == "__main__":
    kind, host = sys.argv[1], sys.argv[2]
    if kind == "udp-upper":
        udp_upper(host)
    handler = {"tcp-echo": Echo, "tcp-request": Request}[kind]
    server = (Tcp6 if ":" in host else Tcp)((host, 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()
