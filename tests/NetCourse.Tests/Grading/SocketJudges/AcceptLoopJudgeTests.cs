using System.Net.Sockets;

namespace NetCourse.Tests.Grading.SocketJudges;

public class AcceptLoopJudgeTests
{
    // The practice cases of the check cell in notebooks/15-serving-many-clients.ipynb.
    private static readonly (int Clients, int Bytes, int Pieces)[] Practice = [(20, 100, 2), (20, 3000, 3)];

    [Test, CancelAfter(60_000)]
    public async Task Instructor_Solution_Passes_Every_Practice_And_Hidden_Case()
    {
        (int, int, int)[] cases = [.. Practice, .. JudgeRuns.Hidden(Judges.AcceptLoop)];

        var report = await JudgeRuns.CheckAsync(Judges.AcceptLoop, Instructor, cases);

        Assert.That(report.Passed, Is.EqualTo(cases.Length), JudgeRuns.Failures(report));
    }

    [TestCaseSource(nameof(WrongSolutions)), CancelAfter(60_000)]
    public async Task Known_Wrong_Solution_Fails_A_Practice_Case(Func<Socket, CancellationToken, Task> wrong, string because)
    {
        var report = await JudgeRuns.CheckAsync(Judges.AcceptLoop, wrong, Practice);

        Assert.That(JudgeRuns.Failures(report), Does.Contain(because));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_Stub_Is_Reported_As_Not_Implemented()
    {
        var report = await JudgeRuns.CheckAsync(Judges.AcceptLoop, Stub, Practice[0]);

        Assert.That(report.Cases[0].Got, Is.EqualTo("not implemented yet: accept in a loop"));
    }

    [Test, CancelAfter(30_000)]
    public void A_Case_Out_Of_Range_Is_Rejected_By_Value() =>
        Assert.That(async () => await JudgeRuns.CheckAsync(Judges.AcceptLoop, Instructor, (0, 10, 1)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("(0, 10, 1)"));

    public static IEnumerable<TestCaseData> WrongSolutions()
    {
        yield return new TestCaseData((Func<Socket, CancellationToken, Task>)Sequential, "were not served within").SetName("Sequential accept: the silent client holds everyone up");
        yield return new TestCaseData((Func<Socket, CancellationToken, Task>)OneReceive, "in 2 piece(s) and got").SetName("One receive taken as the message");
        yield return new TestCaseData((Func<Socket, CancellationToken, Task>)IgnoresToken, "did not return within").SetName("Accept without the token: never stops");
        yield return new TestCaseData((Func<Socket, CancellationToken, Task>)NeverCloses, "had no complete echo and close").SetName("Echoes but never closes the connection");
        yield return new TestCaseData((Func<Socket, CancellationToken, Task>)ReturnsAfterOne, "returned before it was cancelled").SetName("Serves the clients it has, then returns");
    }

    private static async Task Instructor(Socket listener, CancellationToken ct)
    {
        var clients = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(ct);
                clients.RemoveAll(t => t.IsCompleted);
                clients.Add(EchoAsync(connection, ct));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(clients);
    }

    private static async Task EchoAsync(Socket connection, CancellationToken ct)
    {
        using (connection)
        {
            var buffer = new byte[4096];
            try
            {
                int n;
                while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                {
                    for (var sent = 0; sent < n;)
                    {
                        sent += await connection.SendAsync(buffer.AsMemory(sent, n - sent), SocketFlags.None, ct);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
            }
        }
    }

    private static Task Stub(Socket listener, CancellationToken ct) => throw new NotImplementedException("accept in a loop");

    private static async Task Sequential(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await EchoAsync(await listener.AcceptAsync(ct), ct);
        }
    }

    private static async Task OneReceive(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var connection = await listener.AcceptAsync(ct);
            _ = Task.Run(async () =>
            {
                using (connection)
                {
                    var buffer = new byte[65536];
                    var n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct);
                    await connection.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
                }
            }, ct);
        }
    }

    private static async Task IgnoresToken(Socket listener, CancellationToken ct)
    {
        while (true)
        {
            var connection = await listener.AcceptAsync(CancellationToken.None);
            _ = EchoAsync(connection, CancellationToken.None);
        }
    }

    private static async Task NeverCloses(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var connection = await listener.AcceptAsync(ct);
            _ = Task.Run(async () =>
            {
                var buffer = new byte[4096];
                int n;
                while ((n = await connection.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
                {
                    await connection.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, ct);
                }
            }, ct);
        }
    }

    private static async Task ReturnsAfterOne(Socket listener, CancellationToken ct)
    {
        var clients = new List<Task>();
        for (var i = 0; i < 21; i++)
        {
            clients.Add(EchoAsync(await listener.AcceptAsync(ct), ct));
        }

        await Task.WhenAny(clients);
    }
}
