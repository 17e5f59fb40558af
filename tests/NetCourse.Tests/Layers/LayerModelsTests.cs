using NetCourse.Layers;

namespace NetCourse.Tests.Layers;

public class LayerModelsTests
{
    [Test]
    public void Osi_Table_Has_Seven_Layers_From_Application_To_Physical()
    {
        var html = LayerModels.Osi().ToHtml();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(LayerModels.Osi().Rows, Has.Count.EqualTo(7));
            Assert.That(html, Does.Contain("Application").And.Contain("Physical").And.Contain("Transport"));
        }
    }

    [Test]
    public void Side_By_Side_Table_Names_All_Three_Models() =>
        Assert.That(LayerModels.SideBySide().ToHtml(), Does.Contain("OSI").And.Contain("RFC 1122"));
}
