using ClusterSync.Batch;

namespace ClusterSync.IntegrationTests.Batch;

/// <summary>The CSV of <c>resolve</c> and <c>evaluate</c> is read through the service's normaliser.</summary>
public class ResolveInputTests
{
    private string _path = null!;

    [SetUp]
    public void CreateFile() => _path = Path.Combine(Path.GetTempPath(), $"clustersync-input-{Guid.NewGuid():N}.csv");

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    [Test]
    public void A_row_is_normalised_as_the_service_normalises_a_record()
    {
        File.WriteAllText(_path,
            "id,name,country,region,phone,website,sectors\n"
            + "w1,Washington Technology Industry Association,United States,Washington,(206) 555-0100,www.washington-technology.org/about,naics2012:334413\n");

        var rows = ResolveInput.Read(_path, requireTruth: false);

        var input = rows.Inputs.Single();
        Assert.That(input.Country, Is.EqualTo("US"));
        Assert.That(input.Region, Is.EqualTo("WA"), "a region name becomes its code");
        Assert.That(input.Phone, Is.EqualTo("+12065550100"), "a phone becomes E.164");
        Assert.That(input.WebsiteDomain, Is.EqualTo("washington-technology.org"));
        Assert.That(input.Sectors.Select(s => s.Code), Does.Contain("naics2012:334413"));
    }

    [Test]
    public void A_row_the_normaliser_quarantines_is_kept_with_its_reason()
    {
        File.WriteAllText(_path, "id,name,country\n1,Aerospace Valley,FR\n2,---,FR\n3,,FR\n");

        var rows = ResolveInput.Read(_path, requireTruth: false);

        Assert.That(rows.Ids, Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(rows.InputRows, Is.EqualTo(new[] { 0 }));
        Assert.That(rows.Quarantined.Select(q => (q.Id, q.Row)), Is.EqualTo(new[] { ("2", 3), ("3", 4) }));
        Assert.That(rows.Quarantined[0].Reason, Does.Contain("no letter or digit: '---'"));
    }

    [Test]
    public void Rows_handed_on_as_they_are_read_come_in_file_order_and_are_not_kept()
    {
        var lines = Enumerable.Range(0, 40_000).Select(i => i == 20_000 ? $"{i},---,FR" : $"{i},Cluster {i},FR");
        File.WriteAllText(_path, "id,name,country\n" + string.Join("\n", lines) + "\n");
        var handed = new List<string>();
        var calls = 0;

        var rows = ResolveInput.Read(_path, requireTruth: false, keepInputs: false, take: chunk =>
        {
            calls++;
            handed.AddRange(chunk.Select(p => p.Key.SourceId));
        });

        Assert.That(calls, Is.GreaterThan(1), "more than one chunk");
        Assert.That(handed, Is.EqualTo(Enumerable.Range(0, 40_000).Where(i => i != 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(rows.Prepared, Is.Empty);
        Assert.That(rows.InputRows, Has.Length.EqualTo(39_999));
        Assert.That(rows.Quarantined.Single().Id, Is.EqualTo("20000"));
    }

    [Test]
    public void A_country_that_names_no_country_is_left_unknown_as_ad_hoc_input_may()
    {
        File.WriteAllText(_path, "id,name,country\n1,Aerospace Valley,Atlantis\n");

        var rows = ResolveInput.Read(_path, requireTruth: false);

        Assert.That(rows.Quarantined, Is.Empty);
        Assert.That(rows.Inputs.Single().Country, Is.Null);
    }

    [Test]
    public void A_row_hands_the_engine_its_name_analysis_and_skips_the_content_hash()
    {
        File.WriteAllText(_path, "id,name,country\n1,Aerospace Valley e.V.,DE\n");

        var input = ResolveInput.Read(_path, requireTruth: false).Inputs.Single();

        Assert.That(input.NameAnalysis?.MatchingKey, Is.EqualTo("aerospace valley"));
    }
}
