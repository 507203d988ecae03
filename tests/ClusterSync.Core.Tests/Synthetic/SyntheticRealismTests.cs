using System.Text.RegularExpressions;
using ClusterSync.Core.Records;
using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

/// <summary>What makes the data hard in the way real directories are: near-identical names, shared hosts, shared buildings.</summary>
public partial class SyntheticRealismTests
{
    [Test]
    public void Hard_negatives_are_present_at_ten_thousand()
    {
        var hardNegatives = SyntheticSample.Originals.Count(r => r.Traits.HasFlag(EntityTraits.HardNegative));

        // 8 % of about 8,000 entities.
        Assert.That(hardNegatives, Is.InRange(450, 850));
    }

    [Test]
    public void A_hard_negative_is_named_almost_like_another_entity()
    {
        var originals = SyntheticSample.Originals.ToDictionary(r => r.TrueCluster);
        var anchored = SyntheticSample.Originals
            .Where(r => r.HardNegativeOf is not null && originals.ContainsKey(r.HardNegativeOf))
            .Select(r => (Name: Words(r.Name!), Anchor: Words(originals[r.HardNegativeOf!].Name!)))
            .ToList();

        var nearIdentical = anchored.Count(p => p.Name.Intersect(p.Anchor).Count() * 2 >= Math.Max(p.Name.Count, p.Anchor.Count));

        Assert.That(anchored, Has.Count.GreaterThan(300));
        Assert.That(nearIdentical / (double)anchored.Count, Is.GreaterThan(0.6));
    }

    [Test]
    public void A_hard_negative_is_another_cluster_with_another_name()
    {
        var originals = SyntheticSample.Originals.ToDictionary(r => r.TrueCluster);

        var sameAsAnchor = SyntheticSample.Originals.Count(r =>
            r.HardNegativeOf is { } anchor && originals.TryGetValue(anchor, out var other)
            && (anchor == r.TrueCluster || NameAndCity(other) == NameAndCity(r)));

        Assert.That(sameAsAnchor, Is.LessThan(5));
    }

    [Test]
    public void Agency_domains_are_shared_by_unrelated_entities_at_ten_thousand()
    {
        var sharedHosts = SyntheticSample.Originals
            .Where(r => r.Traits.HasFlag(EntityTraits.AgencyHosted) && r.Website is not null)
            .GroupBy(r => Host(r.Website!))
            .Count(g => g.Select(r => r.TrueCluster).Distinct().Count() >= 2);

        Assert.That(sharedHosts, Is.GreaterThanOrEqualTo(20));
    }

    [Test]
    public void Shared_buildings_house_unrelated_entities_at_ten_thousand()
    {
        var sharedAddresses = SyntheticSample.Originals
            .Where(r => r.Street is not null && r.City is not null)
            .GroupBy(r => (r.Country, r.City, r.Street))
            .Count(g => g.Select(r => r.TrueCluster).Distinct().Count() >= 2);

        Assert.That(sharedAddresses, Is.GreaterThanOrEqualTo(30));
    }

    [Test]
    public void Distinct_entities_rarely_share_an_exact_name_at_ten_thousand()
    {
        var originals = SyntheticSample.Originals;

        var sharing = originals.GroupBy(r => r.Name).Where(g => g.Count() > 1).Sum(g => g.Count());

        Assert.That(sharing / (double)originals.Count, Is.LessThan(0.01));
    }

    [Test]
    public void Names_are_written_in_at_least_six_languages_including_Cyrillic_and_Greek_script()
    {
        var names = SyntheticSample.Records.Select(r => r.Name ?? "").ToList();

        var languages = LanguageMarkers.Where(marker => names.Any(marker.Value.IsMatch)).Select(m => m.Key).ToList();

        Assert.That(languages, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(names.Any(n => n.Any(c => c is >= '\u0400' and <= '\u04FF')), Is.True, "Cyrillic");
        Assert.That(names.Any(n => n.Any(c => c is >= '\u0370' and <= '\u03FF')), Is.True, "Greek");
    }

    [Test]
    public void Registry_names_appear_and_each_at_most_once_per_entity_set()
    {
        var registryEntities = SyntheticSample.Originals.Where(r => r.Traits.HasFlag(EntityTraits.RegistryName)).ToList();

        Assert.That(registryEntities, Has.Count.GreaterThan(100));
        Assert.That(registryEntities.Select(r => r.Name).Distinct().Count(), Is.EqualTo(registryEntities.Count));
        Assert.That(registryEntities.All(r => r.Country == "US"), Is.True);
    }

    [Test]
    public void Fields_have_the_shapes_the_resolve_format_expects()
    {
        var records = SyntheticSample.Records;

        Assert.That(records.All(r => r.Country is { Length: 2 } c && c.All(char.IsAsciiLetterUpper)), Is.True, "country");
        Assert.That(records.Where(r => r.Sectors is not null).SelectMany(r => r.Sectors!.Split(';'))
            .All(s => SectorSchemes.All.Contains(s[..s.IndexOf(':', StringComparison.Ordinal)])), Is.True, "sectors");
        Assert.That(records.Where(r => r.Latitude is not null).All(r => Math.Abs(r.Latitude!.Value) <= 90 && Math.Abs(r.Longitude!.Value) <= 180), Is.True, "coordinates");
        Assert.That(records.Where(r => r.Founded is not null).All(r => r.Founded is >= 1899 and <= 2023), Is.True, "founded");
        Assert.That(records.Where(r => r.Email is not null).All(r => r.Email!.Count(c => c == '@') == 1), Is.True, "email");
    }

    [Test]
    public void Sectors_use_all_four_schemes()
    {
        var schemes = SyntheticSample.Records.Where(r => r.Sectors is not null)
            .SelectMany(r => r.Sectors!.Split(';'))
            .Select(s => s[..s.IndexOf(':', StringComparison.Ordinal)])
            .Distinct();

        Assert.That(schemes, Is.EquivalentTo(SectorSchemes.All));
    }

    [Test]
    public void Noise_kinds_are_each_applied_somewhere_at_ten_thousand()
    {
        var applied = SyntheticSample.Records.Aggregate(NoiseKinds.None, (all, r) => all | r.Noise);

        // Re-joined parts are off by default.
        var missing = Enum.GetValues<NoiseKinds>().Where(k => k is not (NoiseKinds.None or NoiseKinds.Rejoined) && !applied.HasFlag(k));

        Assert.That(missing, Is.Empty);
    }

    private static readonly Dictionary<string, Regex> LanguageMarkers = new()
    {
        ["en"] = EnglishMarker(),
        ["de"] = GermanMarker(),
        ["fr"] = FrenchMarker(),
        ["es"] = SpanishMarker(),
        ["it"] = ItalianMarker(),
        ["pl"] = PolishMarker(),
        ["cs"] = CzechMarker(),
        ["nl"] = DutchMarker(),
        ["sr-Latn"] = SerbianLatinMarker(),
        ["sr-Cyrl"] = SerbianCyrillicMarker(),
        ["el"] = GreekMarker(),
    };

    [GeneratedRegex(@"\b(Alliance|Council|Partnership|Coalition)\b")]
    private static partial Regex EnglishMarker();

    [GeneratedRegex(@"(Netzwerk|Kompetenzzentrum|Verband|Arbeitsgemeinschaft)\b")]
    private static partial Regex GermanMarker();

    [GeneratedRegex(@"\b(Pôle|Réseau|Grappe|Filière)\b")]
    private static partial Regex FrenchMarker();

    [GeneratedRegex(@"\b(Clúster|Agrupación|Asociación)\b")]
    private static partial Regex SpanishMarker();

    [GeneratedRegex(@"\b(Distretto|Consorzio|Associazione)\b")]
    private static partial Regex ItalianMarker();

    [GeneratedRegex(@"\b(Stowarzyszenie|Sieć|Fundacja|Związek)\b")]
    private static partial Regex PolishMarker();

    [GeneratedRegex(@"\b(Klastr|Sdružení|Asociace)\b")]
    private static partial Regex CzechMarker();

    [GeneratedRegex(@"\b(Stichting|Vereniging|Netwerk|Kenniscentrum)\b")]
    private static partial Regex DutchMarker();

    [GeneratedRegex(@"\b(Udruženje|Mreža|Savez)\b")]
    private static partial Regex SerbianLatinMarker();

    [GeneratedRegex(@"(Кластер|Удружење|Мрежа)")]
    private static partial Regex SerbianCyrillicMarker();

    [GeneratedRegex(@"(Σύμπλεγμα|Σύνδεσμος|Ένωση|Δίκτυο)")]
    private static partial Regex GreekMarker();

    private static HashSet<string> Words(string name) =>
        [.. name.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)];

    private static string Host(string website) =>
        website.ToLowerInvariant().Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal)
            .Replace("www.", "", StringComparison.Ordinal).Split('/')[0];

    private static string NameAndCity(SyntheticRecord record) => (record.Name ?? "") + "|" + record.City;
}
