namespace NetCourse.Tests.Grading;

public class OutcomesTests
{
    private static readonly Exercise Exercise = new("99.2", "Outcomes", 1);

    [Test]
    public void A_TimeoutException_The_Code_Throws_Itself_Is_Reported_As_Thrown_Not_As_The_Case_Deadline()
    {
        var report = Grader.Check(Exercise, int (int x) => throw new TimeoutException($"my own {x} s deadline"), (1, 2));

        Assert.That(report.Cases[0].Got, Is.EqualTo("threw TimeoutException: my own 1 s deadline"));
    }

    [Test]
    public void A_Cancellation_The_Code_Throws_Itself_Is_Reported_As_Thrown()
    {
        var report = Grader.Check(Exercise, int (int x) => throw new OperationCanceledException("gave up"), (1, 2));

        Assert.That(report.Cases[0].Got, Is.EqualTo("threw OperationCanceledException: gave up"));
    }
}
