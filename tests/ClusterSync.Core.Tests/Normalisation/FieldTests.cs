using ClusterSync.Core.Normalisation.Fields;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Normalisation;

public sealed class FieldTests
{
    [TestCase("1998", 1998)]
    [TestCase(" 1998-01-01 ", 1998)]
    [TestCase("est. 1998", 1998)]
    [TestCase("01/02/2004", 2004)]
    [TestCase("1800", 1800)]
    [TestCase("2025", 2025)]
    public void FoundingYear_reads_the_year_from_common_forms(string text, int expected)
    {
        var year = FoundingYear.Parse(text, currentYear: 2025);

        Assert.That(year, Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("unknown")]
    [TestCase("1799")]
    [TestCase("2026")]
    [TestCase("98")]
    [TestCase("19980")]
    public void FoundingYear_gives_null_outside_1800_to_the_current_year(string? text)
    {
        var year = FoundingYear.Parse(text, currentYear: 2025);

        Assert.That(year, Is.Null);
    }

    [TestCase("48.137154", "11.576124", 48.137154, 11.576124)]
    [TestCase("-33.8688", "151.2093", -33.8688, 151.2093)]
    [TestCase(" 90 ", "-180", 90.0, -180.0)]
    [TestCase("0", "10.5", 0.0, 10.5)]
    public void Coordinates_are_read_in_the_invariant_culture(string latitude, string longitude, double expectedLatitude, double expectedLongitude)
    {
        var point = GeoPointParser.Parse(latitude, longitude);

        Assert.That(point, Is.EqualTo(new GeoPoint(expectedLatitude, expectedLongitude)));
    }

    [TestCase("0", "0")]
    [TestCase("0.0", "-0.0")]
    [TestCase("90.1", "10")]
    [TestCase("10", "180.5")]
    [TestCase("48,137", "11,576")]
    [TestCase("NaN", "10")]
    [TestCase("", "10")]
    [TestCase(null, null)]
    public void Coordinates_give_null_when_invalid_or_zero_zero(string? latitude, string? longitude)
    {
        var point = GeoPointParser.Parse(latitude, longitude);

        Assert.That(point, Is.Null);
    }

    [TestCase("gold", QualityLabels.Gold)]
    [TestCase("ESCA Gold label", QualityLabels.Gold)]
    [TestCase("Cluster Management Excellence Label GOLD", QualityLabels.Gold)]
    [TestCase("Silver", QualityLabels.Silver)]
    [TestCase("ESCA Silver Label", QualityLabels.Silver)]
    [TestCase("bronze label", QualityLabels.Bronze)]
    [TestCase("Bronze Label of the European Secretariat for Cluster Analysis", QualityLabels.Bronze)]
    public void Labels_map_esca_levels_to_their_exact_names(string label, string expected)
    {
        var known = QualityLabels.Parse(label);

        Assert.That(known, Is.EqualTo(expected));
    }

    [TestCase("ISO 9001")]
    [TestCase("Gold Standard")]
    [TestCase("Gold and Silver")]
    [TestCase("")]
    public void Labels_drop_what_is_no_esca_label(string label)
    {
        var known = QualityLabels.Parse(label);

        Assert.That(known, Is.Null);
    }

    [Test]
    public void Labels_are_deduplicated_and_ordered()
    {
        var labels = QualityLabels.Normalise(["Silver", "ESCA Gold label", "gold", "ISO 9001", "silver label"]);

        Assert.That(labels, Is.EqualTo(new[] { QualityLabels.Gold, QualityLabels.Silver }));
    }

    [Test]
    public void TextList_trims_and_drops_blanks_and_duplicates()
    {
        var partnerships = TextList.Clean(["  ESCP-4i  Alpha ", "", "Euroclusters", "escp-4i alpha", "   "]);

        Assert.That(partnerships, Is.EqualTo(new[] { "ESCP-4i Alpha", "Euroclusters" }));
    }

    [Test]
    public void MemberCounts_drop_negative_counts()
    {
        var counts = MemberCountsNormaliser.Normalise(new MemberCounts(120, -1, 10, null, 0));

        Assert.That(counts, Is.EqualTo(new MemberCounts(120, null, 10, null, 0)));
    }

    [Test]
    public void MemberCounts_become_null_when_no_count_is_left()
    {
        var counts = MemberCountsNormaliser.Normalise(new MemberCounts(-5, null, -1, null, null));

        Assert.That(counts, Is.Null);
    }
}
