"""scapy as an independent reading of the headers the course builds: JSON tasks on stdin, JSON results on stdout."""
import json
import sys

from scapy.layers.inet import IP, TCP
from scapy.layers.l2 import Ether
from scapy.packet import Padding, Raw
from scapy.utils import checksum


def ip_fields(ip):
    return {"version": ip.version, "ihl": ip.ihl * 4, "tos": ip.tos, "len": ip.len, "id": ip.id,
            "df": bool(ip.flags & 2), "mf": bool(ip.flags & 1), "frag": ip.frag * 8, "ttl": ip.ttl, "proto": ip.proto,
            "chksum": ip.chksum, "src": ip.src, "dst": ip.dst}


def recomputed_ip(ip):
    fresh = ip.copy()
    del fresh.chksum
    return IP(bytes(fresh)).chksum


def frame(raw):
    p = Ether(raw)
    ip, tcp = p[IP], p[TCP]
    fresh = p.copy()
    del fresh[IP].chksum
    del fresh[TCP].chksum
    fresh = Ether(bytes(fresh))
    payload = bytes(tcp.payload.getlayer(Raw).load) if tcp.payload.haslayer(Raw) else b""
    return {"src_mac": p.src, "dst_mac": p.dst, "type": p.type, "ip": ip_fields(ip),
            "ip_chksum_ok": fresh[IP].chksum == ip.chksum,
            "tcp": {"sport": tcp.sport, "dport": tcp.dport, "seq": tcp.seq, "ack": tcp.ack, "dataofs": tcp.dataofs * 4,
                    "flags": int(tcp.flags), "window": tcp.window, "chksum": tcp.chksum, "urgptr": tcp.urgptr},
            "tcp_chksum_ok": fresh[TCP].chksum == tcp.chksum,
            "payload": payload.hex(), "padding": len(p[Padding].load) if p.haslayer(Padding) else 0}


def built():
    syn = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / IP(src="127.0.0.1", dst="127.0.0.1", id=7)
           / TCP(sport=40000, dport=80, flags="S", seq=12345, window=65495,
                 options=[("MSS", 65495), ("SAckOK", b""), ("Timestamp", (123, 0)), ("NOP", None), ("WScale", 7)]))
    ack = (Ether(src="02:00:00:00:00:01", dst="02:00:00:00:00:02") / IP(src="192.0.2.1", dst="192.0.2.2")
           / TCP(sport=80, dport=40000, flags="A", seq=1, ack=2) / Padding(b"\0" * 6))
    return {"syn": bytes(syn).hex(), "padded_ack": bytes(ack).hex()}


def run(task):
    kind = task["kind"]
    if kind == "frame":
        return frame(bytes.fromhex(task["hex"]))
    if kind == "ip":
        ip = IP(bytes.fromhex(task["hex"]))
        return {"fields": ip_fields(ip), "recomputed": recomputed_ip(ip)}
    if kind == "checksum":
        return {"checksum": checksum(bytes.fromhex(task["hex"]))}
    if kind == "built":
        return built()
    raise ValueError(f"unknown task {kind}")


print(json.dumps([run(t) for t in json.load(sys.stdin)]))
