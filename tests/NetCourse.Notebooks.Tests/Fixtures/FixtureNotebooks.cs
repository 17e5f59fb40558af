namespace NetCourse.Notebooks.Tests.Fixtures;

/// <summary>Paths of the deliberately bad notebooks kept beside these tests.</summary>
public static class FixtureNotebooks
{
    /// <summary>The folder of fixture notebooks (copied to the test output).</summary>
    public static string Folder { get; } = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    /// <summary>A notebook whose third code cell throws at run time.</summary>
    public static string Broken => Path.Combine(Folder, "broken.ipynb");

    /// <summary>A notebook whose second code cell never finishes.</summary>
    public static string Hanging => Path.Combine(Folder, "hanging.ipynb");

    /// <summary>A notebook whose second code cell does not compile.</summary>
    public static string DoesNotCompile => Path.Combine(Folder, "does-not-compile.ipynb");

    /// <summary>A notebook whose second code cell ends the kernel process.</summary>
    public static string KillsKernel => Path.Combine(Folder, "kills-kernel.ipynb");

    /// <summary>A notebook whose cells produce each kind of output.</summary>
    public static string Outputs => Path.Combine(Folder, "outputs.ipynb");
}
