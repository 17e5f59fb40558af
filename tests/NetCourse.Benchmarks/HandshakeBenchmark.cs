using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NetCourse.Benchmarks;

/// <summary>
/// The handshake timer's median against a bare synchronous Socket.Connect loop, in interleaved rounds that take turns
/// going first (the server is still accepting the previous round's connections when the next one starts).
/// </summary>
internal static class HandshakeBenchmark
{
    public static async Task RunAsync()
    {
        await using var sink = await TcpServer.StartAsync("bench-sink", (_, _) => Task.CompletedTask, backlog: 1024);
        const int Rounds = 20, PerRound = 250;
        var raw = new List<double>();
        var timer = new List<double>();
        Raw(sink.EndPoint, 200); // warm up both paths
        HandshakeTimer.Measure("warm", sink.EndPoint, 200);
        void RawRound() => raw.AddRange(Raw(sink.EndPoint, PerRound));
        void TimerRound() => timer.AddRange(HandshakeTimer.Measure("timer", sink.EndPoint, PerRound).Values);
        for (var round = 0; round < Rounds; round++)
        {
            var (first, second) = round % 2 == 0 ? ((Action)RawRound, (Action)TimerRound) : (TimerRound, RawRound);
            first();
            second();
        }

        var rawMedian = new TimingSample("raw", raw).P50;
        var timerMedian = new TimingSample("timer", timer).P50;
        Console.WriteLine($"handshake: raw Socket.Connect p50 {rawMedian:0.0} us, HandshakeTimer p50 {timerMedian:0.0} us, ratio {timerMedian / rawMedian:0.00}x (goal <= 1.10x), {Rounds}x{PerRound} interleaved, alternating which goes first");
    }

    private static List<double> Raw(IPEndPoint target, int count)
    {
        var values = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
            var start = Stopwatch.GetTimestamp();
            socket.Connect(target);
            values.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }

        return values;
    }
}
