using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// The directory's best view of one organisation, built from its member source records by
/// <see cref="Survivorship"/>. Every field says where it came from in <see cref="Provenance"/>.
/// </summary>
public sealed record GoldenRecord
{
    public required string Name { get; init; }
    public string? Acronym { get; init; }
    public IReadOnlyList<string> AlternateNames { get; init; } = [];
    public LegalForm? LegalForm { get; init; }
    public string? OrganisationType { get; init; }
    public PostalAddress? Address { get; init; }
    public GeoPoint? Coordinates { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? RegistrableDomain { get; init; }
    public string? EmailDomain { get; init; }
    public IReadOnlyList<SectorAssignment> Sectors { get; init; } = [];
    public MemberCounts? Members { get; init; }
    public int? YearFounded { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public IReadOnlyList<string> Partnerships { get; init; } = [];
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The source records this organisation is made of.</summary>
    public IReadOnlyList<MemberReference> SourceRecords { get; init; } = [];

    /// <summary>Field name (camelCase, as serialised) → where its value came from.</summary>
    public IReadOnlyDictionary<string, FieldProvenance> Provenance { get; init; } =
        new Dictionary<string, FieldProvenance>();
}

/// <summary>A member source record of a directory organisation.</summary>
public sealed record MemberReference(string Source, string SourceId, string? SourceUrl, string ContentHash);

/// <summary>Where a golden-record field came from.</summary>
/// <param name="Rule">The survivorship rule that chose it: <c>source-priority</c>, <c>most-recent</c>, <c>most-complete</c> or <c>union</c>.</param>
/// <param name="Source">The chosen record's source (for <c>union</c>: the first contributor).</param>
/// <param name="SourceId">The chosen record's id.</param>
/// <param name="Contributors">For <c>union</c>: every record that contributed, as <c>source:sourceId</c>.</param>
public sealed record FieldProvenance(string Rule, string Source, string SourceId, IReadOnlyList<string>? Contributors = null);

/// <summary>Survivorship rule names.</summary>
public static class SurvivorshipRules
{
    public const string SourcePriority = "source-priority";
    public const string MostRecent = "most-recent";
    public const string MostComplete = "most-complete";
    public const string Union = "union";

    public static readonly IReadOnlyList<string> All = [SourcePriority, MostRecent, MostComplete, Union];
}
