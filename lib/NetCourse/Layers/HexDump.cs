using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NetCourse;

/// <summary>
/// Bytes as a hex dump, 16 a line with an ASCII column, each byte coloured by the part (layer) it belongs to.
/// Renders as HTML in a notebook and as plain text with <see cref="ToString"/>.
/// </summary>
public sealed class HexDump : IHtmlContent
{
    private static readonly string[] Colours = ["#f8c9c9", "#c9dcf8", "#c9f0d2", "#f5ebc2", "#e3d0f5", "#d0f0f0"];
    private readonly byte[] _bytes;
    private readonly (string Name, int Start, int Length)[] _parts;

    /// <summary>Creates a dump of <paramref name="bytes"/> split into consecutive named parts, outermost first.</summary>
    /// <exception cref="ArgumentException">The part lengths do not add up to the number of bytes.</exception>
    public HexDump(byte[] bytes, params (string Name, int Length)[] parts)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(parts);
        var total = parts.Sum(p => p.Length);
        if (total != bytes.Length || parts.Any(p => p.Length < 0))
        {
            throw new ArgumentException($"Part lengths add up to {total} but there are {bytes.Length} bytes: give one non-negative length per part covering every byte.", nameof(parts));
        }

        _bytes = bytes;
        var start = 0;
        _parts = [.. parts.Select(p => (p.Name, Start: (start += p.Length) - p.Length, p.Length))];
    }

    /// <summary>The part a byte offset belongs to.</summary>
    public string PartOf(int offset) => _parts.First(p => offset >= p.Start && offset < p.Start + p.Length).Name;

    /// <inheritdoc/>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<div style=\"font-family:monospace;font-size:13px\"><div>");
        for (var i = 0; i < _parts.Length; i++)
        {
            var p = _parts[i];
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"<span style=\"background:{Colours[i % Colours.Length]};padding:0 6px;margin-right:6px\">{WebUtility.HtmlEncode(p.Name)} ({p.Length} bytes)</span>"));
        }

        writer.Write("</div><pre style=\"margin-top:6px\">");
        for (var line = 0; line < _bytes.Length; line += 16)
        {
            writer.Write(line.ToString("x4", CultureInfo.InvariantCulture) + "  ");
            for (var i = line; i < line + 16; i++)
            {
                if (i < _bytes.Length)
                {
                    var part = Array.FindIndex(_parts, p => i >= p.Start && i < p.Start + p.Length);
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"<span style=\"background:{Colours[part % Colours.Length]}\" title=\"{WebUtility.HtmlEncode(_parts[part].Name)}\">{_bytes[i]:x2}</span> "));
                }
                else
                {
                    writer.Write("   ");
                }
            }

            writer.Write(' ');
            writer.Write(WebUtility.HtmlEncode(Ascii(line)));
            writer.Write('\n');
        }

        writer.Write("</pre></div>");
    }

    /// <summary>The dump as plain text: offset, 16 hex bytes, ASCII, and the parts on that line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var line = 0; line < _bytes.Length; line += 16)
        {
            var count = Math.Min(16, _bytes.Length - line);
            var hex = string.Join(' ', _bytes.Skip(line).Take(count).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            var parts = string.Join(" + ", Enumerable.Range(line, count).Select(PartOf).Distinct());
            text.Append(CultureInfo.InvariantCulture, $"{line:x4}  {hex,-47}  {Ascii(line),-16}  {parts}\n");
        }

        return text.ToString();
    }

    private string Ascii(int line) =>
        new([.. _bytes.Skip(line).Take(16).Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.')]);
}
