namespace ClusterSync.Core.Normalisation.Names;

/// <summary>A set of words compared by their matching key (stop words, generic organisation nouns).</summary>
internal sealed class FoldedWordSet
{
    private static readonly Lazy<FoldedWordSet> LazyStopWords =
        new(() => new FoldedWordSet(NameResources.ReadWordList(NameResources.StopWords)));

    private static readonly Lazy<FoldedWordSet> LazyGenericNouns =
        new(() => new FoldedWordSet(NameResources.ReadWordList(NameResources.GenericNouns)));

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FoldedWordSet(IEnumerable<string> words)
    {
        foreach (var word in words)
        {
            var folded = KeyFolder.Fold(word, null);
            if (folded.Length > 0)
            {
                _words.Add(folded);
            }
        }

        _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Function words skipped in initials (resource <c>names/stop-words.txt</c>).</summary>
    public static FoldedWordSet StopWords => LazyStopWords.Value;

    /// <summary>Organisation nouns never stripped as legal forms (resource <c>legal-forms/generic-nouns.txt</c>).</summary>
    public static FoldedWordSet GenericNouns => LazyGenericNouns.Value;

    public int Count => _words.Count;

    /// <summary>Whether the set holds this folded word (or folded phrase).</summary>
    public bool Contains(ReadOnlySpan<char> folded) => _lookup.Contains(folded);
}
