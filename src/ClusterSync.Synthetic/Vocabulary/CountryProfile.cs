namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>A legal form a country's organisations use, optionally only with names in one language.</summary>
internal sealed record LegalFormChoice(string Form, string? Language);

/// <summary>How organisations of one country look: languages, web domains, phone and postal formats, legal forms.</summary>
internal sealed record CountryProfile(
    string Code,
    double Weight,
    Generation.Weighted<NameLanguage> Languages,
    string StreetStyle,
    Generation.Weighted<string> TopLevelDomains,
    string CallingCode,
    string PhoneNational,
    string PhoneInternational,
    int AreaDigits,
    string[] PostalPatterns,
    Generation.Weighted<LegalFormChoice> LegalForms,
    double LegalFormRate)
{
    /// <summary>The main local language (the first non-English one), or English.</summary>
    public string LocalLanguage { get; } =
        Languages.Items.Select(l => l.Code).FirstOrDefault(c => c != Vocabulary.Languages.English) ?? Vocabulary.Languages.English;

    public int SubscriberDigits { get; } = PhoneNational.Count(c => c == '#') - AreaDigits;

    /// <summary>The country's cities (set when the catalogue is loaded).</summary>
    public CountryCities Cities { get; internal set; } = null!;
}

/// <summary>House-number and street-name patterns of one national style, with common abbreviations.</summary>
internal sealed record StreetStyle(string Code, string[] Patterns, string[] Bases, (string Full, string Short)[] Abbreviations);
