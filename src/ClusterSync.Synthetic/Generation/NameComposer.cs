using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Renders a name from its <see cref="NameChoices"/> (always in Latin script for Serbian).</summary>
internal sealed class NameComposer(Catalogue catalogue)
{
    private static readonly string[] BrandPrefixes = ["", "", "", "Inno", "Smart", "Neo", "Tri", "Uni", "Euro", "Nord", "Alp", "Trans", "Inter", "Pro"];
    private static readonly string[] BrandJoints = ["", "", "i", "o", "a"];
    private static readonly string[] BrandSyllables =
        ["", "", "", "", "", "ri", "va", "lo", "ne", "ta", "mi", "so", "ve", "ka", "li", "no", "ra", "te", "si", "do", "ma", "co", "be", "gu", "pa", "xa", "ze", "lu", "mo", "ti"];
    private static readonly string[] BrandSuffixes =
        ["net", "tec", "con", "lab", "nova", "ia", "ix", "on", "us", "ra", "is", "ex", "ium", "ica", "era", "polis", "sphere", "link", "wise", "ion", "Net", "Tech", "Hub", "Lab"];

    private readonly char[] _buffer = new char[512];
    private int _length;

    public PlaceNames Places { get; } = new(catalogue.Gazetteer);

    /// <summary>The name without legal form.</summary>
    public string Render(in NameChoices choices) => Render(choices, choices.Template, choices.Language.Code);

    /// <summary>The same choices written with another template (e.g. an English one).</summary>
    public string Render(in NameChoices choices, NameTemplate template, string language)
    {
        var alternatives = new SeededRandom(choices.AlternativesSeed);
        _length = 0;
        foreach (var token in template.Tokens)
        {
            Append(token.Slot switch
            {
                TemplateSlot.Literal => token.Text,
                TemplateSlot.Choice => alternatives.Pick(token.Alternatives),
                TemplateSlot.City => Places.CityInName(choices.City, language),
                TemplateSlot.Region => Places.RegionInName(choices.City, language),
                TemplateSlot.Place => choices.PlaceIsRegion
                    ? Places.RegionInName(choices.City, language)
                    : Places.CityInName(choices.City, language),
                TemplateSlot.Sector => choices.Sector.Label(language),
                TemplateSlot.Sector2 => choices.Sector2.Label(language),
                _ => Brand(choices.Sector.BrandStem, ref alternatives),
            });
        }

        var length = _length > 0 && _buffer[_length - 1] == ' ' ? _length - 1 : _length;
        return new string(_buffer, 0, length);
    }

    /// <summary>Name plus legal form, as written in a register (<c>Name e.V.</c>, <c>Name, Inc.</c>).</summary>
    public static string WithLegalForm(string core, string? legalForm) =>
        legalForm is null ? core
        : legalForm.StartsWith(',') ? core + legalForm
        : string.Concat(core, " ", legalForm);

    private static string Brand(string stem, ref SeededRandom random)
    {
        var prefix = random.Pick(BrandPrefixes);
        var suffix = random.Pick(BrandSuffixes);
        var joint = string.Concat(char.IsLower(suffix[0]) ? random.Pick(BrandJoints) : "", random.Pick(BrandSyllables));
        return prefix.Length == 0
            ? string.Concat(stem, joint, suffix)
            : string.Concat(prefix, stem.ToLowerInvariant(), joint, suffix);
    }

    /// <summary>Appends text, never writing a space at the start or after another space.</summary>
    private void Append(string text)
    {
        var buffer = _buffer;
        var length = _length;
        foreach (var c in text)
        {
            if (c == ' ' && (length == 0 || buffer[length - 1] == ' '))
            {
                continue;
            }

            if (length < buffer.Length)
            {
                buffer[length++] = c;
            }
        }

        _length = length;
    }
}
