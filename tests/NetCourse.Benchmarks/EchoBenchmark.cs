using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NetCourse.Servers;

namespace NetCourse.Benchmarks;

/// <summary>
/// Closed-loop echo throughput with 16-byte messages: the course's TcpServer against a minimal raw async server and,
/// when python3 is present, a Python asyncio server, each with 100 and 1000 clients, measured one after another in one run.
/// </summary>
internal static class EchoBenchmark
{
    private const string PythonServer = """
        import asyncio, sys
        async def handle(r, w):
            try:
                while True:
                    data = await r.read(4096)
                    if not data: break
                    w.write(data)
                    await w.drain()
            except ConnectionError:
                pass
            w.close()
        async def main():
            server = await asyncio.start_server(handle, '127.0.0.1', 0, backlog=2048)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server: await server.serve_forever()
        asyncio.run(main())
        """;

    public static async Task RunAsync()
    {
        var duration = TimeSpan.FromSeconds(3);
        foreach (var clients in new[] { 100, 1000 })
        {
            await using var course = await TcpServer.StartAsync("bench-echo", Handlers.Echo, backlog: 2048);
            var courseRate = await MeasureAsync(course.EndPoint, clients, duration);
            double rawRate;
            using (var raw = new RawEchoServer())
            {
                rawRate = await MeasureAsync(raw.EndPoint, clients, duration);
            }

            var line = $"echo {clients} clients: course {courseRate / 1000:0.0}k msg/s, raw async {rawRate / 1000:0.0}k msg/s (course/raw {courseRate / rawRate:0.00}x)";
            if (await PythonRateAsync(clients, duration) is { } pythonRate)
            {
                line += $", python asyncio {pythonRate / 1000:0.0}k msg/s (course/python {courseRate / pythonRate:0.00}x, goal >= 3x)";
            }

            Console.WriteLine(line + $"; C epoll anchor 176k (100 clients): course/C {courseRate / 176_000:0.00}x (goal >= 0.6x); peak RSS of this process {PeakRssMiB():0} MiB");
        }
    }

    private static async Task<double> MeasureAsync(IPEndPoint server, int clients, TimeSpan duration)
    {
        var sockets = new List<Socket>();
        for (var i = 0; i < clients; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, LingerState = new LingerOption(true, 0) };
            await s.ConnectAsync(server);
            sockets.Add(s);
        }

        using var stop = new CancellationTokenSource(duration);
        long messages = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sockets.Select(async s =>
        {
            var message = new byte[16];
            var reply = new byte[16];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await s.SendAsync(message, SocketFlags.None, stop.Token);
                    var got = 0;
                    while (got < 16)
                    {
                        var n = await s.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, stop.Token);
                        if (n == 0)
                        {
                            throw new InvalidOperationException("The echo server closed a connection.");
                        }

                        got += n;
                    }

                    Interlocked.Increment(ref messages);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));
        var rate = messages / clock.Elapsed.TotalSeconds;
        sockets.ForEach(s => s.Dispose());
        return rate;
    }

    private static async Task<double?> PythonRateAsync(int clients, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"netcourse-echo-{Environment.ProcessId}.py");
        await File.WriteAllTextAsync(script, PythonServer);
        Process? python = null;
        try
        {
            python = Process.Start(new ProcessStartInfo("python3", script) { RedirectStandardOutput = true });
            if (python is null)
            {
                return null;
            }

            var line = await python.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return int.TryParse(line, out var port) ? await MeasureAsync(new IPEndPoint(IPAddress.Loopback, port), clients, duration) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            python?.Kill();
            python?.Dispose();
            File.Delete(script);
        }
    }

    private static double PeakRssMiB()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>The simplest async echo server: accept in a loop, one task per connection.</summary>
    private sealed class RawEchoServer : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly CancellationTokenSource _stop = new();

        public RawEchoServer()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(2048);
            _ = AcceptAsync();
        }

        public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var connection = await _listener.AcceptAsync(_stop.Token);
                    _ = EchoAsync(connection);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        private async Task EchoAsync(Socket connection)
        {
            using (connection)
            {
                var buffer = new byte[4096];
                try
                {
                    int n;
                    while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, _stop.Token)) > 0)
                    {
                        await connection.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
