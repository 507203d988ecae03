using System.Text.Json;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Feed;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// The published directory as the warm index needs it, and the publication of a run: source records,
/// quarantine, directory, links, change events and the run summary, all in one transaction.
/// </summary>
public sealed class DirectoryStore(IClusterSyncDbContextFactory contexts, TimeProvider time, ChangeNotifications notifications) : IDirectoryStore
{
    /// <summary>
    /// The published directory's membership: active organisations and the links of their present records, and the
    /// last link of each gone record with the versions of the deleted organisations those links lead to; merged
    /// organisations with their last members.
    /// </summary>
    public async Task<DirectoryMembership> LoadMembershipAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var membership = new DirectoryMembership();
        var gone = (await db.SourceRecords.AsNoTracking().Where(r => r.GoneInRunId != null).Select(r => new { r.Source, r.SourceId })
                .ToListAsync(cancellationToken))
            .Select(r => new SourceRecordKey(r.Source, r.SourceId)).ToHashSet();
        var links = (await db.RecordLinks.AsNoTracking().Select(l => new { l.Source, l.SourceId, l.OrganisationId })
                .ToListAsync(cancellationToken))
            .Select(l => (Key: new SourceRecordKey(l.Source, l.SourceId), l.OrganisationId))
            .ToLookup(l => gone.Contains(l.Key));
        var present = links[false].ToLookup(l => l.OrganisationId, l => l.Key, StringComparer.Ordinal);
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active)
            .Select(o => new { o.Id, o.Version, o.GoldenHash }).ToListAsync(cancellationToken);
        foreach (var org in orgs)
        {
            membership.Add(org.Id, org.Version, org.GoldenHash, present[org.Id]);
        }

        foreach (var (key, organisationId) in links[true])
        {
            membership.AddGone(key, organisationId);
        }

        var deleted = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Deleted)
            .Select(o => new { o.Id, o.Version }).ToListAsync(cancellationToken);
        foreach (var org in deleted)
        {
            membership.AddDeleted(org.Id, org.Version);
        }

        // A merged organisation's row keeps the golden record it had when last active: its last members.
        var merged = await db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Merged && o.RedirectTo != null)
            .Select(o => new { o.Id, o.Version, o.RedirectTo, o.GoldenJson }).ToListAsync(cancellationToken);
        foreach (var org in merged)
        {
            var members = org.GoldenJson.Length > 2
                ? RecordJson.DeserializeGolden(org.GoldenJson).SourceRecords.Select(m => new SourceRecordKey(m.Source, m.SourceId)).ToList()
                : [];
            membership.Former.Add(new FormerOrganisation(org.Id, org.Version, org.RedirectTo!, members));
        }

        return membership;
    }

    /// <inheritdoc />
    public async Task<List<MatchDecision>> LoadActiveDecisionsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.MatchDecisions.AsNoTracking().Where(d => d.RevokedAt == null).OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToDecision)];
    }

    internal static MatchDecision ToDecision(MatchDecisionRow row)
    {
        SourceRecordKey.TryParse(row.LeftKey, out var left);
        SourceRecordKey.TryParse(row.RightKey, out var right);
        return new MatchDecision(left, right, row.Kind);
    }

    /// <inheritdoc />
    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await LastSequenceAsync(db, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IDirectoryPublication> BeginPublicationAsync(CancellationToken cancellationToken) =>
        await DirectoryPublication.BeginAsync(contexts, time, notifications, cancellationToken);

    /// <summary>Publishes one run atomically (takes the publication lock, commits, releases it).</summary>
    public async Task PublishAsync(RunPublication publication, CancellationToken cancellationToken)
    {
        await using var held = await BeginPublicationAsync(cancellationToken);
        await held.CommitAsync(publication, cancellationToken);
    }

    internal static async Task<long> LastSequenceAsync(ClusterSyncDbContext db, CancellationToken cancellationToken) =>
        await db.ChangeEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;

    internal static string EventPayload(OrganisationWrite write) => write.Status switch
    {
        OrganisationStatus.Active => write.GoldenJson!,
        OrganisationStatus.Merged => JsonSerializer.Serialize(new { id = write.Id, survivorId = write.SurvivorId }),
        _ => JsonSerializer.Serialize(new { id = write.Id, deleted = true }),
    };
}
