using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Storage;
using ClusterSync.Storage.Paging;

namespace ClusterSync.Host.Reconciliation;

/// <summary>
/// Answers reconciliation batches, data extension, and suggest queries over the published directory. Candidates are scored by
/// <see cref="DirectoryLookup"/>, the same matcher that groups source records; nothing is stored.
/// </summary>
public sealed class ReconciliationService(DirectoryLookup lookup, DirectoryQueries directory)
{
    public const int MaxQueries = 100;
    public const int DefaultLimit = 5;
    public const int MaxExtendIds = 500;

    /// <summary>The matcher's outcome above the auto-match threshold (see PairScorer).</summary>
    private const string AutoMatch = "match";

    public static readonly ReconciliationType OrganisationType = new("organisation", "Cluster organisation");

    /// <summary>Properties a query may give to refine its candidates.</summary>
    public static readonly IReadOnlyList<SuggestItem> QueryProperties =
    [
        new("country", "Country", "ISO 3166 code or country name"),
        new("city", "City", "Locality"),
        new("website", "Website", "Web address or domain"),
    ];

    /// <summary>Properties data extension can fetch.</summary>
    public static readonly IReadOnlyList<SuggestItem> ExtensionProperties =
    [
        new("country", "Country", "ISO 3166 alpha-2 code"),
        new("city", "City", "Locality"),
        new("website", "Website", "Web address"),
        new(SectorSchemes.UsCluster, "U.S. clusters", "U.S. benchmark clusters (code and name)"),
        new(SectorSchemes.EuEcosystem, "EU ecosystems", "EU industrial ecosystems (code and name)"),
    ];

    /// <summary>Scores every query of a batch.</summary>
    /// <exception cref="ReconciliationRequestException">The batch is not an object of queries, or a query is malformed.</exception>
    public async Task<IReadOnlyDictionary<string, ReconciliationResult>> ReconcileAsync(JsonElement batch, CancellationToken cancellationToken)
    {
        if (batch.ValueKind != JsonValueKind.Object)
        {
            throw new ReconciliationRequestException("queries must be a JSON object of named queries.");
        }

        var queries = batch.EnumerateObject().ToList();
        if (queries.Count > MaxQueries)
        {
            throw new ReconciliationRequestException($"A batch holds at most {MaxQueries} queries; this one has {queries.Count}.");
        }

        var results = new Dictionary<string, ReconciliationResult>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            results[query.Name] = await ReconcileOneAsync(query.Name, ReconciliationQuery.Parse(query.Name, query.Value), cancellationToken);
        }

        return results;
    }

    private async Task<ReconciliationResult> ReconcileOneAsync(string key, ReconciliationQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            return new ReconciliationResult([]);
        }

        var record = new RawOrganisation
        {
            Source = "reconciliation",
            SourceId = key,
            Name = query.Text,
            Country = query.Country,
            Locality = query.City,
            Website = query.Website,
            CountryRequired = false,
        };
        var scored = await lookup.ScoreAsync(record, query.Limit, cancellationToken);
        var candidates = new List<ReconciliationCandidate>();
        foreach (var candidate in scored.Candidates)
        {
            if (await ActiveGoldenAsync(candidate.OrganisationId, cancellationToken) is not { } golden)
            {
                continue;
            }

            candidates.Add(new ReconciliationCandidate(
                candidate.OrganisationId,
                golden.Name,
                Describe(golden),
                Math.Round(candidate.Probability * 100, 2),
                false,
                [OrganisationType],
                [new CandidateFeature("probability", Math.Round(candidate.Probability, 4))]));
        }

        // Only an unambiguous best candidate above the auto-match threshold is a match: OpenRefine then matches it without asking.
        var matches = scored.Candidates.Count(c => c.Outcome == AutoMatch);
        if (candidates.Count > 0 && matches == 1 && scored.Candidates[0].Outcome == AutoMatch
            && candidates[0].Id == scored.Candidates[0].OrganisationId)
        {
            candidates[0] = candidates[0] with { Match = true };
        }

        return new ReconciliationResult(candidates);
    }

    /// <summary>The requested properties' values for each requested id (<c>{ids, properties}</c>); unknown organisations get no values.</summary>
    /// <exception cref="ReconciliationRequestException">An unknown property, or too many ids.</exception>
    public async Task<ExtensionResponse> ExtendAsync(JsonElement request, CancellationToken cancellationToken)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("ids", out var idsElement) || idsElement.ValueKind != JsonValueKind.Array
            || !request.TryGetProperty("properties", out var propsElement) || propsElement.ValueKind != JsonValueKind.Array)
        {
            throw new ReconciliationRequestException("extend must be an object with the arrays ids and properties.");
        }

        var ids = idsElement.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : throw new ReconciliationRequestException("ids must be strings.")).ToList();
        if (ids.Count > MaxExtendIds)
        {
            throw new ReconciliationRequestException($"extend takes at most {MaxExtendIds} ids; this one has {ids.Count}.");
        }

        var properties = new List<SuggestItem>();
        foreach (var property in propsElement.EnumerateArray())
        {
            var id = property.ValueKind == JsonValueKind.Object && property.TryGetProperty("id", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            properties.Add(ExtensionProperties.FirstOrDefault(e => e.Id == id)
                ?? throw new ReconciliationRequestException($"Unknown property '{id}'; the properties are {string.Join(", ", ExtensionProperties.Select(e => e.Id))}."));
        }

        var rows = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ExtensionValue>>>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var golden = await ActiveGoldenAsync(id, cancellationToken);
            rows[id] = properties.ToDictionary(p => p.Id, p => golden is null ? [] : ValuesOf(golden, p.Id), StringComparer.Ordinal);
        }

        return new ExtensionResponse([.. properties.Select(p => new SuggestItem(p.Id, p.Name, null))], rows);
    }

    /// <summary>How far entity suggestions page (a typing user never goes deep; deeper offsets would cost a long scan).</summary>
    public const int MaxSuggestCursor = 1_000;

    /// <summary>
    /// Organisations whose names start with (or contain the words of) <paramref name="prefix"/>, most relevant first,
    /// skipping the first <paramref name="cursor"/>.
    /// </summary>
    public async Task<IReadOnlyList<SuggestItem>> SuggestEntitiesAsync(string prefix, int limit, int cursor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return [];
        }

        var (page, _) = await directory.ListAsync(new DirectoryFilter(Text: prefix), DirectorySort.Relevance, new PageRequest(cursor + limit), cancellationToken);
        return [.. page.Items.Skip(cursor).Select(o => RecordJson.DeserializeGolden(o.GoldenJson) is var g ? new SuggestItem(o.Id, g.Name, Describe(g)) : null!)];
    }

    /// <summary>Query properties whose id or name starts with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<SuggestItem> SuggestProperties(string? prefix) =>
        [.. ExtensionProperties.Where(p => string.IsNullOrWhiteSpace(prefix)
            || p.Id.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase)
            || p.Name.Split(' ').Any(w => w.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The golden record of an active organisation, or null.</summary>
    public async Task<GoldenRecord?> ActiveGoldenAsync(string id, CancellationToken cancellationToken)
    {
        if (!DirectoryIds.IsWellFormed(id))
        {
            return null;
        }

        var view = await directory.FindAsync(id, cancellationToken);
        return view is { Status: OrganisationStatus.Active } ? RecordJson.DeserializeGolden(view.GoldenJson) : null;
    }

    /// <summary>Locality and country, for telling namesakes apart.</summary>
    public static string? Describe(GoldenRecord golden)
    {
        ArgumentNullException.ThrowIfNull(golden);
        var parts = new[] { golden.Address?.Locality, golden.Address?.Country }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static IReadOnlyList<ExtensionValue> ValuesOf(GoldenRecord golden, string property) => property switch
    {
        "country" => One(golden.Address?.Country),
        "city" => One(golden.Address?.Locality),
        "website" => One(golden.Website),
        _ => [.. golden.Sectors.Where(s => s.Scheme == property).OrderByDescending(s => s.Weight).ThenBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new ExtensionValue(s.Label is null ? s.Code : $"{s.Code} {s.Label}"))],
    };

    private static IReadOnlyList<ExtensionValue> One(string? value) => string.IsNullOrWhiteSpace(value) ? [] : [new ExtensionValue(value)];
}

/// <summary>A reconciliation request that cannot be answered (a 400 problem).</summary>
public sealed class ReconciliationRequestException(string message) : Exception(message);

/// <summary>One query of a batch: the name to match, how many candidates, and the country, city and website when given.</summary>
internal sealed record ReconciliationQuery(string? Text, int Limit, string? Country, string? City, string? Website)
{
    public static ReconciliationQuery Parse(string key, JsonElement query)
    {
        if (query.ValueKind != JsonValueKind.Object)
        {
            throw new ReconciliationRequestException($"Query '{key}' must be an object with a query string.");
        }

        string? text = null;
        if (query.TryGetProperty("query", out var q))
        {
            text = q.ValueKind == JsonValueKind.String ? q.GetString() : throw new ReconciliationRequestException($"Query '{key}': query must be a string.");
        }

        var limit = ReconciliationService.DefaultLimit;
        if (query.TryGetProperty("limit", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (l.ValueKind != JsonValueKind.Number || !l.TryGetDouble(out var value) || value < 1)
            {
                throw new ReconciliationRequestException($"Query '{key}': limit must be a positive number.");
            }

            limit = (int)Math.Min(value, DirectoryLookup.MaxLimit);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (query.TryGetProperty("properties", out var properties))
        {
            if (properties.ValueKind != JsonValueKind.Array)
            {
                throw new ReconciliationRequestException($"Query '{key}': properties must be an array of {{pid, v}}.");
            }

            foreach (var property in properties.EnumerateArray())
            {
                var pid = property.ValueKind == JsonValueKind.Object && property.TryGetProperty("pid", out var p) && p.ValueKind == JsonValueKind.String
                    ? p.GetString()!
                    : throw new ReconciliationRequestException($"Query '{key}': every property needs a pid.");
                if (!ReconciliationService.QueryProperties.Any(e => e.Id == pid))
                {
                    throw new ReconciliationRequestException(
                        $"Query '{key}': unknown property '{pid}'; the properties are {string.Join(", ", ReconciliationService.QueryProperties.Select(e => e.Id))}.");
                }

                values[pid] = property.TryGetProperty("v", out var v) ? FirstValue(v) : null;
            }
        }

        return new ReconciliationQuery(text, limit, values.GetValueOrDefault("country"), values.GetValueOrDefault("city"), values.GetValueOrDefault("website"));
    }

    /// <summary>A property value as text: a string, a number, a reconciled entity's name or id, or the first of an array.</summary>
    private static string? FirstValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.Array => v.EnumerateArray().Select(FirstValue).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)),
        JsonValueKind.Object when v.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
        JsonValueKind.Object when v.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String => i.GetString(),
        _ => null,
    };
}
