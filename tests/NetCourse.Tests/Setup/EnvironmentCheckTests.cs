using NetCourse.Capture;
using NetCourse.Setup;

namespace NetCourse.Tests.Setup;

public class EnvironmentCheckTests
{
    [Test, CancelAfter(30_000)]
    public async Task The_Capture_Row_Agrees_With_What_PacketCapture_Will_Run(CancellationToken token)
    {
        var capture = (await EnvironmentCheck.RunAsync(token))["packet capture"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(capture.Status == CheckStatus.Ok, Is.EqualTo(PacketCapture.Unavailable is null), capture.Note);
            Assert.That(capture.Found, Is.EqualTo(Programs.Find("tcpdump") ?? "no tcpdump"));
        }
    }

    [Test, CancelAfter(30_000)]
    public async Task Loopback_And_A_Free_Port_Are_Found_On_This_Machine(CancellationToken token)
    {
        var report = await EnvironmentCheck.RunAsync(token);

        Assert.That(
            report.Results.Where(r => r.Check.Contains("loopback", StringComparison.Ordinal) || r.Check.StartsWith("free port", StringComparison.Ordinal)).ToList(),
            Has.Count.EqualTo(3).And.All.Property(nameof(EnvironmentCheckResult.Status)).EqualTo(CheckStatus.Ok));
    }
}
