using ClusterSync.Core.Normalisation.Names;
using ClusterSync.Core.Publication;

namespace ClusterSync.Core.Normalisation;

/// <summary>
/// The folded text an organisation is found by, and the folded words of a query: both through the matching
/// key's folding (any script transliterated to Latin, lower-case, no diacritics), so that "Śląski", "slaski",
/// "Ελληνικό" and "Ellhniko"-style spellings meet on the same words.
/// </summary>
public static class SearchText
{
    /// <summary>Words a query may have; more are ignored.</summary>
    public const int MaxQueryWords = 8;

    /// <summary>
    /// Names, alternate names, acronym, the name's initials and the locality, folded, each word once. Cyrillic text
    /// is folded by its country's rules and by the default rules, so a query typed without a country still meets it.
    /// </summary>
    public static string Of(GoldenRecord golden)
    {
        ArgumentNullException.ThrowIfNull(golden);
        var country = golden.Address?.Country;
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? text, string? rulesOf)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var word in NameAnalyser.Fold(text, rulesOf).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (seen.Add(word))
                {
                    words.Add(word);
                }
            }
        }

        foreach (var name in golden.AlternateNames.Prepend(golden.Name))
        {
            Add(name, country);
            Add(name, null);
        }

        Add(golden.Acronym, country);
        Add(NameAnalyser.Default.Analyse(golden.Name, country).Initials, null);
        Add(golden.Address?.Locality, country);
        return string.Join(' ', words);
    }

    /// <summary>The distinct folded words of a query, at most <see cref="MaxQueryWords"/>; empty when nothing searchable remains.</summary>
    public static IReadOnlyList<string> QueryWords(string? query) =>
        string.IsNullOrWhiteSpace(query) ? []
        : [.. NameAnalyser.Fold(query.Length > 200 ? query[..200] : query).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).Take(MaxQueryWords)];
}
