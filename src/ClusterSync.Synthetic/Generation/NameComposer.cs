using System.Text;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Renders a name from its <see cref="NameChoices"/> (always in Latin script for Serbian).</summary>
internal sealed class NameComposer(Catalogue catalogue)
{
    private static readonly string[] BrandPrefixes = ["", "", "", "Inno", "Smart", "Neo", "Tri", "Uni", "Euro", "Nord", "Alp", "Trans", "Inter", "Pro"];
    private static readonly string[] BrandJoints = ["", "", "i", "o", "a"];
    private static readonly string[] BrandSuffixes =
        ["net", "tec", "con", "lab", "nova", "ia", "ix", "on", "us", "ra", "is", "ex", "ium", "ica", "era", "polis", "sphere", "link", "wise", "ion", "Net", "Tech", "Hub", "Lab"];

    private readonly StringBuilder _builder = new(96);

    public PlaceNames Places { get; } = new(catalogue.Gazetteer);

    /// <summary>The name without legal form.</summary>
    public string Render(in NameChoices choices) => Render(choices, choices.Template, choices.Language.Code);

    /// <summary>The same choices written with another template (e.g. an English one).</summary>
    public string Render(in NameChoices choices, NameTemplate template, string language)
    {
        var alternatives = new SeededRandom(choices.AlternativesSeed);
        var builder = _builder.Clear();
        foreach (var token in template.Tokens)
        {
            switch (token.Slot)
            {
                case TemplateSlot.Literal:
                    builder.Append(token.Text);
                    break;
                case TemplateSlot.Choice:
                    builder.Append(alternatives.Pick(token.Alternatives));
                    break;
                case TemplateSlot.City:
                    builder.Append(Places.CityInName(choices.City, language));
                    break;
                case TemplateSlot.Region:
                    builder.Append(Places.RegionInName(choices.City, language));
                    break;
                case TemplateSlot.Place:
                    builder.Append(choices.PlaceIsRegion
                        ? Places.RegionInName(choices.City, language)
                        : Places.CityInName(choices.City, language));
                    break;
                case TemplateSlot.Sector:
                    builder.Append(choices.Sector.Label(language));
                    break;
                case TemplateSlot.Sector2:
                    builder.Append(choices.Sector2.Label(language));
                    break;
                case TemplateSlot.Brand:
                    AppendBrand(builder, choices.Sector.BrandStem, ref alternatives);
                    break;
            }
        }

        return Collapse(builder);
    }

    /// <summary>Name plus legal form, as written in a register (<c>Name e.V.</c>, <c>Name, Inc.</c>).</summary>
    public static string WithLegalForm(string core, string? legalForm) =>
        legalForm is null ? core
        : legalForm.StartsWith(',') ? core + legalForm
        : string.Concat(core, " ", legalForm);

    private static void AppendBrand(StringBuilder builder, string stem, ref SeededRandom random)
    {
        var prefix = random.Pick(BrandPrefixes);
        builder.Append(prefix);
        builder.Append(prefix.Length > 0 ? stem.ToLowerInvariant() : stem);
        var suffix = random.Pick(BrandSuffixes);
        if (char.IsLower(suffix[0]))
        {
            builder.Append(random.Pick(BrandJoints));
        }

        builder.Append(suffix);
    }

    private static string Collapse(StringBuilder builder)
    {
        var write = 0;
        var space = true;
        for (var read = 0; read < builder.Length; read++)
        {
            var c = builder[read];
            if (c == ' ')
            {
                if (space)
                {
                    continue;
                }

                space = true;
            }
            else
            {
                space = false;
            }

            builder[write++] = c;
        }

        if (write > 0 && builder[write - 1] == ' ')
        {
            write--;
        }

        builder.Length = write;
        return builder.ToString();
    }
}
