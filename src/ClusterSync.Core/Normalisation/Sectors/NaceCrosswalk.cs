using System.Globalization;

namespace ClusterSync.Core.Normalisation.Sectors;

/// <summary>
/// NACE Rev. 2 codes and the U.S. benchmark clusters they correspond to, derived through
/// ISIC Rev. 4 and NAICS. A class's weights are its share of NAICS links per cluster; a group's or a
/// division's are the average over its classes. Thread-safe.
/// </summary>
public sealed class NaceCrosswalk
{
    /// <summary>Derived weights stay below a given code's weight of 1, even for a class wholly inside one cluster.</summary>
    public const double MaximumWeight = 0.99;

    private static readonly Lazy<NaceCrosswalk> Instance = new(Load);

    private readonly Dictionary<string, ClusterCandidate[]> _candidates;

    private NaceCrosswalk(Dictionary<string, ClusterCandidate[]> candidates) => _candidates = candidates;

    /// <summary>The embedded crosswalk.</summary>
    public static NaceCrosswalk Default => Instance.Value;

    /// <summary>Every canonical code the crosswalk knows (divisions, groups and classes).</summary>
    public IReadOnlyCollection<string> Codes => _candidates.Keys;

    /// <summary>
    /// The canonical form of a NACE Rev. 2 class (<c>62.01</c>), group (<c>62.0</c>) or division
    /// (<c>62</c>), accepting forms like <c>6201</c> and <c>J62.01</c>; null when the code is
    /// malformed or not in the crosswalk.
    /// </summary>
    public string? Normalise(string? code)
    {
        var canonical = Canonicalise(code.AsSpan().Trim());
        return canonical is not null && _candidates.ContainsKey(canonical) ? canonical : null;
    }

    /// <summary>The weighted cluster candidates of a canonical code, best first; empty when none.</summary>
    public IReadOnlyList<ClusterCandidate> CandidatesOf(string canonicalCode) =>
        _candidates.TryGetValue(canonicalCode, out var candidates) ? candidates : [];

    private static string? Canonicalise(ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty && char.IsAsciiLetter(text[0]))
        {
            text = text[1..].TrimStart();
        }

        string division;
        ReadOnlySpan<char> rest;
        var dot = text.IndexOf('.');
        if (dot >= 0)
        {
            if (dot is < 1 or > 2 || !IsDigits(text[..dot]))
            {
                return null;
            }

            division = dot == 1 ? "0" + text[0] : text[..2].ToString();
            rest = text[(dot + 1)..];
        }
        else
        {
            if (text.Length < 2 || !IsDigits(text[..2]))
            {
                return null;
            }

            division = text[..2].ToString();
            rest = text[2..];
        }

        if (rest.Length > 2 || !IsDigits(rest))
        {
            return null;
        }

        return rest.IsEmpty ? division : string.Concat(division, ".", rest);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static NaceCrosswalk Load()
    {
        var table = CsvTable.Load("sectors/nace2_to_us_benchmark_cluster.derived.csv");
        int nace = table.Column("nace2_class"), cluster = table.Column("cluster_code"), share = table.Column("share_of_links");
        var classes = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!classes.TryGetValue(row[nace], out var weights))
            {
                classes[row[nace]] = weights = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            // A link outside the benchmark definitions keeps its class known but adds no candidate.
            if (row[cluster].Length > 0)
            {
                weights[string.Intern(row[cluster])] = double.Parse(row[share], CultureInfo.InvariantCulture);
            }
        }

        var candidates = new Dictionary<string, ClusterCandidate[]>(StringComparer.Ordinal);
        foreach (var prefix in classes.Keys.SelectMany(c => new[] { c, c[..4], c[..2] }).Distinct())
        {
            var members = classes.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Value).ToList();
            candidates[prefix] = Average(members);
        }

        return new NaceCrosswalk(candidates);
    }

    private static ClusterCandidate[] Average(List<Dictionary<string, double>> classes)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var weights in classes)
        {
            foreach (var (cluster, weight) in weights)
            {
                sums[cluster] = sums.GetValueOrDefault(cluster) + weight;
            }
        }

        return [.. sums
            .Select(s => new ClusterCandidate(s.Key, Math.Min(MaximumWeight, Math.Round(s.Value / classes.Count, 4))))
            .OrderByDescending(c => c.Weight)
            .ThenBy(c => c.ClusterCode, StringComparer.Ordinal)];
    }
}
