
namespace NetCourse;

/// <summary>One layer of a layer model.</summary>
/// <param name="Number">Layer number, counted from the bottom (1 = closest to the wire).</param>
/// <param name="Name">The layer's name, e.g. "Transport".</param>
/// <param name="Job">What the layer does, in a few words.</param>
/// <param name="Examples">Real protocols or devices that work at this layer.</param>
/// <param name="OsiLayers">The OSI layer numbers this layer covers (for OSI itself: its own number).</param>
public sealed record ModelLayer(int Number, string Name, string Job, string Examples, IReadOnlyList<int> OsiLayers) : ITabular
{
    /// <summary>"4 Transport".</summary>
    public override string ToString() => $"{Number} {Name}";

    /// <summary>The layer as a one-row table, with the OSI layers it covers listed lowest first (e.g. "5, 6, 7").</summary>
    public HtmlTable ToTable() =>
        new HtmlTable("layer", "name", "what it does", "real examples", "covers OSI layers")
            .AddRow(Number, Name, Job, Examples, string.Join(", ", OsiLayers.Order()));
}
