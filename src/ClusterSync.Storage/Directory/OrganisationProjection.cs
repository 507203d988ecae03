using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>
/// The queryable columns and terms of an organisation, derived from its golden record at publication: the folded
/// search text, region, founding year, coordinates, and one term per source, label and sector.
/// </summary>
internal static class OrganisationProjection
{
    private const int Chunk = 500;

    public static void Apply(DirectoryOrganisationRow row, GoldenRecord? golden)
    {
        row.SearchText = golden is null ? "" : Truncate(SearchText.Of(golden), 4000);
        row.Region = golden?.Address?.RegionCode is { Length: <= 8 } region ? region : null;
        row.YearFounded = golden?.YearFounded;
        row.Latitude = golden?.Coordinates?.Latitude;
        row.Longitude = golden?.Coordinates?.Longitude;
    }

    public static IEnumerable<DirectoryTermRow> Terms(string id, GoldenRecord golden)
    {
        var terms = new Dictionary<(string, string), double>();
        foreach (var member in golden.SourceRecords)
        {
            terms[(DirectoryFacets.Source, member.Source)] = 1;
        }

        foreach (var label in golden.Labels)
        {
            terms[(DirectoryFacets.Label, Truncate(label, 200))] = 1;
        }

        foreach (var sector in golden.Sectors.Where(s => DirectoryFacets.SectorSchemes.Contains(s.Scheme)))
        {
            var key = (sector.Scheme, Truncate(sector.Code, 200));
            terms[key] = Math.Max(terms.GetValueOrDefault(key), sector.Weight);
        }

        return terms.Select(t => new DirectoryTermRow { OrganisationId = id, Facet = t.Key.Item1, Value = t.Key.Item2, Weight = t.Value });
    }

    /// <summary>Replaces the terms of the written organisations (inside the publication's transaction).</summary>
    public static async Task WriteTermsAsync(ClusterSyncDbContext db, IReadOnlyList<(string Id, GoldenRecord? Golden)> organisations, CancellationToken ct)
    {
        foreach (var chunk in organisations.Select(o => o.Id).Chunk(Chunk))
        {
            var ids = chunk.ToList();
            await db.DirectoryTerms.Where(t => ids.Contains(t.OrganisationId)).ExecuteDeleteAsync(ct);
        }

        foreach (var (id, golden) in organisations)
        {
            if (golden is not null)
            {
                db.DirectoryTerms.AddRange(Terms(id, golden));
            }
        }
    }

    /// <summary>Projects active organisations published before the projection existed (search text still null).</summary>
    public static async Task BackfillAsync(ClusterSyncDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var rows = await db.Organisations.Where(o => o.SearchText == null).OrderBy(o => o.Id).Take(Chunk).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = new List<(string, GoldenRecord?)>();
            foreach (var row in rows)
            {
                var golden = row.Status == OrganisationStatus.Active ? RecordJson.DeserializeGolden(row.GoldenJson) : null;
                Apply(row, golden);
                written.Add((row.Id, golden));
            }

            await WriteTermsAsync(db, written, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;
}
