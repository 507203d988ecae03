namespace ClusterSync.Core.Directory;

/// <summary>Which side of the Atlantic an organisation is on: the U.S. (with its territories) or Europe.</summary>
public static class AtlanticSide
{
    public const string Us = "us";
    public const string Europe = "europe";

    private static readonly HashSet<string> UsCountries = new(["US", "PR", "GU", "VI", "AS", "MP", "UM"], StringComparer.Ordinal);

    /// <summary>The side of an ISO alpha-2 country; null when the country is unknown.</summary>
    public static string? Of(string? country) =>
        string.IsNullOrEmpty(country) ? null : UsCountries.Contains(country) ? Us : Europe;

    /// <summary>The U.S. countries, for queries that select one side.</summary>
    public static IReadOnlyCollection<string> UsCountryCodes => UsCountries;
}
