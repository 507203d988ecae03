namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>
/// Quality labels: the ESCA Cluster Management Excellence labels, however written ("gold",
/// "ESCA Gold label", "Cluster Management Excellence Label GOLD"), become exactly
/// <c>ESCA Bronze</c>, <c>ESCA Silver</c> or <c>ESCA Gold</c>; other labels are dropped.
/// </summary>
public static class QualityLabels
{
    public const string Bronze = "ESCA Bronze";
    public const string Silver = "ESCA Silver";
    public const string Gold = "ESCA Gold";

    // Words that may surround the level in the label's many spellings.
    private static readonly HashSet<string> Context = new(StringComparer.Ordinal)
    {
        "esca", "label", "labelled", "cluster", "management", "excellence", "european", "secretariat",
        "for", "analysis", "of", "the", "level",
    };

    /// <summary>The ESCA labels among <paramref name="labels"/>, without duplicates, in ordinal order.</summary>
    public static IReadOnlyList<string> Normalise(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            return [];
        }

        var result = new List<string>(labels.Count);
        foreach (var label in labels)
        {
            if (Parse(label) is { } known && !result.Contains(known))
            {
                result.Add(known);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>The ESCA label <paramref name="label"/> means, or null.</summary>
    public static string? Parse(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        string? level = null;
        foreach (var word in LookupKey.Of(label).Split(' '))
        {
            var found = word switch
            {
                "bronze" => Bronze,
                "silver" => Silver,
                "gold" => Gold,
                _ => null,
            };
            if (found is not null)
            {
                if (level is not null)
                {
                    return null;
                }

                level = found;
            }
            else if (!Context.Contains(word))
            {
                return null;
            }
        }

        return level;
    }
}
