namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>Name languages the generator writes (ISO 639-1). Serbian is written in Latin and derived to Cyrillic.</summary>
internal static class Languages
{
    public const string English = "en";
    public const string Serbian = "sr";
    public const string Greek = "el";

    public static readonly string[] All = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sr", "el"];
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
