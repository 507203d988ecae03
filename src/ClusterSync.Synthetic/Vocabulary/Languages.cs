namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>Name languages the generator writes (ISO 639-1). Serbian is written in Latin and derived to Cyrillic.</summary>
internal static class Languages
{
    public const string English = "en";
    public const string Serbian = "sr";
    public const string Greek = "el";

    public static readonly string[] All = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sr", "el"];

    public static int IndexOf(string language) => language switch
    {
        "en" => 0,
        "de" => 1,
        "fr" => 2,
        "es" => 3,
        "it" => 4,
        "pt" => 5,
        "nl" => 6,
        "pl" => 7,
        "cs" => 8,
        "sr" => 9,
        "el" => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a name language of the generator."),
    };
}

/// <summary>A language a country's organisations name themselves in, with its script.</summary>
internal readonly record struct NameLanguage(string Code, bool Cyrillic)
{
    public static NameLanguage Parse(string text) => text switch
    {
        "sr-Cyrl" => new NameLanguage(Languages.Serbian, true),
        "sr-Latn" => new NameLanguage(Languages.Serbian, false),
        _ => new NameLanguage(text, false),
    };
}
