using ClusterSync.Core.Publication;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>Writes a reconciliation: organisations, links, change events and review items.</summary>
internal static class DirectoryWriter
{
    private const int Chunk = 500;

    public static async Task WriteAsync(ClusterSyncDbContext db, long runId, Reconciliation reconciliation, DateTimeOffset now, CancellationToken ct)
    {
        await WriteOrganisationsAsync(db, runId, reconciliation, now, ct);
        await WriteLinksAsync(db, runId, reconciliation, ct);
        await WriteReviewItemsAsync(db, reconciliation, now, ct);
    }

    private static async Task WriteOrganisationsAsync(ClusterSyncDbContext db, long runId, Reconciliation reconciliation, DateTimeOffset now, CancellationToken ct)
    {
        var ids = reconciliation.Organisations.Select(o => o.Id).ToList();
        var rows = new Dictionary<string, DirectoryOrganisationRow>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var list = chunk.ToList();
            foreach (var row in await db.Organisations.Where(o => list.Contains(o.Id)).ToListAsync(ct))
            {
                rows[row.Id] = row;
            }
        }

        // Creations and updates first, then merges and deletions: a reader replaying the feed always
        // finds a merge's survivor already present.
        var ordered = reconciliation.Organisations
            .OrderBy(o => o.Status == OrganisationStatus.Active ? 0 : 1)
            .ThenBy(o => o.Id, StringComparer.Ordinal);
        var projected = new List<(string, GoldenRecord?)>();
        foreach (var write in ordered)
        {
            if (!rows.TryGetValue(write.Id, out var row))
            {
                row = new DirectoryOrganisationRow
                {
                    Id = write.Id,
                    Status = write.Status,
                    Name = "",
                    GoldenJson = "{}",
                    GoldenHash = "",
                    CreatedAt = now,
                    CreatedInRunId = runId,
                };
                db.Organisations.Add(row);
            }

            row.Status = write.Status;
            row.Version = write.Version;
            row.UpdatedAt = now;
            row.UpdatedInRunId = runId;
            // A split's survivor id names the organisation it left: it is no redirect.
            row.RedirectTo = write.EventType == ChangeEventTypes.Split ? null : write.SurvivorId;
            if (write.Golden is not null)
            {
                row.Name = write.Golden.Name.Length > 500 ? write.Golden.Name[..500] : write.Golden.Name;
                row.Country = write.Golden.Address?.Country;
                row.MemberCount = write.Members.Count;
                row.GoldenJson = write.GoldenJson!;
                row.GoldenHash = write.GoldenHash!;
            }
            else
            {
                row.MemberCount = 0;
            }

            var golden = write.Status == OrganisationStatus.Active ? write.Golden : null;
            OrganisationProjection.Apply(row, golden);
            projected.Add((write.Id, golden));

            db.ChangeEvents.Add(new ChangeEventRow
            {
                OrganisationId = write.Id,
                Type = write.EventType,
                SurvivorId = write.SurvivorId,
                Version = write.Version,
                PayloadJson = DirectoryStore.EventPayload(write),
                RunId = runId,
                OccurredAt = now,
            });
        }

        await OrganisationProjection.WriteTermsAsync(db, projected, ct);
    }

    /// <summary>
    /// Writes the links of records that (re)joined an organisation. A record that left the directory keeps its last
    /// link: should it come back, its organisation is restored under the same id.
    /// </summary>
    private static async Task WriteLinksAsync(ClusterSyncDbContext db, long runId, Reconciliation reconciliation, CancellationToken ct)
    {
        var keys = reconciliation.Links.Select(l => l.Key).ToList();
        var rows = new Dictionary<(string, string), RecordLinkRow>();
        foreach (var group in keys.GroupBy(k => k.Source))
        {
            foreach (var chunk in group.Select(k => k.SourceId).Chunk(Chunk))
            {
                var ids = chunk.ToList();
                foreach (var row in await db.RecordLinks.Where(l => l.Source == group.Key && ids.Contains(l.SourceId)).ToListAsync(ct))
                {
                    rows[(row.Source, row.SourceId)] = row;
                }
            }
        }

        foreach (var link in reconciliation.Links)
        {
            if (rows.TryGetValue((link.Key.Source, link.Key.SourceId), out var row))
            {
                row.OrganisationId = link.OrganisationId;
                row.MatchProbability = link.MatchProbability;
                row.LinkedInRunId = runId;
            }
            else
            {
                db.RecordLinks.Add(new RecordLinkRow
                {
                    Source = link.Key.Source,
                    SourceId = link.Key.SourceId,
                    OrganisationId = link.OrganisationId,
                    MatchProbability = link.MatchProbability,
                    LinkedInRunId = runId,
                });
            }
        }
    }

    private static async Task WriteReviewItemsAsync(ClusterSyncDbContext db, Reconciliation reconciliation, DateTimeOffset now, CancellationToken ct)
    {
        if (reconciliation.ReviewPairs.Count == 0)
        {
            return;
        }

        var lefts = reconciliation.ReviewPairs.Select(p => p.Left.ToString()).Distinct().ToList();
        var existing = new HashSet<(string, string)>();
        foreach (var chunk in lefts.Chunk(Chunk))
        {
            var list = chunk.ToList();
            foreach (var row in await db.ReviewItems.AsNoTracking().Where(r => list.Contains(r.LeftKey))
                         .Select(r => new { r.LeftKey, r.RightKey }).ToListAsync(ct))
            {
                existing.Add((row.LeftKey, row.RightKey));
            }
        }

        foreach (var pair in reconciliation.ReviewPairs)
        {
            var key = (pair.Left.ToString(), pair.Right.ToString());
            if (existing.Add(key))
            {
                db.ReviewItems.Add(new ReviewItemRow
                {
                    LeftKey = key.Item1,
                    RightKey = key.Item2,
                    Probability = pair.Probability,
                    ExplanationJson = System.Text.Json.JsonSerializer.Serialize(new { pair.Probability, pair.Weight }),
                    Status = ReviewStatus.Open,
                    CreatedAt = now,
                });
            }
        }
    }
}
