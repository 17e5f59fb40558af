using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetCourse;

/// <summary>
/// The one JSON form of case inputs, returned values and outcomes, shared by the notebook's practice checks, the probe
/// cells and the course command that judges outside the kernel: tuples as <c>{"Item1": ...}</c>, enums by name, byte
/// arrays as base64.
/// </summary>
internal static class ProbeJson
{
    /// <summary>The serializer options for inputs and values.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        IncludeFields = true,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The JSON of a value.</summary>
    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    /// <summary>A value from JSON, or an <see cref="InvalidDataException"/> naming what did not fit.</summary>
    public static T FromNode<T>(JsonNode? node, string what)
    {
        try
        {
            return node.Deserialize<T>(Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} is not a {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// True when two JSON values are the same value: numbers by numeric value (1 equals 1.0), strings ordinally, arrays
    /// element by element, objects by their set of properties in any order.
    /// </summary>
    public static bool Same(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second)),
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Same(p.Value, other)),
        (JsonValue x, JsonValue y) => SameValue(x, y),
        _ => false,
    };

    /// <summary>A short text of a JSON value for a table or message, cut to <paramref name="limit"/> characters.</summary>
    public static string Show(JsonNode? node, int limit = 120)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length <= limit ? text : text[..limit] + "…";
    }

    /// <summary>A case's input as a learner writes it in C#: tuples as <c>(a, b)</c>, arrays as <c>[a, b]</c>, records by their own text.</summary>
    public static string ShowValue(object? value, int limit = 120)
    {
        var text = Literal(value);
        return text.Length <= limit ? text : text[..limit] + "…";
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string or bool or char => Show(ToNode(value), int.MaxValue),
        Enum e => e.ToString(),
        System.Runtime.CompilerServices.ITuple tuple => "(" + string.Join(", ", Enumerable.Range(0, tuple.Length).Select(i => Literal(tuple[i]))) + ")",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Literal)) + "]",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ when value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(object) => value.ToString() ?? "",
        _ => Show(ToNode(value), int.MaxValue),
    };

    private static bool SameValue(JsonValue x, JsonValue y)
    {
        var (a, b) = (x.GetValueKind(), y.GetValueKind());
        if (a == JsonValueKind.Number && b == JsonValueKind.Number)
        {
            var (p, q) = (x.ToJsonString(), y.ToJsonString());
            return decimal.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && decimal.TryParse(q, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                ? m == n
                : double.Parse(p, CultureInfo.InvariantCulture).Equals(double.Parse(q, CultureInfo.InvariantCulture));
        }

        return a == b && (a is not JsonValueKind.String || string.Equals(x.GetValue<string>(), y.GetValue<string>(), StringComparison.Ordinal));
    }
}
