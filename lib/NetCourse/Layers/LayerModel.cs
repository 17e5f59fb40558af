
namespace NetCourse;

/// <summary>A layer model (OSI, TCP/IP, five-layer): its layers top to bottom and the document that defines it.</summary>
/// <param name="Name">The model's name, e.g. "OSI".</param>
/// <param name="DefinedBy">Where the model is written down, e.g. "ISO/IEC 7498-1".</param>
/// <param name="Layers">The layers, top (application) first.</param>
public sealed record LayerModel(string Name, string DefinedBy, IReadOnlyList<ModelLayer> Layers) : ITabular
{
    /// <summary>The layer of this model that covers OSI layer <paramref name="osiLayer"/> (1-7).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not 1-7.</exception>
    public ModelLayer Covering(int osiLayer)
    {
        if (osiLayer is < 1 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(osiLayer), osiLayer, $"OSI layer {osiLayer} does not exist: use 1 (physical) to 7 (application).");
        }

        return Layers.Single(l => l.OsiLayers.Contains(osiLayer));
    }

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("layer", "name", "what it does", "real examples") { Caption = $"The {Name} model ({DefinedBy})" };
        foreach (var layer in Layers)
        {
            table.AddRow(layer.Number, layer.Name, layer.Job, layer.Examples);
        }

        return table;
    }
}
