
namespace NetCourse;

/// <summary>The lines of a text dialogue in the order they crossed the connection, each marked C (client) or S (server).</summary>
public sealed class Transcript : ITabular
{
    private readonly List<(string Side, string Line)> _lines = [];

    /// <summary>Every line so far.</summary>
    public IReadOnlyList<(string Side, string Line)> Lines => _lines;

    /// <summary>Records a line the client sent.</summary>
    public void Client(string line) => _lines.Add(("C", line));

    /// <summary>Records a line the server sent.</summary>
    public void Server(string line) => _lines.Add(("S", line));

    /// <inheritdoc/>
    public HtmlTable ToTable()
    {
        var table = new HtmlTable("#", "side", "line") { Caption = "C = client, S = server; every line ends in CR LF on the wire" };
        for (var i = 0; i < _lines.Count; i++)
        {
            table.AddRow(i + 1, _lines[i].Side, _lines[i].Line);
        }

        return table;
    }

    /// <summary>The transcript as "C: ..." / "S: ..." lines.</summary>
    public override string ToString() => string.Join('\n', _lines.Select(l => $"{l.Side}: {l.Line}"));
}
