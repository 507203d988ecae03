using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Where a legal-form spelling comes from; earlier sources win when choosing how to write it.</summary>
internal enum LegalFormSource
{
    /// <summary>Our alias table.</summary>
    Alias,

    /// <summary>An abbreviation column of the ISO 20275 list.</summary>
    ElfAbbreviation,

    /// <summary>A name column of the ISO 20275 list.</summary>
    ElfName,
}

/// <summary>One spelling of a legal form: its folded key, how the form is commonly written, its code and country.</summary>
/// <param name="Country">ISO alpha-2, or null for a form of any country.</param>
internal sealed record LegalFormEntry(string Key, string Written, string? ElfCode, string? Country, LegalFormSource Source);

/// <summary>A legal form as recognised for one country (or for any country), ready to return.</summary>
internal sealed class ResolvedLegalForm
{
    private readonly LegalForm _latin;
    private readonly LegalForm _nonLatin;

    public ResolvedLegalForm(LegalForm latin, LegalForm nonLatin, bool abbreviationLike, bool canLead, int letters)
    {
        _latin = latin;
        _nonLatin = nonLatin;
        AbbreviationLike = abbreviationLike;
        CanLead = canLead;
        Letters = letters;
    }

    /// <summary>Comes from an abbreviation column or the alias table, not only from a form's full name.</summary>
    public bool AbbreviationLike { get; }

    /// <summary>Of a country where the form may stand before the name ("АД …", "UAB …").</summary>
    public bool CanLead { get; }

    /// <summary>Letters and digits in the folded key.</summary>
    public int Letters { get; }

    /// <summary>The form written in the script of the matched text (Latin or Greek/Cyrillic) when the list has both.</summary>
    public LegalForm For(bool nonLatinText) => nonLatinText ? _nonLatin : _latin;
}

/// <summary>All legal forms that share one folded key, by country.</summary>
internal sealed class LegalFormCandidates
{
    private readonly KeyValuePair<string, ResolvedLegalForm>[] _byCountry;
    private readonly ResolvedLegalForm? _anyCountry;

    public LegalFormCandidates(KeyValuePair<string, ResolvedLegalForm>[] byCountry, ResolvedLegalForm? anyCountry, ResolvedLegalForm foreign)
    {
        _byCountry = byCountry;
        _anyCountry = anyCountry;
        Foreign = foreign;
    }

    /// <summary>The form across all countries, used when the name's country has none with this key.</summary>
    public ResolvedLegalForm Foreign { get; }

    /// <summary>The form of <paramref name="country"/>, or of the alias table's "any country" rows.</summary>
    public ResolvedLegalForm? For(string country)
    {
        foreach (var (code, form) in _byCountry)
        {
            if (string.Equals(code, country, StringComparison.Ordinal))
            {
                return form;
            }
        }

        return _anyCountry;
    }

    public bool HasCountry(string country)
    {
        foreach (var (code, _) in _byCountry)
        {
            if (string.Equals(code, country, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
