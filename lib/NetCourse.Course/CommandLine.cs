using System.Globalization;

namespace NetCourse.Course;

/// <summary>
/// A command's arguments, checked against its <see cref="CommandSyntax"/>: positional values and <c>--name value</c>
/// (or <c>--name=value</c>) options. An option the command does not know, a missing value or a value that does not
/// parse is a <see cref="CommandLineException"/>.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    /// <summary>Splits <paramref name="args"/> into positional values and the options <paramref name="syntax"/> accepts.</summary>
    /// <exception cref="CommandLineException">An unknown option, an option without its value, or a positional value the command does not take.</exception>
    public CommandLine(IReadOnlyList<string> args, CommandSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(args);
        Syntax = syntax ?? throw new ArgumentNullException(nameof(syntax));
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "-h")
            {
                _options["help"] = null;
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i] == "--")
            {
                positional.Add(args[i]);
                continue;
            }

            var (name, inline) = args[i].IndexOf('=', StringComparison.Ordinal) is var equals and > 2
                ? (args[i][2..equals], args[i][(equals + 1)..])
                : (args[i][2..], null);
            if (name == "help" || syntax.Flags.Contains(name))
            {
                _options[name] = inline is null ? null : throw Refuse($"--{name} takes no value (got '{inline}').");
            }
            else if (!syntax.Options.Contains(name))
            {
                throw Refuse($"{syntax.Name}: unknown option --{name}.");
            }
            else if (inline is not null)
            {
                _options[name] = inline;
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _options[name] = args[++i];
            }
            else
            {
                throw Refuse($"{syntax.Name}: option --{name} needs a value.");
            }
        }

        if (positional.Count > 0 && !syntax.TakesValues)
        {
            throw Refuse($"{syntax.Name} takes no values, got '{string.Join(' ', positional)}'.");
        }

        Positional = positional;
    }

    /// <summary>The command these arguments are for.</summary>
    public CommandSyntax Syntax { get; }

    /// <summary>The values that are not options.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>An option's value, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback = null) => _options.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>An option's value.</summary>
    /// <exception cref="CommandLineException">The option was not given.</exception>
    public string Require(string name, string placeholder) =>
        Get(name) ?? throw Refuse($"{Syntax.Name} needs --{name} {placeholder}.");

    /// <summary>An integer option within a range.</summary>
    /// <exception cref="CommandLineException">The value is not a whole number in range.</exception>
    public int GetInt(string name, int fallback, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Refuse($"{Syntax.Name}: --{name} {text} is not a whole number from {min} to {max}.");
    }

    /// <summary>An option whose value is one of <paramref name="choices"/>; the first choice when it is not given.</summary>
    /// <exception cref="CommandLineException">The value is not one of the choices.</exception>
    public string GetChoice(string name, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var text = Get(name) ?? choices[0];
        return choices.Contains(text, StringComparer.Ordinal)
            ? text
            : throw Refuse($"{Syntax.Name}: --{name} {text} is not one of {string.Join(", ", choices)}.");
    }

    private CommandLineException Refuse(string message) => new(message, Syntax);
}

/// <summary>What a command accepts, and its usage text.</summary>
/// <param name="Name">The command's name, the first argument.</param>
/// <param name="Usage">The command's usage: its synopsis line and what it does.</param>
public sealed record CommandSyntax(string Name, string Usage)
{
    /// <summary>The options that take a value (without the leading <c>--</c>).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The options that take no value (<c>--help</c> is always accepted).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>True when the command takes positional values (lessons, notebooks).</summary>
    public bool TakesValues { get; init; }

    /// <summary>True for a command the course runs itself (left out of the usage).</summary>
    public bool Hidden { get; init; }
}

/// <summary>Arguments a command refuses; the message names the bad option or value.</summary>
public sealed class CommandLineException : ArgumentException
{
    /// <summary>A refusal of arguments to <paramref name="syntax"/>'s command.</summary>
    public CommandLineException(string message, CommandSyntax syntax)
        : base(message)
    {
        Syntax = syntax;
    }

    /// <summary>The command whose arguments were refused.</summary>
    public CommandSyntax Syntax { get; }
}
