using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse;

/// <summary>
/// Opens and closes one loopback connection step by step and, after each step, reads both ends' TCP states from the
/// operating system: the handshake and the four-way close made visible.
/// </summary>
public sealed class ConnectionLifecycle : ITabular
{
    private readonly List<(string Step, string Client, string Server)> _steps = [];

    private ConnectionLifecycle(bool clientClosesFirst) => ClientClosesFirst = clientClosesFirst;

    /// <summary>True when the client closed first.</summary>
    public bool ClientClosesFirst { get; }

    /// <summary>Each step with the state of the client's and the server's socket after it.</summary>
    public IReadOnlyList<(string Step, string Client, string Server)> Steps => _steps;

    /// <summary>Runs the scripted connection. Each observation waits at most 1 s for the operating system to update the state.</summary>
    public static async Task<ConnectionLifecycle> ObserveAsync(bool clientClosesFirst, CancellationToken cancellationToken = default)
    {
        var life = new ConnectionLifecycle(clientClosesFirst);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var listening = (IPEndPoint)listener.LocalEndPoint!;
        life.Record("server: bind + listen", listening, null, null, TcpConnectionState.Listen);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listening, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        var clientEnd = (IPEndPoint)client.LocalEndPoint!;
        life.Record("client: connect (SYN, SYN-ACK, ACK) — before accept", listening, clientEnd, TcpConnectionState.Established, TcpConnectionState.Established);

        using var server = await listener.AcceptAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        life.Record("server: accept", listening, clientEnd, TcpConnectionState.Established, TcpConnectionState.Established);

        var (first, second) = clientClosesFirst ? (client, server) : (server, client);
        var (firstName, secondName) = clientClosesFirst ? ("client", "server") : ("server", "client");
        first.Shutdown(SocketShutdown.Send);
        life.Record($"{firstName}: shutdown(Send): sends FIN, gets ACK", listening, clientEnd,
            clientClosesFirst ? TcpConnectionState.FinWait2 : TcpConnectionState.CloseWait, clientClosesFirst ? TcpConnectionState.CloseWait : TcpConnectionState.FinWait2);

        second.Shutdown(SocketShutdown.Send);
        life.Record($"{secondName}: shutdown(Send): sends FIN, gets ACK", listening, clientEnd,
            clientClosesFirst ? TcpConnectionState.TimeWait : null, clientClosesFirst ? null : TcpConnectionState.TimeWait);
        first.Close();
        second.Close();
        return life;
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("step", "client socket", "server socket")
        {
            Caption = ClientClosesFirst ? "Client closes first" : "Server closes first",
        };
        foreach (var (step, client, server) in _steps)
        {
            table.AddRow(step, client, server);
        }

        return table;
    }

    private void Record(string step, IPEndPoint listening, IPEndPoint? clientEnd, TcpConnectionState? expectClient, TcpConnectionState? expectServer)
    {
        var clock = Stopwatch.StartNew();
        string client, server;
        do
        {
            var table = TcpTable.Read();
            client = clientEnd is null ? "-" : StateOf(table.Connection(clientEnd, listening));
            server = clientEnd is null
                ? StateOf(table.Listening.FirstOrDefault(e => e.Local.Equals(listening)))
                : StateOf(table.Connection(listening, clientEnd));
            if (Matches(client, expectClient) && Matches(server, expectServer))
            {
                break;
            }
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(1));

        _steps.Add((step, client, server));
    }

    private static bool Matches(string observed, TcpConnectionState? expected) => expected is not { } state || observed == Name(state);

    private static string StateOf(TcpSocketEntry? entry) => entry is null ? "(gone)" : Name(entry.State);

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
}
