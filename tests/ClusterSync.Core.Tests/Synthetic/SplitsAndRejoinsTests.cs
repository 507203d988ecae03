using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

/// <summary>
/// A part that split off an organisation is another organisation; a record of a part that has re-joined is
/// the same one. Both carry the organisation's name plus a city: what tells them apart is the place.
/// </summary>
public class SplitsAndRejoinsTests
{
    private static readonly SyntheticOptions Options = new() { Count = 10_000, Seed = 42, SplitRate = 0.05, RejoinRate = 0.5 };

    private static readonly Lazy<IReadOnlyList<SyntheticRecord>> Sample = new(() => [.. SyntheticDirectory.Generate(Options)]);

    private static Dictionary<string, SyntheticRecord> Originals => Sample.Value.Where(r => r.CopyIndex == 0).ToDictionary(r => r.TrueCluster);

    [Test]
    public void Same_seed_gives_the_same_splits_and_rejoins()
    {
        var options = Options with { Count = 3_000 };

        var first = SyntheticDirectory.Generate(options).ToList();
        var second = SyntheticDirectory.Generate(options).ToList();

        Assert.That(first.Count(r => r.Traits.HasFlag(EntityTraits.SplitOff)), Is.GreaterThan(50));
        Assert.That(first.Count(r => r.Noise.HasFlag(NoiseKinds.Rejoined)), Is.GreaterThan(5));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Split_offs_are_about_the_requested_share_of_organisations()
    {
        var organisations = Originals.Values.ToList();

        var splits = organisations.Count(r => r.Traits.HasFlag(EntityTraits.SplitOff));

        Assert.That(splits / (double)organisations.Count, Is.EqualTo(Options.SplitRate).Within(0.01));
    }

    [Test]
    public void A_split_off_is_another_organisation_in_another_city_named_like_its_parent_plus_that_city()
    {
        var originals = Originals;
        var splits = originals.Values.Where(r => r.Traits.HasFlag(EntityTraits.SplitOff))
            .Select(r => (Part: r, Parent: originals[r.HardNegativeOf!]))
            .ToList();

        Assert.That(splits.Where(s => s.Part.TrueCluster == s.Parent.TrueCluster), Is.Empty, "own true cluster");
        Assert.That(splits.Where(s => s.Part.Country != s.Parent.Country), Is.Empty, "same country");
        Assert.That(splits.Where(s => s.Part.City == s.Parent.City), Is.Empty, "another city");
        Assert.That(splits.Where(s => s.Part.Street == s.Parent.Street && s.Part.PostalCode == s.Parent.PostalCode), Is.Empty, "own address");
        Assert.That(splits.Where(s => !s.Part.Name!.Contains(s.Part.City!, StringComparison.Ordinal)
            || s.Parent.Name!.Contains(s.Part.City!, StringComparison.Ordinal)), Is.Empty, "its city added to the name");
        Assert.That(splits.Where(s => !Words(s.Parent.Name!).IsSubsetOf(Words(s.Part.Name!))), Is.Empty, "the parent's name kept");
    }

    [Test]
    public void A_split_off_keeps_its_parent_web_and_email_domain_but_not_its_phone()
    {
        var originals = Originals;
        var splits = originals.Values.Where(r => r.Traits.HasFlag(EntityTraits.SplitOff))
            .Select(r => (Part: r, Parent: originals[r.HardNegativeOf!]))
            .ToList();
        var withSites = splits.Where(s => s.Part.Website is not null && s.Parent.Website is not null).ToList();
        var withMail = splits.Where(s => s.Part.Email is not null && s.Parent.Email is not null).ToList();

        Assert.That(withSites, Has.Count.GreaterThan(splits.Count / 2));
        Assert.That(withSites.Where(s => Site(s.Part.Website!) != Site(s.Parent.Website!)), Is.Empty);
        Assert.That(withMail.Where(s => Domain(s.Part.Email!) != Domain(s.Parent.Email!)), Is.Empty);
        Assert.That(splits.Where(s => s.Part.Phone is not null && s.Part.Phone == s.Parent.Phone), Is.Empty);
    }

    [Test]
    public void Without_other_noise_a_rejoined_record_is_the_first_record_with_its_city_added_to_the_name()
    {
        var records = SyntheticDirectory.Generate(Options with { Count = 5_000, Noise = NoiseRates.None }).ToList();
        var originals = records.Where(r => r.CopyIndex == 0).ToDictionary(r => r.TrueCluster);

        var rejoined = records.Where(r => r.Noise == NoiseKinds.Rejoined).ToList();

        Assert.That(rejoined, Has.Count.GreaterThan(10));
        Assert.That(rejoined.Where(r => r with { Id = "", CopyIndex = 0, Noise = NoiseKinds.None, Name = null }
            != originals[r.TrueCluster] with { Id = "", Name = null }), Is.Empty, "everything but the name as the first record");
        Assert.That(rejoined.Where(r => !r.Name!.Contains(r.City!, StringComparison.Ordinal)
            || originals[r.TrueCluster].Name!.Contains(r.City!, StringComparison.Ordinal)), Is.Empty, "its own city added to the name");
        Assert.That(rejoined.Where(r => !Words(originals[r.TrueCluster].Name!).IsSubsetOf(Words(r.Name!))), Is.Empty, "the name kept");
    }

    [Test]
    public void A_rejoined_record_keeps_its_organisation_city_address_and_domain_under_the_usual_noise()
    {
        var originals = Originals;

        var rejoined = Sample.Value.Where(r => r.Noise.HasFlag(NoiseKinds.Rejoined)).Select(r => (Record: r, First: originals[r.TrueCluster])).ToList();

        Assert.That(rejoined, Has.Count.GreaterThan(30));
        Assert.That(rejoined.Where(p => p.Record.City is null || p.Record.PostalCode != p.First.PostalCode), Is.Empty, "city and postal code kept");
        Assert.That(rejoined.Where(p => p.Record.Email is not null && p.First.Email is not null && Domain(p.Record.Email) != Domain(p.First.Email)), Is.Empty);
        Assert.That(rejoined.Count(p => p.Record.Noise != NoiseKinds.Rejoined), Is.GreaterThan(rejoined.Count / 2), "other noise too");
    }

    [Test]
    public void Rejoins_change_no_other_record()
    {
        var without = SyntheticDirectory.Generate(Options with { RejoinRate = 0 }).ToList();

        var changed = Sample.Value.Zip(without).Where(p => p.First != p.Second).Select(p => p.First).ToList();

        Assert.That(changed, Is.Not.Empty.And.All.Matches<SyntheticRecord>(r => r.Noise.HasFlag(NoiseKinds.Rejoined)));
    }

    [Test]
    public void Splits_change_no_record_but_split_offs_near_namesakes_and_their_neighbours_in_a_building()
    {
        var without = SyntheticDirectory.Generate(Options with { SplitRate = 0 }).ToList();

        var changed = Sample.Value.Zip(without).Where(p => p.First != p.Second).Select(p => p.First).ToList();

        Assert.That(changed, Is.Not.Empty.And.All.Matches<SyntheticRecord>(r =>
            (r.Traits & (EntityTraits.SplitOff | EntityTraits.HardNegative | EntityTraits.SharedBuilding)) != 0));
    }

    [TestCase(-0.1, 0)]
    [TestCase(0, 1.5)]
    public void Rejects_split_and_rejoin_rates_that_are_not_probabilities(double split, double rejoin)
    {
        var options = new SyntheticOptions { SplitRate = split, RejoinRate = rejoin };

        Assert.That(() => SyntheticDirectory.Generate(options),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo(split < 0 ? "SplitRate" : "RejoinRate"));
    }

    private static HashSet<string> Words(string name) =>
        [.. name.Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A website without scheme, <c>www.</c>, trailing slash and case: the spellings of one site compare equal.</summary>
    private static string Site(string website) =>
        website.ToLowerInvariant().Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal)
            .Replace("www.", "", StringComparison.Ordinal).TrimEnd('/');

    private static string Domain(string email) => email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
