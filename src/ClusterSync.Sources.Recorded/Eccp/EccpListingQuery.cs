using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ClusterSync.Sources.Recorded.Eccp;

/// <summary>The JSON:API query parameters the recorded listing honours, parsed and checked.</summary>
internal sealed partial class EccpListingQuery
{
    private const int MaximumLimit = 50;
    private readonly List<(string Field, string Operator, long Value)> _conditions = [];
    private readonly List<(string Field, bool Descending)> _sort = [];
    private readonly List<KeyValuePair<string, string>> _kept = [];

    public string? Error { get; private set; }

    public int Limit { get; private set; } = MaximumLimit;

    public int Offset { get; private set; }

    public IReadOnlyList<string> Include { get; private set; } = [];

    public static EccpListingQuery Parse(Dictionary<string, StringValues> parameters, IReadOnlyList<string> relationships)
    {
        var query = new EccpListingQuery();
        var groups = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, values) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var value = values.ToString();
            query.Read(key, value, groups, relationships);
        }

        foreach (var (name, condition) in groups)
        {
            query.AddCondition(name, condition);
        }

        if (query._sort.Count == 0)
        {
            query._sort.Add(("drupal_internal__nid", false));
        }

        return query;
    }

    public bool Matches(EccpFixtureNode node) => _conditions.TrueForAll(c =>
    {
        var actual = c.Field == "changed" ? node.Changed : node.Nid;
        return c.Operator switch
        {
            "=" => actual == c.Value,
            "<>" => actual != c.Value,
            ">" => actual > c.Value,
            ">=" => actual >= c.Value,
            "<" => actual < c.Value,
            _ => actual <= c.Value,
        };
    });

    public int Compare(EccpFixtureNode a, EccpFixtureNode b)
    {
        foreach (var (field, descending) in _sort)
        {
            var order = field == "changed" ? a.Changed.CompareTo(b.Changed) : a.Nid.CompareTo(b.Nid);
            if (order != 0)
            {
                return descending ? -order : order;
            }
        }

        return a.Nid.CompareTo(b.Nid);
    }

    /// <summary>The query as Drupal writes it in links: every kept parameter plus the page, keys escaped.</summary>
    public string ToQueryString(int offset)
    {
        var text = new StringBuilder("?");
        foreach (var (key, value) in _kept)
        {
            text.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        text.Append("page%5Blimit%5D=").Append(RecordedEccp.Text(Limit));
        text.Append("&page%5Boffset%5D=").Append(RecordedEccp.Text(offset));
        return text.ToString();
    }

    private void Read(string key, string value, SortedDictionary<string, Dictionary<string, string>> groups, IReadOnlyList<string> relationships)
    {
        if (key == "page[limit]")
        {
            Limit = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
                ? Math.Min(limit, MaximumLimit)
                : Fail("page[limit] must be a positive integer.");
        }
        else if (key == "page[offset]")
        {
            Offset = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : Fail("page[offset] must be a non-negative integer.");
        }
        else if (key == "sort")
        {
            ReadSort(value);
            _kept.Add(new(key, value));
        }
        else if (key == "include")
        {
            Include = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries)];
            foreach (var name in Include.Where(n => !relationships.Contains(n)))
            {
                Fail($"'{name}' is not a valid relationship field name.");
            }

            _kept.Add(new(key, value));
        }
        else if (key.StartsWith("filter[", StringComparison.Ordinal))
        {
            var match = ConditionKey().Match(key);
            if (!match.Success)
            {
                Fail($"The filter '{key}' is not supported by this listing.");
                return;
            }

            if (!groups.TryGetValue(match.Groups[1].Value, out var condition))
            {
                groups[match.Groups[1].Value] = condition = [];
            }

            condition[match.Groups[2].Value] = value;
            _kept.Add(new(key, value));
        }
    }

    private void ReadSort(string value)
    {
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var descending = item.StartsWith('-');
            var field = descending ? item[1..] : item;
            if (field is not ("changed" or "drupal_internal__nid"))
            {
                Fail($"Invalid sort field '{field}'.");
                return;
            }

            _sort.Add((field, descending));
        }
    }

    private void AddCondition(string name, Dictionary<string, string> condition)
    {
        var path = condition.GetValueOrDefault("path");
        var op = condition.GetValueOrDefault("operator") ?? "=";
        if (path is not ("changed" or "drupal_internal__nid"))
        {
            Fail($"Filter '{name}': invalid path '{path}'.");
        }
        else if (op is not ("=" or "<>" or ">" or ">=" or "<" or "<="))
        {
            Fail($"Filter '{name}': invalid operator '{op}'.");
        }
        else if (!long.TryParse(condition.GetValueOrDefault("value"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Fail($"Filter '{name}': the value must be an integer (Unix seconds for 'changed').");
        }
        else
        {
            _conditions.Add((path, op, value));
        }
    }

    private int Fail(string error)
    {
        Error ??= error;
        return 0;
    }

    [GeneratedRegex(@"^filter\[([^\]]+)\]\[condition\]\[(path|operator|value)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionKey();
}
