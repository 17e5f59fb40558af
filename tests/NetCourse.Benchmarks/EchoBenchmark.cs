using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace NetCourse.Benchmarks;

/// <summary>
/// Closed-loop echo throughput with 16-byte messages, 100 and 1000 clients. Every server runs in its own process and
/// is loaded by the same client, one after another in one run: the course's TcpServer, the same server with the
/// runtime's socket completions run inline on its epoll thread (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS, which a
/// notebook kernel cannot use because a blocking handler would stall every socket), a minimal raw async server,
/// Python asyncio (when python3 is present) and a C epoll server (when a C compiler is present). The load comes from
/// two clients in turn: the C load generator (when a C compiler is present), which leaves the servers the most CPU and
/// lets them handle many ready sockets per wake-up, and a .NET async client in this process, which does not. When the
/// window closes, both clients wait for each connection's last echo and close it normally, so the servers see a FIN,
/// not a reset. A reset is a fault case: for each one a .NET server's receive builds a file-and-line stack trace, and the
/// first loads the runtime's PDB reader, which would be counted in the server's peak memory.
/// </summary>
internal static class EchoBenchmark
{
    private const string PythonServer = """
        import asyncio
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
            server = await asyncio.start_server(handle, '127.0.0.1', 0, backlog=4096)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server: await server.serve_forever()
        asyncio.run(main())
        """;

    private const string Course = "course TcpServer";
    private const string CourseInline = "course, inline completions";
    private const string Python = "python asyncio";
    private const string CEpoll = "C epoll";
    private const int Rounds = 5;
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LastEcho = TimeSpan.FromSeconds(5);

    /// <summary>Runs one of the .NET echo servers in this process until it is killed (the child side of the benchmark).</summary>
    public static async Task ServeAsync(string kind)
    {
        await using var course = kind == "course" ? await TcpServer.StartAsync("echo", Handlers.Echo, backlog: 4096) : null;
        using var raw = course is null ? new RawEchoServer() : null;
        Console.WriteLine(course?.EndPoint.Port ?? raw!.EndPoint.Port);
        await Task.Delay(Timeout.Infinite);
    }

    public static async Task RunAsync()
    {
        using var native = await NativeEcho.BuildAsync();
        var script = Path.Combine(Path.GetTempPath(), $"netcourse-echo-{Environment.ProcessId}.py");
        await File.WriteAllTextAsync(script, PythonServer);
        var servers = new List<EchoServerCommand>
        {
            new(Course, SelfPath, [.. SelfArguments, "serve", "course"]),
            new(CourseInline, SelfPath, [.. SelfArguments, "serve", "course"], ("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")),
            new("raw async socket", SelfPath, [.. SelfArguments, "serve", "raw"]),
        };
        if (Programs.Find("python3") is not null)
        {
            servers.Add(new(Python, "python3", [script]));
        }

        if (native is not null)
        {
            servers.Add(new(CEpoll, native.Server, []));
        }

        var loads = new List<(string Name, Func<int, int, Task<(double Rate, long Messages)>> Measure)>();
        if (native is not null)
        {
            loads.Add(("the C load generator (epoll, its own process)", (port, clients) => native.MeasureAsync(port, clients, Warmup, Duration)));
        }

        loads.Add(("a .NET async client in the benchmark process", MeasureInProcessAsync));
        try
        {
            foreach (var (load, measure) in loads)
            {
                foreach (var clients in new[] { 100, 1000 })
                {
                    Console.WriteLine(
                        $"echo, 16-byte messages, closed loop, {clients} clients, load from {load}; medians of {Rounds} interleaved rounds of {Warmup.TotalSeconds:0.0} s warm-up + {Duration.TotalSeconds:0} s:");
                    await CompareAsync(servers, clients, measure);
                }
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task CompareAsync(
        List<EchoServerCommand> servers, int clients, Func<int, int, Task<(double Rate, long Messages)>> measure)
    {
        var running = new List<EchoServerProcess>();
        try
        {
            foreach (var server in servers)
            {
                running.Add(await EchoServerProcess.StartAsync(server));
            }

            var rates = running.ToDictionary(server => server.Name, _ => new List<double>());
            var costs = running.ToDictionary(server => server.Name, _ => new List<double>());
            var firstRoundPeaks = new Dictionary<string, double>();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var server in running)
                {
                    var cpu = server.CpuTime;
                    var (rate, messages) = await measure(server.Port, clients);
                    rates[server.Name].Add(rate);
                    costs[server.Name].Add((server.CpuTime - cpu).TotalMicroseconds / messages);
                }

                if (round == 0)
                {
                    firstRoundPeaks = running.ToDictionary(server => server.Name, server => server.PeakRssMiB);
                }
            }

            Report(running, Medians(rates), Medians(costs), firstRoundPeaks);
        }
        finally
        {
            running.ForEach(server => server.Dispose());
        }
    }

    private static void Report(
        List<EchoServerProcess> servers, Dictionary<string, double> rates, Dictionary<string, double> costs, Dictionary<string, double> firstRoundPeaks)
    {
        Console.WriteLine(
            $"  {"server",-28} {"msg/s",9} {"course/this",12} {"server CPU/msg",15} {"this/course",12} {"peak RSS, 1st round",20} {"peak RSS, all",14} {"anon RSS",9}");
        foreach (var server in servers)
        {
            var name = server.Name;
            Console.WriteLine(
                $"  {name,-28} {rates[name] / 1000,8:0.0}k {rates[Course] / rates[name],11:0.00}x {costs[name],12:0.0} us {costs[name] / costs[Course],11:0.00}x {firstRoundPeaks[name],16:0} MiB {server.PeakRssMiB,10:0} MiB {server.AnonRssMiB,5:0} MiB");
        }

        Console.WriteLine(
            $"  goals (throughput ratios): course/python >= 3x: {Ratio(Course, Python, rates)}; course/C >= 0.6x: {Ratio(Course, CEpoll, rates)}; " +
            $"course server peak RSS < 64 MiB: {firstRoundPeaks[Course]:0} MiB in its first round, {servers.Single(server => server.Name == Course).PeakRssMiB:0} MiB after {Rounds} rounds of fresh connections");
        Console.WriteLine(
            $"  under this load, C epoll/python = {Ratio(CEpoll, Python, rates)} (what the fastest server here reaches over python); " +
            $"course with inline completions/course = {Ratio(CourseInline, Course, rates)} (the cost of the thread-pool hand-off)");
    }

    private static Dictionary<string, double> Medians(Dictionary<string, List<double>> samples) =>
        samples.ToDictionary(pair => pair.Key, pair => Percentiles.NearestRank([.. pair.Value.Order()], 50));

    private static string SelfPath => Environment.ProcessPath!;

    private static string[] SelfArguments =>
        Path.GetFileNameWithoutExtension(SelfPath) == "dotnet" ? [Assembly.GetExecutingAssembly().Location] : [];

    private static string Ratio(string server, string other, Dictionary<string, double> rates) =>
        rates.TryGetValue(server, out var rate) && rates.TryGetValue(other, out var otherRate) ? $"{rate / otherRate:0.00}x" : "not measured (not installed)";

    private static async Task<(double Rate, long Messages)> MeasureInProcessAsync(int port, int clients)
    {
        var sockets = new List<Socket>();
        try
        {
            using (var connecting = new CancellationTokenSource(LastEcho))
            {
                for (var i = 0; i < clients; i++)
                {
                    sockets.Add(new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true });
                    await sockets[^1].ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), connecting.Token);
                }
            }

            return await ExchangeAsync(sockets, port);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    private static async Task<(double Rate, long Messages)> ExchangeAsync(List<Socket> sockets, int port)
    {
        using var stop = new CancellationTokenSource(Warmup + Duration);
        using var deadline = new CancellationTokenSource(Warmup + Duration + LastEcho);
        long messages = 0, warmup = 0, measured = 0;
        var window = Stopwatch.StartNew();
        var counting = Task.Delay(Warmup).ContinueWith(_ => { warmup = Interlocked.Exchange(ref messages, 0); window.Restart(); }, TaskScheduler.Default);
        using var measuredAtStop = stop.Token.Register(() => { measured = Interlocked.Read(ref messages); window.Stop(); });
        await Task.WhenAll(sockets.Select(async s =>
        {
            var message = new byte[16];
            var reply = new byte[16];
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await s.SendAsync(message, SocketFlags.None, deadline.Token);
                    for (var got = 0; got < 16;)
                    {
                        var n = await s.ReceiveAsync(reply.AsMemory(got), SocketFlags.None, deadline.Token);
                        got += n > 0 ? n : throw new InvalidOperationException($"The echo server on port {port} closed a connection.");
                    }

                    Interlocked.Increment(ref messages);
                }
            }
            catch (OperationCanceledException e) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The echo server on port {port} did not echo a message within {LastEcho.TotalSeconds:0} s of the window's end.", e);
            }

            s.Shutdown(SocketShutdown.Send);
        }));
        await counting;
        return (measured / window.Elapsed.TotalSeconds, warmup + messages);
    }
}
