"""Python's smtplib against TinySmtpServer: prints one JSON object."""
import json
import smtplib
import sys

host, port = sys.argv[1], int(sys.argv[2])
out = {}
with smtplib.SMTP(host, port, local_hostname="python.test", timeout=10) as s:
    code, message = s.ehlo()
    out["ehlo"] = [code, message.decode()]
    out["vrfy"] = list(s.verify("bob"))
    out["vrfy"][1] = out["vrfy"][1].decode()
    body = "Subject: interop\r\n\r\nA line.\r\n.A line that starts with a dot.\r\n..two dots.\r\nEnd.\r\n"
    out["refused"] = s.sendmail("ann@python.test", ["bob@netcourse.test", "cy@netcourse.test"], body)
    code, message = s.noop()
    out["noop"] = [code, message.decode()]
    code, message = s.docmd("NOOP", "x" * 1100)
    out["long"] = [code, message.decode()]
print(json.dumps(out))
