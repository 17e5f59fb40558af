
namespace NetCourse.Tests.Setup;

public class EnvironmentCheckTests
{
    private EnvironmentReport _report = null!;

    [OneTimeSetUp]
    public async Task RunTheChecksOnce()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _report = await EnvironmentCheck.RunAsync(deadline.Token);
    }

    [Test]
    public void The_Capture_Row_Agrees_With_What_PacketCapture_Will_Run()
    {
        var capture = _report["packet capture"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture.Status == CheckStatus.Ok, Is.EqualTo(PacketCapture.Unavailable is null), capture.Note);
            Assert.That(capture.Found, Is.EqualTo(Programs.Find("tcpdump") ?? "no tcpdump"));
        }
    }

    [Test]
    public void Loopback_And_A_Free_Port_Are_Found_On_This_Machine() =>
        Assert.That(
            _report.Results.Where(r => r.Check.Contains("loopback", StringComparison.Ordinal) || r.Check.StartsWith("free port", StringComparison.Ordinal)).ToList(),
            Has.Count.EqualTo(3).And.All.Property(nameof(EnvironmentCheckResult.Status)).EqualTo(CheckStatus.Ok));
}
