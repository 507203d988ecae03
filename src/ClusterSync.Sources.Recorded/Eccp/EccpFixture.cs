using System.Globalization;
using System.Text.Json;

namespace ClusterSync.Sources.Recorded.Eccp;

/// <summary>A fixture resource with the node id and change time the listing filters and sorts on.</summary>
internal sealed record EccpFixtureNode(long Nid, long Changed, JsonElement Resource);

/// <summary>The embedded MODELLED ECCP fixture: nodes, taxonomy terms and ground truth, read once.</summary>
internal sealed class EccpFixture
{
    private readonly Dictionary<(string Type, string Id), JsonElement> _terms;

    private EccpFixture(IReadOnlyList<EccpFixtureNode> nodes, Dictionary<(string, string), JsonElement> terms, IReadOnlyList<EccpGroundTruth> groundTruth)
    {
        Nodes = nodes;
        _terms = terms;
        GroundTruth = groundTruth;
    }

    public IReadOnlyList<EccpFixtureNode> Nodes { get; }

    public IReadOnlyList<EccpGroundTruth> GroundTruth { get; }

    public static EccpFixture Load()
    {
        using var document = JsonDocument.Parse(RecordedResources.ReadBytes("Eccp.eccp_cluster_organisations.json"));
        var root = document.RootElement.Clone();
        var nodes = new List<EccpFixtureNode>();
        foreach (var node in root.GetProperty("nodes").EnumerateArray())
        {
            nodes.Add(new EccpFixtureNode(node.GetProperty("nid").GetInt64(), node.GetProperty("changed").GetInt64(), node.GetProperty("resource")));
        }

        var terms = new Dictionary<(string, string), JsonElement>();
        foreach (var term in root.GetProperty("terms").EnumerateArray())
        {
            terms[(term.GetProperty("type").GetString()!, term.GetProperty("id").GetString()!)] = term;
        }

        return new EccpFixture(nodes, terms, ReadGroundTruth(RecordedResources.ReadText("Eccp.eccp_ground_truth.csv")));
    }

    /// <summary>The terms a page's resources refer to through the included relationships, each once, in order of reference.</summary>
    public List<JsonElement> IncludedTerms(IEnumerable<EccpFixtureNode> page, IReadOnlyList<string> relationships)
    {
        var seen = new HashSet<(string, string)>();
        var included = new List<JsonElement>();
        foreach (var node in page)
        {
            if (!node.Resource.TryGetProperty("relationships", out var all) || all.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var name in relationships)
            {
                if (!all.TryGetProperty(name, out var relationship) || !relationship.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var identifier in data.EnumerateArray())
                {
                    var key = (identifier.GetProperty("type").GetString()!, identifier.GetProperty("id").GetString()!);
                    if (_terms.TryGetValue(key, out var term) && seen.Add(key))
                    {
                        included.Add(term);
                    }
                }
            }
        }

        return included;
    }

    private static List<EccpGroundTruth> ReadGroundTruth(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var truth = new List<EccpGroundTruth>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            truth.Add(new EccpGroundTruth(
                long.Parse(f[0], CultureInfo.InvariantCulture),
                f[1],
                f[2],
                f[3],
                f[4].Length == 0 ? [] : f[4].Split(';'),
                f[5]));
        }

        return truth;
    }
}
