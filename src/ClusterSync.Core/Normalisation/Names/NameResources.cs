namespace ClusterSync.Core.Normalisation.Names;

/// <summary>Text resources embedded in the Core assembly for name analysis.</summary>
internal static class NameResources
{
    public const string ElfCodeList = "legal-forms/elf-code-list-2026-02-19.csv";
    public const string LegalFormAliases = "legal-forms/legal-form-aliases.csv";
    public const string GenericNouns = "legal-forms/generic-nouns.txt";
    public const string StopWords = "names/stop-words.txt";

    private const string Prefix = "ClusterSync.Core.Resources.";

    /// <summary>Opens a resource by its path under <c>Resources/</c>.</summary>
    /// <exception cref="InvalidOperationException">The resource is not embedded.</exception>
    public static Stream Open(string path)
    {
        var assembly = typeof(NameResources).Assembly;
        // MSBuild writes the folder separator of the machine that built the assembly.
        return assembly.GetManifestResourceStream(Prefix + path)
            ?? assembly.GetManifestResourceStream(Prefix + path.Replace('/', '\\'))
            ?? throw new InvalidOperationException(
                $"The resource '{path}' is not embedded in {assembly.GetName().Name}.");
    }

    /// <summary>Lines of a resource, UTF-8.</summary>
    public static IEnumerable<string> ReadLines(string path)
    {
        using var reader = new StreamReader(Open(path));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>Non-empty lines that are not <c>#</c> comments, trimmed.</summary>
    public static IEnumerable<string> ReadWordList(string path)
    {
        foreach (var line in ReadLines(path))
        {
            var word = line.Trim();
            if (word.Length > 0 && word[0] != '#')
            {
                yield return word;
            }
        }
    }
}
