using System.Globalization;

namespace ClusterSync.Core.Normalisation.Sectors;

/// <summary>
/// The 67 U.S. benchmark clusters of the Cluster Mapping Project and the NAICS 2012 industries each
/// one owns. Thread-safe.
/// </summary>
public sealed class UsBenchmarkClusters
{
    private static readonly Lazy<UsBenchmarkClusters> Instance = new(Load);

    private readonly Dictionary<string, string> _names;
    private readonly Dictionary<string, (string Cluster, string Label)> _naics;

    private UsBenchmarkClusters(Dictionary<string, string> names, Dictionary<string, (string, string)> naics)
    {
        _names = names;
        _naics = naics;
    }

    /// <summary>The embedded benchmark definition.</summary>
    public static UsBenchmarkClusters Default => Instance.Value;

    /// <summary>Every cluster code (<c>1</c>–<c>51</c> traded, <c>101</c>–<c>116</c> local).</summary>
    public IReadOnlyCollection<string> Codes => _names.Keys;

    /// <summary>
    /// The canonical form of a benchmark cluster code (no leading zeros), or null when
    /// <paramref name="code"/> is not one of the 67.
    /// </summary>
    public string? Normalise(string? code)
    {
        var text = code.AsSpan().Trim();
        if (text.IsEmpty || text.Length > 6 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var canonical = number.ToString(CultureInfo.InvariantCulture);
        return _names.ContainsKey(canonical) ? canonical : null;
    }

    /// <summary>The name of a canonical cluster code, e.g. <c>Aerospace Vehicles and Defense</c>.</summary>
    public string NameOf(string code) => _names[code];

    /// <summary>The cluster that owns a six-digit NAICS 2012 code, with the code's label; null when none does.</summary>
    public (string Cluster, string Label)? OwnerOfNaics(string naics2012) =>
        _naics.TryGetValue(naics2012, out var owner) ? owner : null;

    private static UsBenchmarkClusters Load()
    {
        var clusters = CsvTable.Load("sectors/benchmark_clusters.csv");
        int code = clusters.Column("cluster_code"), name = clusters.Column("name");
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in clusters.Rows)
        {
            names[row[code]] = row[name];
        }

        var industries = CsvTable.Load("sectors/cluster_naics2012.csv");
        int cluster = industries.Column("cluster_code"), naics = industries.Column("naics2012"), label = industries.Column("naics2012_label");
        var owners = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var row in industries.Rows)
        {
            owners[row[naics]] = (string.Intern(row[cluster]), row[label]);
        }

        return new UsBenchmarkClusters(names, owners);
    }
}
