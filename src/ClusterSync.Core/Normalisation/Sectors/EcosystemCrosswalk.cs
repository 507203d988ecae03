using System.Globalization;

namespace ClusterSync.Core.Normalisation.Sectors;

/// <summary>
/// The 14 EU industrial ecosystems, the variant spellings sources use for them, and our own table of
/// the U.S. benchmark clusters each one most likely covers (<c>ecosystem_to_us_cluster.csv</c>).
/// Thread-safe.
/// </summary>
public sealed class EcosystemCrosswalk
{
    private static readonly Lazy<EcosystemCrosswalk> Instance = new(Load);

    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _namesAsWritten;
    private readonly Dictionary<string, ClusterCandidate[]> _candidates;

    private EcosystemCrosswalk(
        IReadOnlyList<string> ecosystems,
        Dictionary<string, string> names,
        Dictionary<string, string> namesAsWritten,
        Dictionary<string, ClusterCandidate[]> candidates)
    {
        Ecosystems = ecosystems;
        _names = names;
        _candidates = candidates;
        _namesAsWritten = namesAsWritten.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The embedded ecosystem tables.</summary>
    public static EcosystemCrosswalk Default => Instance.Value;

    /// <summary>The 14 ecosystem names, spelled as the platform spells them.</summary>
    public IReadOnlyList<string> Ecosystems { get; }

    /// <summary>The canonical name of the ecosystem <paramref name="name"/> means (any case or listed variant), or null.</summary>
    public string? Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return _namesAsWritten.TryGetValue(name.AsSpan().Trim(), out var ecosystem) ? ecosystem : _names.GetValueOrDefault(LookupKey.Of(name));
    }

    /// <summary>The weighted cluster candidates of a canonical ecosystem name, best first.</summary>
    public IReadOnlyList<ClusterCandidate> CandidatesOf(string ecosystem) =>
        _candidates.TryGetValue(ecosystem, out var candidates) ? candidates : [];

    private static EcosystemCrosswalk Load()
    {
        var list = CsvTable.Load("sectors/industrial_ecosystems_14.csv");
        var ecosystems = list.Rows.Select(r => r[list.Column("ecosystem_name")]).ToList();
        var names = ecosystems.ToDictionary(LookupKey.Of, e => e, StringComparer.Ordinal);
        var namesAsWritten = ecosystems.ToDictionary(e => e, e => e, StringComparer.OrdinalIgnoreCase);

        var aliases = CsvTable.Load("sectors/ecosystem_aliases.csv");
        int alias = aliases.Column("alias"), target = aliases.Column("ecosystem");
        foreach (var row in aliases.Rows)
        {
            names[LookupKey.Of(row[alias])] = namesAsWritten[row[alias]] = Canonical(ecosystems, row[target]);
        }

        var table = CsvTable.Load("sectors/ecosystem_to_us_cluster.csv");
        int ecosystem = table.Column("ecosystem"), cluster = table.Column("cluster_code"), weight = table.Column("weight");
        var candidates = table.Rows
            .GroupBy(r => Canonical(ecosystems, r[ecosystem]), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(r => new ClusterCandidate(r[cluster], double.Parse(r[weight], CultureInfo.InvariantCulture)))
                    .OrderByDescending(c => c.Weight)
                    .ThenBy(c => c.ClusterCode, StringComparer.Ordinal)
                    .ToArray(),
                StringComparer.Ordinal);
        return new EcosystemCrosswalk(ecosystems, names, namesAsWritten, candidates);
    }

    private static string Canonical(List<string> ecosystems, string name) =>
        ecosystems.Find(e => e == name)
        ?? throw new FormatException($"The ecosystem tables name an unknown ecosystem '{name}'.");
}
