using System.Text.Json;
using ClusterSync.Sources.UsClusterMapping;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class SolrFieldsTests
{
    [TestCase("name_t", SolrFieldKind.Text)]
    [TestCase("address_locality_s", SolrFieldKind.Text)]
    [TestCase("emp_tl", SolrFieldKind.Long)]
    [TestCase("lq_tf", SolrFieldKind.Float)]
    [TestCase("strong_b", SolrFieldKind.Boolean)]
    [TestCase("regions_txt", SolrFieldKind.TextList)]
    [TestCase("rank_i", SolrFieldKind.Int)]
    [TestCase("sm_field_email", SolrFieldKind.TextList)]
    [TestCase("tm_field_clusters", SolrFieldKind.TextList)]
    [TestCase("ds_changed", SolrFieldKind.Date)]
    [TestCase("im_vid_3", SolrFieldKind.IntList)]
    [TestCase("entity_id", SolrFieldKind.Unknown)]
    public void A_field_name_encodes_its_kind(string name, SolrFieldKind kind)
    {
        Assert.That(SolrFields.KindOf(name), Is.EqualTo(kind));
    }

    [Test]
    public void A_document_is_read_with_the_types_its_field_names_encode()
    {
        using var document = JsonDocument.Parse("""
            {"region_code_t":"01","emp_tl":"1200","lq_tf":1.25,"strong_b":true,"regions_txt":"region/county/01095",
             "ds_changed":"2015-07-14T12:30:00Z","im_vid_3":[3,7],"entity_id":445}
            """);

        var fields = SolrFields.ReadDocument(document.RootElement);

        Assert.That(fields["region_code_t"], Is.EqualTo("01"));
        Assert.That(fields["emp_tl"], Is.EqualTo(1200L));
        Assert.That(fields["lq_tf"], Is.EqualTo(1.25));
        Assert.That(fields["strong_b"], Is.EqualTo(true));
        Assert.That(fields["regions_txt"], Is.EqualTo(new object[] { "region/county/01095" }));
        Assert.That(fields["ds_changed"], Is.EqualTo(new DateTimeOffset(2015, 7, 14, 12, 30, 0, TimeSpan.Zero)));
        Assert.That(fields["im_vid_3"], Is.EqualTo(new object[] { 3, 7 }));
        Assert.That(((JsonElement)fields["entity_id"]!).GetInt32(), Is.EqualTo(445));
    }

    [Test]
    public void A_value_that_contradicts_its_field_name_is_refused()
    {
        using var document = JsonDocument.Parse("""{"emp_tl":"many"}""");

        Assert.That(() => SolrFields.Read("emp_tl", document.RootElement.GetProperty("emp_tl")), Throws.TypeOf<FormatException>().With.Message.Contain("emp_tl"));
    }
}
