namespace NetCourse.Tests.Concurrency;

public class ConcurrencyExperimentTests
{
    [Test, CancelAfter(60_000)]
    public async Task Every_Model_Serves_Every_Client_And_The_Table_And_Charts_Say_So(CancellationToken token)
    {
        var run = await ConcurrencyExperiment.RunAsync([5], messages: 3, idleTimeout: TimeSpan.FromMilliseconds(200), cancellationToken: token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Points, Has.Count.EqualTo(4));
            Assert.That(run.Points.Select(p => (p.Served, p.Messages)), Is.All.EqualTo((5, 15)));
            Assert.That(run[ServingModel.OneAtATime, 5].P99Milliseconds, Is.GreaterThanOrEqualTo(150), "the slow client held the one-at-a-time server for its idle timeout");
            Assert.That(run[ServingModel.ThreadPerClient, 5].ServerThreads, Is.EqualTo(7), "the accept thread, the slow client's and five more");
            Assert.That(run.ToTable().ToString(), Does.Contain("SelectLoop").And.Contain("3 round trips"));
            Assert.That(run.LatencyChart().GetHtml(), Does.Contain("p99 round trip"));
        }
    }

    [TestCase(0), TestCase(1001)]
    public void Client_Count_Out_Of_Range_Is_Rejected_By_Value(int clients) =>
        Assert.That(async () => await ConcurrencyExperiment.RunAsync([clients]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(clients.ToString()));

    [Test]
    public void A_Pair_That_Was_Not_Run_Is_Named() =>
        Assert.That(async () => (await ConcurrencyExperiment.RunAsync([1], [ServingModel.TaskPerClient], messages: 1))[ServingModel.SelectLoop, 1],
            Throws.InstanceOf<KeyNotFoundException>().With.Message.Contains("SelectLoop with 1 clients"));
}
