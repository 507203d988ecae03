using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>
/// Legal forms indexed by their folded word sequence (ISO 20275 ELF list plus our alias table).
/// Forms made only of generic organisation nouns, single letters and Roman numerals are left out.
/// Immutable and thread-safe once built.
/// </summary>
internal sealed class LegalFormCatalog
{
    /// <summary>Countries where a legal form customarily or often stands before the name ("АД …", "UAB …", "AB Volvo").</summary>
    public static readonly IReadOnlySet<string> LeadingFormCountries =
        new HashSet<string> { "BG", "RS", "BA", "ME", "MK", "UA", "EE", "LV", "LT", "RO", "FI", "SE" };

    private static readonly Lazy<LegalFormCatalog> LazyDefault = new(() =>
        new LegalFormCatalog(LegalFormSources.ReadEmbedded(), FoldedWordSet.GenericNouns, FoldedWordSet.StopWords));

    private static readonly HashSet<string> RomanNumerals = ["ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"];

    private readonly Dictionary<string, LegalFormCandidates> _forms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LegalFormCandidates>.AlternateLookup<ReadOnlySpan<char>> _formLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lastWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _firstWords;
    private readonly Dictionary<string, int> _formsByCountry = new(StringComparer.Ordinal);

    public LegalFormCatalog(IEnumerable<LegalFormEntry> entries, FoldedWordSet genericNouns, FoldedWordSet stopWords)
    {
        var lastWords = new HashSet<string>(StringComparer.Ordinal);
        var firstWords = new HashSet<string>(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<LegalFormEntry>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (IsRecognisable(entry.Key, genericNouns, stopWords))
            {
                ListFor(groups, entry.Key).Add(entry);
            }
        }

        foreach (var (key, unordered) in groups)
        {
            var group = unordered.OrderBy(e => e.Source).ToList();
            _forms[key] = Resolve(key, group);
            var words = key.Split(' ');
            firstWords.Add(words[0]);
            lastWords.Add(words[^1]);
            MaxWords = Math.Max(MaxWords, words.Length);
            foreach (var country in group.Select(e => e.Country).Distinct())
            {
                if (country is not null)
                {
                    _formsByCountry[country] = _formsByCountry.GetValueOrDefault(country) + 1;
                }
            }
        }

        _formLookup = _forms.GetAlternateLookup<ReadOnlySpan<char>>();
        _lastWords = lastWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstWords = firstWords.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The catalog built from the embedded resources (loaded on first use).</summary>
    public static LegalFormCatalog Default => LazyDefault.Value;

    /// <summary>The most words any indexed form has.</summary>
    public int MaxWords { get; }

    /// <summary>Number of distinct folded forms indexed.</summary>
    public int Count => _forms.Count;

    /// <summary>Number of distinct folded forms a country has.</summary>
    public int CountFor(string country) => _formsByCountry.GetValueOrDefault(country);

    /// <summary>The forms whose folded key is exactly <paramref name="key"/>.</summary>
    public bool TryFind(ReadOnlySpan<char> key, out LegalFormCandidates candidates) =>
        _formLookup.TryGetValue(key, out candidates!);

    /// <summary>Whether some form ends with this folded word (a cheap filter before <see cref="TryFind"/>).</summary>
    public bool CanEndWith(ReadOnlySpan<char> word) => _lastWords.Contains(word);

    /// <summary>Whether some form starts with this folded word.</summary>
    public bool CanStartWith(ReadOnlySpan<char> word) => _firstWords.Contains(word);

    private static bool IsRecognisable(string key, FoldedWordSet genericNouns, FoldedWordSet stopWords)
    {
        if (key.Length < 2 || RomanNumerals.Contains(key) || genericNouns.Contains(key))
        {
            return false;
        }

        // A form made of generic nouns and stop words only ("associazione", "stowarzyszenie i …") is identity, not form.
        var anyGeneric = false;
        foreach (var word in key.Split(' '))
        {
            if (genericNouns.Contains(word))
            {
                anyGeneric = true;
            }
            else if (!stopWords.Contains(word))
            {
                return true;
            }
        }

        return !anyGeneric;
    }

    private static LegalFormCandidates Resolve(string key, List<LegalFormEntry> group)
    {
        var letters = key.Length - key.AsSpan().Count(' ');
        var countries = group.Select(e => e.Country).OfType<string>().Distinct().ToList();
        var byCountry = new List<KeyValuePair<string, ResolvedLegalForm>>();
        foreach (var country in countries)
        {
            var own = group.Where(e => e.Country == country).ToList();
            byCountry.Add(new(country, ResolveOwn(own, country, LeadingFormCountries.Contains(country), letters)));
        }

        var anyCountryEntries = group.Where(e => e.Country is null).ToList();
        var anyCountry = anyCountryEntries.Count == 0 ? null : ResolveOwn(anyCountryEntries, null, false, letters);
        return new LegalFormCandidates([.. byCountry], anyCountry, ResolveForeign(group, countries, letters));
    }

    /// <summary>A country's form: the alias table's spelling and code first, then the list's.</summary>
    private static ResolvedLegalForm ResolveOwn(List<LegalFormEntry> entries, string? country, bool canLead, int letters)
    {
        var code = entries.FirstOrDefault(e => e.Source == LegalFormSource.Alias && e.ElfCode is not null)?.ElfCode
            ?? SingleOrNull(entries.Select(e => e.ElfCode));
        return Create(entries, code, country, canLead, letters);
    }

    /// <summary>
    /// The form across countries: its most frequent spelling (in the alias table if it has one); code
    /// and country only if all agree.
    /// </summary>
    private static ResolvedLegalForm ResolveForeign(List<LegalFormEntry> entries, List<string> countries, int letters)
    {
        var bySpelling = entries
            .GroupBy(e => e.Written, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count(e => e.Source == LegalFormSource.Alias))
            .ThenByDescending(g => g.Count())
            .SelectMany(g => g)
            .ToList();
        return Create(
            bySpelling,
            SingleOrNull(entries.Select(e => e.ElfCode)),
            countries.Count == 1 ? countries[0] : null,
            countries.Any(LeadingFormCountries.Contains),
            letters);
    }

    private static ResolvedLegalForm Create(List<LegalFormEntry> entries, string? code, string? country, bool canLead, int letters)
    {
        var latin = entries.FirstOrDefault(e => !IsNonLatin(e.Written)) ?? entries[0];
        var nonLatin = entries.FirstOrDefault(e => IsNonLatin(e.Written)) ?? entries[0];
        var latinForm = new LegalForm(latin.Written, code, country);
        var nonLatinForm = nonLatin.Written == latin.Written ? latinForm : new LegalForm(nonLatin.Written, code, country);
        var abbreviationLike = entries.Any(e => e.Source != LegalFormSource.ElfName);
        return new ResolvedLegalForm(latinForm, nonLatinForm, abbreviationLike, canLead, letters);
    }

    private static string? SingleOrNull(IEnumerable<string?> codes)
    {
        var distinct = codes.OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        return distinct.Count == 1 ? distinct[0] : null;
    }

    /// <summary>Whether text has Greek or Cyrillic letters.</summary>
    public static bool IsNonLatin(ReadOnlySpan<char> text) =>
        text.IndexOfAnyInRange('\u0370', '\u052F') >= 0 || text.IndexOfAnyInRange('\u1F00', '\u1FFF') >= 0;

    private static List<LegalFormEntry> ListFor(Dictionary<string, List<LegalFormEntry>> groups, string key)
    {
        if (!groups.TryGetValue(key, out var list))
        {
            list = [];
            groups[key] = list;
        }

        return list;
    }
}
