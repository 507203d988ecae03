namespace ClusterSync.Storage;

/// <summary>Orders of the directory's lists; every one ends in the id, so keyset cursors are exact.</summary>
public enum DirectorySort
{
    /// <summary>By id (the default without search words).</summary>
    Id,

    /// <summary>By display name, then id.</summary>
    Name,

    /// <summary>By display name descending, then id.</summary>
    NameDescending,

    /// <summary>Least recently published first, then id.</summary>
    Updated,

    /// <summary>Most recently published first, then id.</summary>
    UpdatedDescending,

    /// <summary>Best match first, then id (the default with search words; only with them).</summary>
    Relevance,
}

/// <summary>The names sorts have in the API: <c>id</c>, <c>name</c>, <c>-name</c>, <c>updatedAt</c>, <c>-updatedAt</c>, <c>relevance</c>.</summary>
public static class DirectorySorts
{
    private static readonly Dictionary<string, DirectorySort> ByName = new(StringComparer.Ordinal)
    {
        ["id"] = DirectorySort.Id,
        ["name"] = DirectorySort.Name,
        ["-name"] = DirectorySort.NameDescending,
        ["updatedAt"] = DirectorySort.Updated,
        ["-updatedAt"] = DirectorySort.UpdatedDescending,
        ["relevance"] = DirectorySort.Relevance,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out DirectorySort sort) => ByName.TryGetValue(name ?? "", out sort);

    public static string NameOf(DirectorySort sort) => ByName.First(p => p.Value == sort).Key;
}
