using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 04.1: the learner's client sends an HTTP/1.1 GET by hand and returns the status code and the body. The judge's server
/// accepts only <c>GET path HTTP/1.1</c> with a Host header, CRLF line ends and the blank line (RFC 9112 §2.2, §3, §3.2);
/// it answers with a status line, headers (Content-Length among them, names in the case's letter case) and the body in
/// small delayed pieces, and then keeps the connection open, as an HTTP/1.1 server may: only a client that reads exactly
/// Content-Length bytes of body finishes.
/// </summary>
internal sealed class HttpGetJudge()
    : SocketJudge<Func<(IPEndPoint Server, string Host, string Path), Task<(int Status, string Body)>>, (string Host, string Path, int Status, int Size, bool LowerCase)>("04.1")
{
    private const int MaxRequest = 16 * 1024;
    private static readonly TimeSpan RequestWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan HoldOpen = TimeSpan.FromSeconds(8);

    internal override bool LearnerServes => false;

    internal override async Task<JsonNode?> CallAsync(
        Func<(IPEndPoint Server, string Host, string Path), Task<(int Status, string Body)>> subject,
        (string Host, string Path, int Status, int Size, bool LowerCase) input, IPEndPoint judge, JsonNode? given, CancellationToken cancellationToken) =>
        ProbeJson.ToNode(await subject((judge, input.Host, input.Path)).ConfigureAwait(false));

    private protected override async Task<JudgeServer> Serve(
        (string Host, string Path, int Status, int Size, bool LowerCase) input, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await TcpServer.StartAsync($"judge-{Exercise}-{Guid.NewGuid():N}", async (socket, token) =>
        {
            try
            {
                socket.NoDelay = true;
                var head = await ReadHeadAsync(socket, token).ConfigureAwait(false);
                var problem = head is null ? "the request never ended with a blank line (\\r\\n\\r\\n) within 3 s" : Problem(head, input.Host, input.Path);
                if (problem is not null)
                {
                    await SocketClient.SendAllAsync(socket, Response(400, "Bad Request", Encoding.UTF8.GetBytes(problem), input.LowerCase), cancellationToken: token).ConfigureAwait(false);
                    seen.TrySetResult(new JsonObject { ["bad"] = problem });
                    return;
                }

                var response = Response(input.Status, input.Status == 200 ? "OK" : "Not Found", Body(input.Size), input.LowerCase);
                var sent = 0;
                try
                {
                    foreach (var piece in Pieces(response, response.Length - input.Size))
                    {
                        sent += await SocketClient.SendAllAsync(socket, piece, cancellationToken: token).ConfigureAwait(false);
                        await Task.Delay(20, token).ConfigureAwait(false);
                    }
                }
                catch (SocketException)
                {
                    // The client closed before the whole response was sent: its returned value shows what it made of the part it read.
                }

                seen.TrySetResult(new JsonObject { ["sent"] = sent });
                await Task.Delay(HoldOpen, token).ConfigureAwait(false); // a persistent connection: the server does not close after the body
            }
            catch (Exception e) when (e is SocketException or TimeoutException or IOException)
            {
                seen.TrySetResult(new JsonObject { ["error"] = $"the connection broke during the exchange: {e.Message}" });
            }
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new JudgeServer(server.EndPoint, seen.Task, server);
    }

    private protected override CaseVerdict Judge((string Host, string Path, int Status, int Size, bool LowerCase) input, JsonNode? seen, JsonNode? outcome)
    {
        if ((string?)seen?["bad"] is { } problem)
        {
            return new CaseVerdict(false, "bad request", $"GET {input.Path}: the server answered 400 Bad Request because {problem}");
        }

        var body = Encoding.UTF8.GetString(Body(input.Size));
        var verdict = Outcomes.Judge(outcome, ProbeJson.ToNode((input.Status, body)), null);
        if (verdict.Passed)
        {
            return verdict;
        }

        if (verdict.Kind != "wrong value")
        {
            var what = outcome?["threw"] is { } thrown ? $"threw {(string?)thrown}: {(string?)outcome?["message"]}" : verdict.Detail;
            var waited = verdict.Kind is "timed out" or "threw TimeoutException" or "threw OperationCanceledException" or "threw TaskCanceledException";
            var whole = Response(input.Status, input.Status == 200 ? "OK" : "Not Found", Body(input.Size), input.LowerCase).Length;
            return waited && (int?)seen?["sent"] == whole
                ? new CaseVerdict(false, verdict.Kind, $"GET {input.Path}: the whole response ({whole} bytes) had been sent, but the function {what}; "
                    + "the server keeps the connection open after the body, so read exactly Content-Length bytes of body instead of waiting for it to close")
                : new CaseVerdict(false, verdict.Kind, $"GET {input.Path}: {what}");
        }

        var got = outcome?["returned"];
        var gotBody = (string?)got?["Item2"] ?? "";
        return new CaseVerdict(false, "wrong value",
            $"GET {input.Path}: expected status {input.Status} and a body of {Encoding.UTF8.GetByteCount(body)} bytes, "
            + $"got status {(int?)got?["Item1"]} and a body of {Encoding.UTF8.GetByteCount(gotBody)} bytes{(gotBody.Length > 0 && body.StartsWith(gotBody, StringComparison.Ordinal) ? " (its beginning only)" : "")}");
    }

    /// <summary>The body of a case: UTF-8 text of exactly <paramref name="size"/> bytes, with two-byte characters in it.</summary>
    internal static byte[] Body(int size)
    {
        var text = new StringBuilder();
        for (var (line, length) = (1, 0); length < size; line++)
        {
            var next = line % 3 == 0 ? $"línea {line}\n" : $"line {line}\n";
            text.Append(next);
            length += Encoding.UTF8.GetByteCount(next);
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var cut = size;
        while (cut > 0 && cut < bytes.Length && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return [.. bytes.AsSpan(0, cut), .. Enumerable.Repeat((byte)'.', size - cut)];
    }

    private static byte[] Response(int status, string reason, byte[] body, bool lowerCase)
    {
        string Name(string name) => lowerCase ? name.ToLowerInvariant() : name;
        var head = $"HTTP/1.1 {status} {reason}\r\n{Name("Content-Type")}: text/plain; charset=utf-8\r\n{Name("Content-Length")}: {body.Length}\r\n"
            + $"{Name("Server")}: netcourse-judge\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    // The status line alone, the rest of the head, then the body in pieces of at most 1/8 of it (at most 8 KiB).
    private static IEnumerable<ReadOnlyMemory<byte>> Pieces(byte[] response, int headLength)
    {
        var statusLine = Array.IndexOf(response, (byte)'\n') + 1;
        yield return response.AsMemory(0, statusLine);
        yield return response.AsMemory(statusLine, headLength - statusLine);
        var bodyLength = response.Length - headLength;
        var piece = Math.Clamp(bodyLength / 8, 1, 8192);
        for (var at = headLength; at < response.Length; at += piece)
        {
            yield return response.AsMemory(at, Math.Min(piece, response.Length - at));
        }
    }

    // The request head up to and including the blank line, or null when it did not come in time.
    private static async Task<string?> ReadHeadAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var buffer = new byte[4096];
        try
        {
            return await Deadline.RunAsync<string?>("Reading the request head", RequestWait, async token =>
            {
                while (head.Count < MaxRequest)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return null;
                    }

                    head.AddRange(buffer.AsSpan(0, n));
                    var text = Encoding.Latin1.GetString([.. head]);
                    var end = EndOfHead(text);
                    if (end >= 0)
                    {
                        return text[..end];
                    }
                }

                return null;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    // Where the head ends: after "\r\n\r\n", or after "\n\n" (which the judge then rejects for its bare line feeds).
    private static int EndOfHead(string text)
    {
        var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = text.IndexOf("\n\n", StringComparison.Ordinal);
        return crlf >= 0 && (lf < 0 || crlf + 2 <= lf) ? crlf + 4 : lf >= 0 ? lf + 2 : -1;
    }

    private static string? Problem(string head, string host, string path)
    {
        var lines = head.Split('\n');
        if (lines[..^1].Any(l => !l.EndsWith('\r')))
        {
            return "its lines end in a bare \\n: HTTP/1.1 ends every line of the head with \\r\\n (RFC 9112 §2.2)";
        }

        var requestLine = lines[0].TrimEnd('\r');
        if (requestLine != $"GET {path} HTTP/1.1")
        {
            return $"the request line is \"{Cut(requestLine)}\", not \"GET {path} HTTP/1.1\" (RFC 9112 §3)";
        }

        if (lines.Any(l => l.TrimEnd('\r').Equals("connection: close", StringComparison.OrdinalIgnoreCase)))
        {
            return "it asks for Connection: close, and this exercise's server keeps every connection open: send only the Host header and read exactly Content-Length bytes";
        }

        var hosts = lines.Skip(1).Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("host:", StringComparison.OrdinalIgnoreCase)).ToList();
        return hosts.Count switch
        {
            0 => "the request has no Host header: HTTP/1.1 requires one (RFC 9112 §3.2)",
            1 when hosts[0][5..].Trim() == host => null,
            1 => $"the Host header is \"{Cut(hosts[0][5..].Trim())}\", not \"{host}\"",
            _ => "the request has more than one Host header (RFC 9112 §3.2)",
        };
    }

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
