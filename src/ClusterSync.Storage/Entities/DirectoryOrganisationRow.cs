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

    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long CreatedInRunId { get; set; }
    public long UpdatedInRunId { get; set; }
}
