using System.Text.Json.Serialization;

namespace ClusterSync.Host.Reconciliation;

/// <summary>The service manifest of the W3C Entity Reconciliation API (protocol 0.2), as OpenRefine reads it.</summary>
public sealed record ReconciliationManifest(
    IReadOnlyList<string> Versions,
    string Name,
    string IdentifierSpace,
    string SchemaSpace,
    string Documentation,
    IReadOnlyList<ReconciliationType> DefaultTypes,
    ReconciliationView View,
    ReconciliationPreview Preview,
    ReconciliationSuggest Suggest,
    ReconciliationExtend Extend);

public sealed record ReconciliationType(string Id, string Name);

/// <param name="Url">A template with <c>{{id}}</c>: the organisation page.</param>
public sealed record ReconciliationView(string Url);

public sealed record ReconciliationPreview(string Url, int Width, int Height);

public sealed record ReconciliationSuggest(ServiceLocation Entity, ServiceLocation Property);

public sealed record ReconciliationExtend(
    [property: JsonPropertyName("propose_properties")] ServiceLocation ProposeProperties,
    [property: JsonPropertyName("property_settings")] IReadOnlyList<object> PropertySettings);

public sealed record ServiceLocation(
    [property: JsonPropertyName("service_url")] string ServiceUrl,
    [property: JsonPropertyName("service_path")] string ServicePath);

/// <summary>The candidates for one query of a batch.</summary>
public sealed record ReconciliationResult(IReadOnlyList<ReconciliationCandidate> Result);

/// <summary>A directory organisation proposed for a query.</summary>
/// <param name="Score">The matcher's probability, as a percentage.</param>
/// <param name="Match">True only for the single best candidate when it is above the auto-match threshold.</param>
public sealed record ReconciliationCandidate(
    string Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    double Score,
    bool Match,
    IReadOnlyList<ReconciliationType> Type,
    IReadOnlyList<CandidateFeature> Features);

/// <summary>A matching feature of a candidate: the match probability and the matcher's outcome.</summary>
public sealed record CandidateFeature(string Id, double Value);

/// <summary>An entity or property offered by a suggest service.</summary>
public sealed record SuggestItem(
    string Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description);

public sealed record SuggestResponse(IReadOnlyList<SuggestItem> Result);

/// <summary>The properties offered for data extension.</summary>
public sealed record PropertyProposal(string Type, IReadOnlyList<SuggestItem> Properties, int Limit);

/// <summary>A data extension answer: per organisation id, per property id, its values.</summary>
public sealed record ExtensionResponse(
    IReadOnlyList<SuggestItem> Meta,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ExtensionValue>>> Rows);

/// <summary>A string value of an extended property (<c>{"str": …}</c> in the protocol).</summary>
public sealed record ExtensionValue(string Str);
