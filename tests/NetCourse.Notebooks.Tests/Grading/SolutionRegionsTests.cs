using NetCourse.Course.Grading;

namespace NetCourse.Notebooks.Tests.Grading;

public class SolutionRegionsTests
{
    private const string Solution = """
        int Twice(int x)
        {
            // BEGIN SOLUTION: Multiply by two.
            var y = x * 2;
            return y;
            // END SOLUTION
        }
        """;

    [Test]
    public void Region_Becomes_A_Stub_With_The_Hint_At_The_Same_Indent() =>
        Assert.That(SolutionRegions.Strip(Solution), Is.EqualTo("""
            int Twice(int x)
            {
                // Your code here.
                throw new NotImplementedException("Multiply by two.");
            }
            """));

    [Test]
    public void Solution_Lines_Are_Listed() =>
        Assert.That(SolutionRegions.SolutionLines(Solution), Is.EqualTo(new[] { "var y = x * 2;", "return y;" }));

    [TestCase("// BEGIN SOLUTION\nx", "never closed")]
    [TestCase("x\n// END SOLUTION", "without a matching")]
    public void Unbalanced_Markers_Are_Rejected(string source, string message) =>
        Assert.That(() => SolutionRegions.Strip(source), Throws.TypeOf<InvalidDataException>().With.Message.Contains(message));

    [Test]
    public void Hint_Quotes_Are_Escaped() =>
        Assert.That(SolutionRegions.Strip("// BEGIN SOLUTION: say \"hi\"\n// END SOLUTION"), Does.Contain("throw new NotImplementedException(\"say \\\"hi\\\"\");"));
}
