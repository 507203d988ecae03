using System.Globalization;
using ClusterSync.Core.Normalisation;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// The directory's query parameters read from the query string: search, filters and sort. Any other parameter is a
/// 400 problem, never silently ignored.
/// </summary>
public sealed record DirectoryQueryString(DirectoryFilter Filter, DirectorySort Sort)
{
    /// <summary>Filters every directory list and export takes.</summary>
    public static readonly IReadOnlyList<string> FilterNames =
        ["q", "country", "region", "source", "sector", "label", "foundedFrom", "foundedTo", "updatedSince", "bbox"];

    /// <summary>Reads the query; <paramref name="extra"/> names the other parameters the endpoint takes (paging, format).</summary>
    public static (DirectoryQueryString? Query, ProblemDetails? Problem) Read(IQueryCollection query, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(query);
        foreach (var (key, values) in query)
        {
            if (!FilterNames.Contains(key, StringComparer.Ordinal) && key != "sort" && !extra.Contains(key, StringComparer.Ordinal))
            {
                return Fail($"'{key}' is not a parameter of this endpoint; filters are {string.Join(", ", FilterNames)}.");
            }

            if (values.Count > 1)
            {
                return Fail($"'{key}' may be given once.");
            }
        }

        string? Value(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
        var country = Value("country");
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            return Fail("country must be an ISO 3166-1 alpha-2 code, e.g. US or DE.");
        }

        var region = Value("region");
        if (region is not null && (region.Length is < 2 or > 8 || !region.All(char.IsAsciiLetterOrDigit)))
        {
            return Fail("region must be a USPS state code or a NUTS 2 code, e.g. NY or DE21.");
        }

        SectorCode? sector = null;
        if (Value("sector") is { } sectorText)
        {
            var colon = sectorText.IndexOf(':', StringComparison.Ordinal);
            var scheme = colon > 0 ? sectorText[..colon] : "";
            if (!DirectoryFacets.SectorSchemes.Contains(scheme) || colon == sectorText.Length - 1 || sectorText.Length > 200)
            {
                return Fail($"sector must name its scheme, as scheme:code with scheme one of {string.Join(", ", DirectoryFacets.SectorSchemes)} (e.g. nace2:26.11).");
            }

            sector = new SectorCode(scheme, sectorText[(colon + 1)..]);
        }

        int? Year(string key, out ProblemDetails? problem)
        {
            problem = null;
            if (Value(key) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1000 and <= 9999)
            {
                return year;
            }

            problem = Problems.Invalid($"{key} must be a four-digit year.");
            return null;
        }

        var from = Year("foundedFrom", out var fromProblem);
        var to = Year("foundedTo", out var toProblem);
        if ((fromProblem ?? toProblem) is { } yearProblem)
        {
            return (null, yearProblem);
        }

        DateTimeOffset? since = null;
        if (Value("updatedSince") is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Fail("updatedSince must be an ISO 8601 date or instant, e.g. 2026-01-31T00:00:00Z.");
            }

            since = parsed.ToUniversalTime();
        }

        BoundingBox? box = null;
        if (Value("bbox") is { } boxText)
        {
            var parts = boxText.Split(',');
            var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : double.NaN).ToArray();
            if (numbers.Length != 4 || numbers.Any(double.IsNaN) || numbers[0] is < -180 or > 180 || numbers[2] is < -180 or > 180
                || numbers[1] is < -90 or > 90 || numbers[3] is < -90 or > 90 || numbers[1] > numbers[3])
            {
                return Fail("bbox must be west,south,east,north in degrees (longitude -180..180, latitude -90..90, south <= north).");
            }

            box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        }

        var q = Value("q");
        if (q is not null && q.Length > 200)
        {
            return Fail("q must be at most 200 characters.");
        }

        var hasWords = SearchText.QueryWords(q).Count > 0;
        var sort = hasWords ? DirectorySort.Relevance : DirectorySort.Id;
        if (Value("sort") is { } sortText && (!DirectorySorts.TryParse(sortText, out sort) || (sort == DirectorySort.Relevance && !hasWords)))
        {
            return Fail($"sort must be one of {string.Join(", ", DirectorySorts.Names)} (relevance only with q).");
        }

        var filter = new DirectoryFilter(q, country?.ToUpperInvariant(), region?.ToUpperInvariant(), Value("source"), sector, Value("label"), from, to, since, box);
        return (new DirectoryQueryString(filter, sort), null);
    }

    private static (DirectoryQueryString?, ProblemDetails?) Fail(string detail) => (null, Problems.Invalid(detail));
}
