using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace NetCourse;

/// <summary>
/// 06.3: the learner's handler answers each connection with "&lt;client address&gt; allowed\n" when the client's IPv4
/// address lies in the block <c>allowed</c> (CIDR, RFC 4632) and "&lt;client address&gt; denied\n" otherwise, the address in
/// dotted decimal, then closes. The learner's server listens on a dual-stack socket bound to ::ffff:127.0.0.1 where the OS
/// allows one, so it sees its clients under IPv4-mapped addresses (RFC 4291 §2.5.5.2). Each connection first carries the
/// block as one line, which the course's side of the server reads and hands to the handler, so that every case has its own.
/// A case is the block and the 127.x.y.z addresses the judge connects from (one connection each, all at once).
/// </summary>
internal sealed class AccessListJudge() : SocketJudge<Func<Socket, string, CancellationToken, Task>, (string Allowed, string[] From)>("06.3")
{
    // How long a client waits for the handler's answer and its close.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    internal override bool LearnerServes => true;

    internal override async Task<IAsyncDisposable> StartLearnerAsync(Func<Socket, string, CancellationToken, Task> subject, CancellationToken cancellationToken)
    {
        async Task Handler(Socket connection, CancellationToken token)
        {
            var allowed = await ReadBlockAsync(connection, token).ConfigureAwait(false);
            await subject(connection, allowed, token).ConfigureAwait(false);
        }

        try
        {
            return await TcpServer.StartAsync($"exercise-{Exercise}", Handler, IPAddress.Parse("::ffff:127.0.0.1"), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // No dual-stack socket on this machine (no IPv6): a plain IPv4 one sees its clients' addresses unmapped.
            return await TcpServer.StartAsync($"exercise-{Exercise}", Handler, IPAddress.Loopback, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    internal override IPEndPoint EndPointOf(IAsyncDisposable server) => ((TcpServer)server).EndPoint;

    private protected override async Task<JsonNode?> Visit((string Allowed, string[] From) input, IPEndPoint learner, CancellationToken cancellationToken)
    {
        var server = new IPEndPoint(IPAddress.Loopback, learner.Port);
        var replies = await Task.WhenAll(input.From.Select(from => OneClientAsync(input.Allowed, from, server, cancellationToken))).ConfigureAwait(false);
        return new JsonObject { ["replies"] = new JsonArray([.. replies]) };
    }

    private protected override CaseVerdict Judge((string Allowed, string[] From) input, JsonNode? seen, JsonNode? outcome)
    {
        var block = $"allowed {input.Allowed}";
        if (Error(seen) is { } error)
        {
            return new CaseVerdict(false, "no exchange", $"{block}: {error}");
        }

        if (seen?["replies"] is not JsonArray replies || replies.Count != input.From.Length)
        {
            return new CaseVerdict(false, "no exchange", $"{block}: the judge saw no connection");
        }

        var prefix = Ipv4Prefix.Parse(input.Allowed);
        for (var i = 0; i < replies.Count; i++)
        {
            var from = input.From[i];
            var client = $"{block}, a client at {from}";
            if ((string?)replies[i]?["unavailable"] is { } why)
            {
                return new CaseVerdict(false, "not checked here", $"{client}: not checked on this machine: {why}");
            }

            var expected = $"{from} {(prefix.Contains(from) ? "allowed" : "denied")}\n";
            var got = (string?)replies[i]?["got"] ?? "";
            if (got != expected)
            {
                return new CaseVerdict(false, "wrong reply", $"{client}: expected {Shown(expected)}, got {Shown(got)}");
            }

            if ((bool?)replies[i]?["closed"] != true)
            {
                return new CaseVerdict(false, "never closed", $"{client}: got {Shown(got)}, but the connection was still open {CloseWait.TotalSeconds:0} s later; "
                    + "close it once you have answered");
            }
        }

        return CaseVerdict.Pass;
    }

    // The course's side of the learner's server: the block the judge sent as the connection's first line.
    private static async Task<string> ReadBlockAsync(Socket connection, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(connection, ownsSocket: false);
        var reader = new LineReader(stream, maxLineLength: 64);
        return await Deadline.RunAsync("Reading the allowed block", CloseWait, async token => await reader.ReadAsync(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The client closed before it sent the allowed block.");
    }

    private async Task<JsonNode?> OneClientAsync(string allowed, string from, IPEndPoint server, CancellationToken cancellationToken)
    {
        var source = IPAddress.Parse(from);
        if (source.AddressFamily != AddressFamily.InterNetwork || !IPAddress.IsLoopback(source))
        {
            throw new InvalidDataException($"A case of {Exercise} connects from {from}, which is not an IPv4 loopback address (127.0.0.0/8).");
        }

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            // Linux treats all of 127.0.0.0/8 as local; macOS configures only 127.0.0.1 on lo0.
            return new JsonObject
            {
                ["unavailable"] = $"no socket here may send from {from} ({e.SocketErrorCode}); on macOS add it first: sudo ifconfig lo0 alias {from}",
            };
        }

        await Deadline.RunAsync($"Connecting from {from} to {server}", CloseWait, async token =>
        {
            await socket.ConnectAsync(server, token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        var received = new List<byte>();
        try
        {
            await SocketClient.SendAllAsync(socket, allowed + "\n", CloseWait, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The handler closed early; what came back is judged.
        }

        var closed = await ReceiveUntilClosedAsync(socket, received, CloseWait, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["got"] = Encoding.UTF8.GetString([.. received]), ["closed"] = closed };
    }
}
