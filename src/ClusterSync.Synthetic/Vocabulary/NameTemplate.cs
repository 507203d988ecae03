namespace ClusterSync.Synthetic.Vocabulary;

internal enum TemplateSlot
{
    Literal,
    Choice,
    City,
    Region,
    Place,
    Sector,
    Sector2,
    Brand,
}

internal readonly record struct TemplateToken(TemplateSlot Slot, string Text, string[] Alternatives);

/// <summary>
/// A name pattern such as <c>{Sector}-[Netzwerk|Cluster] {Place}</c>: <c>{…}</c> are slots filled from the
/// entity, <c>[a|b]</c> picks one alternative (an empty one is allowed).
/// </summary>
internal sealed class NameTemplate
{
    private NameTemplate(string language, string pattern, TemplateToken[] tokens)
    {
        Language = language;
        Pattern = pattern;
        Tokens = tokens;
        UsesSecondSector = Array.Exists(tokens, t => t.Slot == TemplateSlot.Sector2);
    }

    /// <summary>True when the name names two sectors.</summary>
    public bool UsesSecondSector { get; }

    public string Language { get; }

    public string Pattern { get; }

    public TemplateToken[] Tokens { get; }

    public static NameTemplate Parse(string language, string pattern)
    {
        var tokens = new List<TemplateToken>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is not ('{' or '['))
            {
                literal.Append(c);
                continue;
            }

            var close = pattern.IndexOf(c == '{' ? '}' : ']', i);
            if (close < 0)
            {
                throw new InvalidDataException($"Unclosed '{c}' in name template \"{pattern}\".");
            }

            if (literal.Length > 0)
            {
                tokens.Add(new TemplateToken(TemplateSlot.Literal, literal.ToString(), []));
                literal.Clear();
            }

            var inner = pattern[(i + 1)..close];
            tokens.Add(c == '['
                ? new TemplateToken(TemplateSlot.Choice, "", inner.Split('|'))
                : new TemplateToken(ParseSlot(inner, pattern), inner, []));
            i = close;
        }

        if (literal.Length > 0)
        {
            tokens.Add(new TemplateToken(TemplateSlot.Literal, literal.ToString(), []));
        }

        return new NameTemplate(language, pattern, [.. tokens]);
    }

    private static TemplateSlot ParseSlot(string name, string pattern) => name switch
    {
        "City" => TemplateSlot.City,
        "Region" => TemplateSlot.Region,
        "Place" => TemplateSlot.Place,
        "Sector" => TemplateSlot.Sector,
        "Sector2" => TemplateSlot.Sector2,
        "Brand" => TemplateSlot.Brand,
        _ => throw new InvalidDataException($"Unknown slot {{{name}}} in name template \"{pattern}\"."),
    };
}
