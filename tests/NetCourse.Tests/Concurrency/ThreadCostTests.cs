namespace NetCourse.Tests.Concurrency;

public class ThreadCostTests
{
    [Test]
    public void Threads_Cost_Address_Space_And_Tasks_Cost_Heap_Bytes()
    {
        var cost = ThreadCost.Measure(50);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cost.ThreadStartMicroseconds, Is.GreaterThan(0));
            Assert.That(cost.ThreadAddressSpaceBytes, Is.GreaterThan(64 * 1024), "every thread reserves a stack");
            Assert.That(cost.TaskBytes, Is.GreaterThan(0).And.LessThan(4096));
            Assert.That(cost.Describe(10_000), Does.StartWith("At the rates measured for 50 here, 10,000 waiting clients as threads would reserve"));
        }
    }

    [TestCase(0), TestCase(2001)]
    public void Count_Out_Of_Range_Is_Rejected_By_Value(int count) =>
        Assert.That(() => ThreadCost.Measure(count), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains(count.ToString()));
}
