namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>Lists of free-text values (partnerships, alternate names).</summary>
public static class TextList
{
    /// <summary>
    /// Each value cleaned (<see cref="FieldText.Clean"/>), blanks dropped, duplicates (ignoring case)
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
            var cleaned = FieldText.Clean(value);
            if (cleaned is not null && !ContainsIgnoringCase(result, cleaned))
            {
                result.Add(cleaned);
            }
        }

        return result;
    }

    private static bool ContainsIgnoringCase(List<string> values, string value)
    {
        foreach (var existing in values)
        {
            if (string.Equals(existing, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
