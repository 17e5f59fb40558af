using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetCourse.Tests.Grading.SocketJudges;

public class RetryingClientJudgeTests
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(0.5);

    // The practice cases of the check cell in notebooks/16-when-connections-fail.ipynb.
    private static readonly (string Request, ClientFault Fault)[] Practice =
        [("GET colour", ClientFault.None), ("GET colour", ClientFault.ResetFirst), ("GET size", ClientFault.SilentFirst), ("ADD 5", ClientFault.ResetFirst)];

    [Test, CancelAfter(60_000)]
    public async Task Instructor_Solution_Passes_Every_Practice_And_Hidden_Case()
    {
        (string, ClientFault)[] cases = [.. Practice, .. JudgeRuns.Hidden(Judges.RetryingClient)];

        var report = await JudgeRuns.CheckAsync(Judges.RetryingClient, Instructor, cases);

        Assert.That(report.Passed, Is.EqualTo(cases.Length), JudgeRuns.Failures(report));
    }

    [TestCaseSource(nameof(WrongSolutions)), CancelAfter(60_000)]
    public async Task Known_Wrong_Solution_Fails_A_Practice_Case(Func<IPEndPoint, string, CancellationToken, Task<string>> wrong, string because)
    {
        var report = await JudgeRuns.CheckAsync(Judges.RetryingClient, wrong, Practice);

        Assert.That(JudgeRuns.Failures(report), Does.Contain(because));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Stub_Is_Reported_As_Not_Implemented()
    {
        var report = await JudgeRuns.CheckAsync(Judges.RetryingClient, (_, _, _) => throw new NotImplementedException("retry a GET"), Practice[0]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("not implemented yet: retry a GET"));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Client_That_Returns_The_Reply_Without_Asking_Fails()
    {
        var report = await JudgeRuns.CheckAsync(Judges.RetryingClient, (_, request, _) => Task.FromResult("VALUE " + request[4..]), Practice[0]);

        Assert.That(report.Cases[0].Got, Does.Contain("the server never received the request line"));
    }

    [Test, CancelAfter(30_000)]
    public void A_Request_With_A_Newline_Is_Rejected_By_Value() =>
        Assert.That(async () => await JudgeRuns.CheckAsync(Judges.RetryingClient, Instructor, ("GET a\nb", ClientFault.None)),
            Throws.ArgumentException.With.Message.Contains("'GET a\nb'"));

    public static IEnumerable<TestCaseData> WrongSolutions()
    {
        yield return Wrong(NoRetry, "tried only once").SetName("Never retries, even a GET");
        yield return Wrong(RetriesEverything, "not safe to repeat").SetName("Retries a request that is not safe to repeat");
        yield return Wrong(OneReceive, "read up to the newline").SetName("One receive taken as the reply");
        yield return Wrong(NoDeadline, "had no answer within").SetName("No deadline on an attempt");
        yield return Wrong(RawErrors, "expected an IOException").SetName("Lets the socket's exception out instead of naming the request");
    }

    private static TestCaseData Wrong(Func<IPEndPoint, string, CancellationToken, Task<string>> solution, string because) => new(solution, because);

    private static async Task<string> Instructor(IPEndPoint server, string request, CancellationToken ct) =>
        await Attempts(server, request, request.StartsWith("GET ", StringComparison.Ordinal) ? 3 : 1, Attempt, wrap: true, ReadLineAsync, ct);

    private static Task<string> NoRetry(IPEndPoint server, string request, CancellationToken ct) => Attempts(server, request, 1, Attempt, wrap: true, ReadLineAsync, ct);

    private static Task<string> RetriesEverything(IPEndPoint server, string request, CancellationToken ct) => Attempts(server, request, 3, Attempt, wrap: true, ReadLineAsync, ct);

    private static Task<string> OneReceive(IPEndPoint server, string request, CancellationToken ct) =>
        Attempts(server, request, request.StartsWith("GET ", StringComparison.Ordinal) ? 3 : 1, Attempt, wrap: true, async (s, t) =>
        {
            var buffer = new byte[256];
            var n = await s.ReceiveAsync(buffer, SocketFlags.None, t);
            return Encoding.UTF8.GetString(buffer, 0, n).TrimEnd('\n');
        }, ct);

    private static Task<string> NoDeadline(IPEndPoint server, string request, CancellationToken ct) =>
        Attempts(server, request, request.StartsWith("GET ", StringComparison.Ordinal) ? 3 : 1, Timeout.InfiniteTimeSpan, wrap: true, ReadLineAsync, ct);

    private static Task<string> RawErrors(IPEndPoint server, string request, CancellationToken ct) =>
        Attempts(server, request, request.StartsWith("GET ", StringComparison.Ordinal) ? 3 : 1, Attempt, wrap: false, ReadLineAsync, ct);

    // One shape for the instructor's client and its wrong variants: up to `tries` attempts, each on a new connection.
    private static async Task<string> Attempts(IPEndPoint server, string request, int tries, TimeSpan perAttempt, bool wrap,
        Func<Socket, CancellationToken, Task<string>> readReply, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (perAttempt != Timeout.InfiniteTimeSpan)
            {
                limit.CancelAfter(perAttempt);
            }

            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(server, limit.Token);
                var bytes = Encoding.UTF8.GetBytes(request + "\n");
                for (var sent = 0; sent < bytes.Length;)
                {
                    sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, limit.Token);
                }

                return await readReply(socket, limit.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
            {
                if (attempt >= tries)
                {
                    if (!wrap)
                    {
                        throw;
                    }

                    throw new IOException($"'{request}' failed after {attempt} attempt(s): {e.Message}", e);
                }
            }
        }
    }

    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        var line = new List<byte>();
        var buffer = new byte[256];
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0)
            {
                throw new EndOfStreamException("the server closed before the end of its reply");
            }

            for (var i = 0; i < n; i++)
            {
                if (buffer[i] == '\n')
                {
                    return Encoding.UTF8.GetString([.. line]);
                }

                line.Add(buffer[i]);
            }
        }
    }
}
