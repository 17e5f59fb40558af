using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NetCourse.Course.Kernels;

/// <summary>Reads the values of a kernel's variables as JSON, in the form .NET Interactive gives a value for <c>application/json</c>.</summary>
public static partial class KernelValues
{
    /// <summary>The JSON MIME type the values are formatted as.</summary>
    public const string JsonMimeType = "application/json";

    /// <summary>
    /// The value of the variable <paramref name="name"/> in the kernel's C# submissions, formatted by the kernel's own
    /// <c>application/json</c> formatter (the one a <c>RequestValue</c> for that MIME type uses); a JSON <c>null</c> gives null.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a C# identifier.</exception>
    /// <exception cref="KeyNotFoundException">The kernel has no variable of that name.</exception>
    /// <exception cref="TimeoutException">The kernel did not answer within <paramref name="timeout"/>.</exception>
    public static async Task<JsonNode?> ValueAsync(this KernelSession session, string name, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(name);
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a C# variable name.", nameof(name));
        }

        var outcome = await session.RunAsync(
            $"Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString((object?){name}, \"{JsonMimeType}\")", timeout, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            CellStatus.Succeeded => JsonNode.Parse(outcome.ReturnValue?["text/plain"] ?? "null"),
            CellStatus.TimedOut => throw new TimeoutException($"The kernel did not give the value of '{name}' within {timeout.TotalSeconds:0.#} s."),
            _ => throw new KeyNotFoundException($"The kernel has no value named '{name}': {outcome.Error}"),
        };
    }

    [GeneratedRegex("^@?[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
