
namespace NetCourse.Tests.Layers;

public class LayerModelsTests
{
    [Test]
    public void Osi_Has_Seven_Layers_From_Application_Down_To_Physical()
    {
        var osi = LayerModels.Osi();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(osi.Layers.Select(l => l.Number), Is.EqualTo(new[] { 7, 6, 5, 4, 3, 2, 1 }));
            Assert.That(osi.Layers[0].Name, Is.EqualTo("Application"));
            Assert.That(osi.Layers[^1].Name, Is.EqualTo("Physical"));
            Assert.That(osi.ToTable().Rows, Has.Count.EqualTo(7));
            Assert.That(osi.DefinedBy, Is.EqualTo("ISO/IEC 7498-1"));
        }
    }

    [Test]
    public void Every_Model_Covers_Each_Osi_Layer_Exactly_Once()
    {
        foreach (var model in new[] { LayerModels.Osi(), LayerModels.TcpIp(), LayerModels.FiveLayer() })
        {
            Assert.That(model.Layers.SelectMany(l => l.OsiLayers).Order(), Is.EqualTo(Enumerable.Range(1, 7)), model.Name);
        }
    }

    [TestCase(7, "Application", "Application")]
    [TestCase(5, "Application", "Application")]
    [TestCase(4, "Transport", "Transport")]
    [TestCase(3, "Internet", "Network")]
    [TestCase(2, "Link", "Data link")]
    [TestCase(1, "Link", "Physical")]
    public void Osi_Layer_Maps_Onto_Tcp_Ip_And_Five_Layer(int osi, string tcpIp, string fiveLayer)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(LayerModels.TcpIp().Covering(osi).Name, Is.EqualTo(tcpIp));
            Assert.That(LayerModels.FiveLayer().Covering(osi).Name, Is.EqualTo(fiveLayer));
        }
    }

    [TestCase(0)]
    [TestCase(8)]
    public void Osi_Layer_Outside_One_To_Seven_Is_Rejected(int osi) =>
        Assert.That(() => LayerModels.TcpIp().Covering(osi), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains($"OSI layer {osi}"));

    [Test]
    public void Side_By_Side_Has_One_Row_Per_Osi_Layer_Naming_Rfc_1122()
    {
        var table = LayerModels.SideBySide();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Rows, Has.Count.EqualTo(7));
            Assert.That(table.ToHtml(), Does.Contain("RFC 1122").And.Contain("2 Internet").And.Contain("1 Link"));
        }
    }

    [Test]
    public void A_Layer_Is_A_One_Row_Table_Listing_The_Osi_Layers_It_Covers()
    {
        var table = LayerModels.TcpIp().Covering(6).ToTable();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(table.Columns[^1], Is.EqualTo("covers OSI layers"));
            Assert.That(table.Rows, Has.Count.EqualTo(1));
            Assert.That(table.Rows[0][1], Is.EqualTo("Application"));
            Assert.That(table.Rows[0][^1], Is.EqualTo("5, 6, 7"));
        }
    }
}
