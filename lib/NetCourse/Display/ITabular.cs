namespace NetCourse;

/// <summary>A result that displays as a table. One formatter renders every implementation.</summary>
internal interface ITabular
{
    /// <summary>The table this value displays as.</summary>
    HtmlTable ToTable();
}
