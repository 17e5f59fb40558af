
namespace NetCourse.Tests.Display;

public class HtmlTableTests
{
    [Test]
    public void Html_Escapes_Cells_And_Caption()
    {
        var table = new HtmlTable("name", "value") { Caption = "a<b" }.AddRow("<script>", 1);

        var html = table.ToHtml();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("&lt;script&gt;"));
            Assert.That(html, Does.Not.Contain("<script>"));
            Assert.That(html, Does.Contain("a&lt;b"));
        }
    }

    [Test]
    public void Text_Aligns_Columns()
    {
        var text = new HtmlTable("port", "service").AddRow(22, "ssh").AddRow(3306, "mysql").ToString();

        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "port  service",
            "----  -------",
            "22    ssh",
            "3306  mysql",
        }));
    }

    [Test]
    public void Row_With_Wrong_Cell_Count_Is_Rejected()
    {
        var table = new HtmlTable("a", "b");

        Assert.That(() => table.AddRow(1), Throws.ArgumentException.With.Message.Contains("1 cells"));
    }
}
