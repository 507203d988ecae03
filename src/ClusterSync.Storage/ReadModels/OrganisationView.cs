using ClusterSync.Storage.Entities;

namespace ClusterSync.Storage.ReadModels;

/// <summary>A directory organisation as stored: its lifecycle and its golden record (JSON with per-field provenance).</summary>
/// <param name="RedirectTo">For a merged organisation, the survivor's id.</param>
public sealed record OrganisationView(string Id, string Status, string? RedirectTo, long Version, DateTimeOffset UpdatedAt, string GoldenJson)
{
    internal static OrganisationView From(DirectoryOrganisationRow row) =>
        new(row.Id, row.Status, row.RedirectTo, row.Version, row.UpdatedAt, row.GoldenJson);
}
