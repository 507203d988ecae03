namespace ClusterSync.Storage.Entities;

/// <summary>One organisation of the published directory.</summary>
public sealed class DirectoryOrganisationRow
{
    /// <summary>Opaque stable identifier, never reused.</summary>
    public required string Id { get; set; }

    public required string Status { get; set; }

    /// <summary>For a merged organisation: the surviving organisation's id.</summary>
    public string? RedirectTo { get; set; }

    public required string Name { get; set; }
    public string? Country { get; set; }
    public int MemberCount { get; set; }

    /// <summary>Golden record with per-field provenance (JSON).</summary>
    public required string GoldenJson { get; set; }

    /// <summary>SHA-256 of <see cref="GoldenJson"/>: an unchanged organisation is not rewritten.</summary>
    public required string GoldenHash { get; set; }

    /// <summary>Names, alternate names, acronym, initials and locality folded in .NET (<c>SearchText</c>); null until projected.</summary>
    public string? SearchText { get; set; }

    /// <summary>USPS state or NUTS 2 code.</summary>
    public string? Region { get; set; }

    public int? YearFounded { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long CreatedInRunId { get; set; }
    public long UpdatedInRunId { get; set; }
}
