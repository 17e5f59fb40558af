using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using NetCourse.Course.Kernels;

namespace NetCourse.Notebooks.Tests.Harness;

/// <summary>Kernel events go to the cell whose command caused them, whenever they arrive.</summary>
public class CellEventRouterTests
{
    [Test]
    public void An_Event_Arriving_After_The_Next_Cell_Started_Is_Credited_To_Its_Own_Cell()
    {
        var router = new CellEventRouter();
        var first = new SubmitCode("first");
        var firstOutputs = router.Register(first, 1000);
        var second = new SubmitCode("second");
        var secondOutputs = router.Register(second, 1000);

        router.Route(Printed(second, "from the second cell"));
        router.Route(Printed(first, "late from the first cell"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstOutputs.Outputs.Select(o => o["text/plain"]), Is.EqualTo(new[] { "late from the first cell" }));
            Assert.That(secondOutputs.Outputs.Select(o => o["text/plain"]), Is.EqualTo(new[] { "from the second cell" }));
        }
    }

    [Test]
    public void An_Event_Of_A_Child_Command_Goes_To_Its_Parent_Cell_And_Unknown_Commands_Are_Dropped()
    {
        var router = new CellEventRouter();
        var cell = new SubmitCode("#r \"x.dll\"\n1");
        var outputs = router.Register(cell, 1000);
        var child = new SubmitCode("1");
        child.SetToken(cell.GetOrCreateToken() + ".1");

        router.Route(Printed(child, "from the child"));
        router.Route(Printed(new SubmitCode("other"), "from a command of no cell"));

        Assert.That(outputs.Outputs.Select(o => o["text/plain"]), Is.EqualTo(new[] { "from the child" }));
    }

    [Test]
    public void The_Cells_Value_Is_Kept_After_A_Flood_That_Passed_The_Limit()
    {
        var router = new CellEventRouter();
        var cell = new SubmitCode("flood");
        var outputs = router.Register(cell, 10);

        router.Route(Printed(cell, "0123456789A"));
        router.Route(new ReturnValueProduced("done", cell, [new FormattedValue("text/plain", "done")]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outputs.Truncated, Is.True);
            Assert.That(outputs.Outputs.Single().Kind, Is.EqualTo(CellOutputKinds.Return));
        }
    }

    private static StandardOutputValueProduced Printed(KernelCommand command, string text) =>
        new(command, [new FormattedValue("text/plain", text)]);
}
