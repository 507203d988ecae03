using ClusterSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// What a run publishes, read straight from the database: source records, quarantine, organisations, links,
/// change events and review items (sync runs are left out: every run writes its own). Two snapshots are
/// equal when nothing was published in between.
/// </summary>
internal sealed record DirectorySnapshot(
    IReadOnlyList<string> SourceRecords,
    IReadOnlyList<string> Quarantine,
    IReadOnlyList<string> Organisations,
    IReadOnlyList<string> Links,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> ReviewItems)
{
    public static async Task<DirectorySnapshot> TakeAsync(IClusterSyncDbContextFactory contexts)
    {
        await using var db = contexts.CreateDbContext();
        var records = await db.SourceRecords.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Source, r.SourceId, r.ContentHash, r.LastChangedRunId, r.GoneInRunId }).ToListAsync();
        var quarantine = await db.QuarantinedRecords.AsNoTracking().OrderBy(q => q.Id)
            .Select(q => new { q.Id, q.Source, q.SourceId, q.PayloadHash, q.FirstSeenRunId, q.ResolvedInRunId }).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Status, o.Version, o.GoldenHash, o.RedirectTo, o.UpdatedInRunId }).ToListAsync();
        var links = await db.RecordLinks.AsNoTracking().OrderBy(l => l.Source).ThenBy(l => l.SourceId)
            .Select(l => new { l.Source, l.SourceId, l.OrganisationId, l.LinkedInRunId }).ToListAsync();
        var events = await db.ChangeEvents.AsNoTracking().OrderBy(e => e.Sequence)
            .Select(e => new { e.Sequence, e.OrganisationId, e.Type, e.Version, e.RunId }).ToListAsync();
        var review = await db.ReviewItems.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.LeftKey, r.RightKey, r.Status, r.DecisionId }).ToListAsync();
        return new DirectorySnapshot(
            [.. records.Select(r => $"{r}")],
            [.. quarantine.Select(q => $"{q}")],
            [.. organisations.Select(o => $"{o}")],
            [.. links.Select(l => $"{l}")],
            [.. events.Select(e => $"{e}")],
            [.. review.Select(r => $"{r}")]);
    }

    /// <summary>Asserts that nothing was published since <paramref name="earlier"/>, table by table.</summary>
    public void AssertUnchangedSince(DirectorySnapshot earlier)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SourceRecords, Is.EqualTo(earlier.SourceRecords), "source records");
            Assert.That(Quarantine, Is.EqualTo(earlier.Quarantine), "quarantine");
            Assert.That(Organisations, Is.EqualTo(earlier.Organisations), "organisations");
            Assert.That(Links, Is.EqualTo(earlier.Links), "links");
            Assert.That(Events, Is.EqualTo(earlier.Events), "change events");
            Assert.That(ReviewItems, Is.EqualTo(earlier.ReviewItems), "review items");
        }
    }

    /// <summary>Rows in every table the model maps (sync runs and API keys included), by table name.</summary>
    public static async Task<Dictionary<string, long>> CountRowsAsync(IClusterSyncDbContextFactory contexts)
    {
        await using var db = contexts.CreateDbContext();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()!).Distinct())
        {
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
        }

        return counts;
    }
}
