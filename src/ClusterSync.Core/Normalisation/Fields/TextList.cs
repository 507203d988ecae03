using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>Lists of free-text values (partnerships, alternate names).</summary>
public static class TextList
{
    /// <summary>
    /// Each value cleaned (<see cref="NameAnalyser.Clean"/>), blanks dropped, duplicates (ignoring case)
    /// dropped keeping the first spelling, in the given order.
    /// </summary>
    public static IReadOnlyList<string> Clean(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return [];
        }

        var result = new List<string>(values.Count);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            var cleaned = NameAnalyser.Clean(value);
            if (cleaned.Length > 0 && !result.Exists(r => string.Equals(r, cleaned, StringComparison.OrdinalIgnoreCase)))
            {
                result.Add(cleaned);
            }
        }

        return result;
    }
}
