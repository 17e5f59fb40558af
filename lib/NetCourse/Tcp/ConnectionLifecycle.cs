using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Opens and closes one loopback connection step by step and, after each step, reads the TCP states of the client's
/// socket, the server's listening socket and the server's accepted socket from the operating system: the handshake and
/// the four-way close made visible.
/// </summary>
public sealed class ConnectionLifecycle : ITabular
{
    private const string Closed = "CLOSED";
    private readonly List<LifecycleStep> _steps;

    internal ConnectionLifecycle(bool clientClosesFirst, IEnumerable<LifecycleStep> steps)
    {
        ClientClosesFirst = clientClosesFirst;
        _steps = [.. steps];
    }

    /// <summary>True when the client closed first.</summary>
    public bool ClientClosesFirst { get; }

    /// <summary>Each step with the states of the three sockets after it.</summary>
    public IReadOnlyList<LifecycleStep> Steps => _steps;

    /// <summary>Runs the scripted connection. Each observation waits at most 1 s for the operating system to update the states.</summary>
    public static async Task<ConnectionLifecycle> ObserveAsync(bool clientClosesFirst, CancellationToken cancellationToken = default)
    {
        var life = new ConnectionLifecycle(clientClosesFirst, []);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var listening = (IPEndPoint)listener.LocalEndPoint!;
        life.Record("server: bind + listen", listening, null, null, TcpConnectionState.Listen, null);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listening, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var clientEnd = (IPEndPoint)client.LocalEndPoint!;
        var open = TcpConnectionState.Established;
        life.Record("client: connect (SYN, SYN-ACK, ACK), before the server calls accept", listening, clientEnd, open, TcpConnectionState.Listen, open);

        using var server = await listener.AcceptAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        life.Record("server: accept", listening, clientEnd, open, TcpConnectionState.Listen, open);

        var (first, second) = clientClosesFirst ? (client, server) : (server, client);
        var (firstName, secondName) = clientClosesFirst ? ("client", "server") : ("server", "client");
        first.Shutdown(SocketShutdown.Send);
        life.Record($"{firstName}: shutdown(Send): sends FIN, gets ACK", listening, clientEnd,
            clientClosesFirst ? TcpConnectionState.FinWait2 : TcpConnectionState.CloseWait, TcpConnectionState.Listen,
            clientClosesFirst ? TcpConnectionState.CloseWait : TcpConnectionState.FinWait2);

        second.Shutdown(SocketShutdown.Send);
        life.Record($"{secondName}: shutdown(Send): sends FIN, gets ACK", listening, clientEnd,
            clientClosesFirst ? TcpConnectionState.TimeWait : TcpConnectionState.Closed, TcpConnectionState.Listen,
            clientClosesFirst ? TcpConnectionState.Closed : TcpConnectionState.TimeWait);

        first.Close();
        second.Close();
        listener.Close();
        life.Record("both close their sockets; the server closes its listener", listening, clientEnd,
            clientClosesFirst ? TcpConnectionState.TimeWait : TcpConnectionState.Closed, TcpConnectionState.Closed,
            clientClosesFirst ? TcpConnectionState.Closed : TcpConnectionState.TimeWait);
        return life;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("step", "client socket", "listening socket", "accepted socket")
        {
            Caption = ClientClosesFirst ? "Client closes first" : "Server closes first",
        };
        foreach (var step in _steps)
        {
            table.AddRow(step.Step, step.Client, step.Listener, step.Accepted);
        }

        return table;
    }

    internal static string Name(TcpConnectionState state) => state switch
    {
        TcpConnectionState.FinWait1 => "FIN_WAIT_1",
        TcpConnectionState.FinWait2 => "FIN_WAIT_2",
        TcpConnectionState.TimeWait => "TIME_WAIT",
        TcpConnectionState.CloseWait => "CLOSE_WAIT",
        TcpConnectionState.LastAck => "LAST_ACK",
        TcpConnectionState.SynSent => "SYN_SENT",
        TcpConnectionState.SynReceived => "SYN_RECV",
        _ => state.ToString().ToUpperInvariant(),
    };

    private void Record(
        string step, IPEndPoint listening, IPEndPoint? clientEnd,
        TcpConnectionState? expectClient, TcpConnectionState expectListener, TcpConnectionState? expectAccepted)
    {
        var clock = Stopwatch.StartNew();
        string client, listener, accepted;
        do
        {
            var table = TcpTable.Read();
            listener = StateOf(table.Listening.FirstOrDefault(e => e.Local.Equals(listening)));
            client = clientEnd is null ? Closed : StateOf(table.Connection(clientEnd, listening));
            accepted = clientEnd is null ? Closed : StateOf(table.Connection(listening, clientEnd));
            if (Matches(client, expectClient) && Matches(listener, expectListener) && Matches(accepted, expectAccepted))
            {
                break;
            }
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(1));

        _steps.Add(new LifecycleStep(step, client, listener, accepted));
    }

    private static bool Matches(string observed, TcpConnectionState? expected) => expected is not { } state || observed == Name(state);

    private static string StateOf(TcpSocketEntry? entry) => entry is null ? Closed : Name(entry.State);
}
