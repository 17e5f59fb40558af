namespace NetCourse.Course;

/// <summary>A command's arguments: positional values and <c>--name value</c> options.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    /// <summary>Splits <paramref name="args"/> into positional values and options; <paramref name="flags"/> take no value.</summary>
    /// <exception cref="ArgumentException">An option that needs a value has none.</exception>
    public CommandLine(IReadOnlyList<string> args, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            if (flags.Contains(name))
            {
                _options[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                _options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Option --{name} needs a value.", nameof(args));
            }
        }

        Positional = positional;
    }

    /// <summary>The values that are not options.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An option's value, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback = null) => _options.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>An integer option within a range.</summary>
    /// <exception cref="ArgumentException">The value is not a whole number in range.</exception>
    public int GetInt(string name, int fallback, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} {text} is not a whole number from {min} to {max}.", nameof(name));
    }
}
