namespace NetCourse.Course.Kernels;

/// <summary>The kinds of <see cref="CellOutput"/>.</summary>
public static class CellOutputKinds
{
    /// <summary>The value of the cell's last expression.</summary>
    public const string Return = "return";

    /// <summary>A value passed to <c>display()</c> or updated in place.</summary>
    public const string Display = "display";

    /// <summary>Text written to <c>Console.Out</c>.</summary>
    public const string StandardOutput = "stdout";

    /// <summary>Text written to <c>Console.Error</c>.</summary>
    public const string StandardError = "stderr";
}
