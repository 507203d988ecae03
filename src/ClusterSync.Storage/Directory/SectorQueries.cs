using ClusterSync.Core.Directory;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>How many active organisations on each side of the Atlantic have one sector.</summary>
public sealed record SectorCount(string Scheme, string Code, int Us, int Europe);

/// <summary>Sector counts for the crosswalk, and the candidates for cross-Atlantic partner suggestions.</summary>
public sealed class SectorQueries(IClusterSyncDbContextFactory contexts)
{
    /// <summary>Candidates scored on sector overlap before their member mix is read.</summary>
    public const int CandidatePool = 200;

    public async Task<IReadOnlyList<SectorCount>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var us = AtlanticSide.UsCountryCodes.ToList();
        var rows = await (from t in db.DirectoryTerms
                          join o in db.Organisations on t.OrganisationId equals o.Id
                          where o.Status == OrganisationStatus.Active && t.Facet != DirectoryFacets.Source && t.Facet != DirectoryFacets.Label
                          group t by new { t.Facet, t.Value, IsUs = o.Country != null && us.Contains(o.Country) } into g
                          select new { g.Key.Facet, g.Key.Value, g.Key.IsUs, Count = g.Count() }).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => (r.Facet, r.Value))
            .Select(g => new SectorCount(g.Key.Facet, g.Key.Value, g.Where(r => r.IsUs).Sum(r => r.Count), g.Where(r => !r.IsUs).Sum(r => r.Count)))];
    }

    /// <summary>
    /// Partner suggestions for an active organisation: active organisations on the other side of the Atlantic ranked by
    /// <see cref="PartnerRanking"/>; null when the organisation is not active or its side is unknown.
    /// </summary>
    public async Task<IReadOnlyList<PartnerSuggestion>?> PartnersAsync(string id, int limit, Func<string, string, string?> sectorName, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Status == OrganisationStatus.Active, cancellationToken);
        if (row is null || AtlanticSide.Of(row.Country) is not { } side)
        {
            return null;
        }

        var golden = RecordJson.DeserializeGolden(row.GoldenJson);
        var self = new PartnerProfile(row.Id, row.Name, row.Country, golden.Sectors, golden.Members);
        var us = AtlanticSide.UsCountryCodes.ToList();
        var others = db.Organisations.Where(o => o.Status == OrganisationStatus.Active && o.Country != null
            && (side == AtlanticSide.Us ? !us.Contains(o.Country) : us.Contains(o.Country)));
        var mine = golden.Sectors.Where(s => DirectoryFacets.SectorSchemes.Contains(s.Scheme)).Select(s => s.Scheme + ":" + s.Code).Distinct().ToList();
        if (mine.Count == 0)
        {
            return [];
        }

        var candidateIds = db.DirectoryTerms.Where(t => mine.Contains(t.Facet + ":" + t.Value) && others.Any(o => o.Id == t.OrganisationId))
            .Select(t => t.OrganisationId).Distinct();
        var terms = await db.DirectoryTerms.AsNoTracking()
            .Where(t => candidateIds.Contains(t.OrganisationId) && t.Facet != DirectoryFacets.Source && t.Facet != DirectoryFacets.Label)
            .Select(t => new { t.OrganisationId, t.Facet, t.Value, t.Weight }).ToListAsync(cancellationToken);
        var bySectors = terms.GroupBy(t => t.OrganisationId, StringComparer.Ordinal)
            .Select(g => new PartnerProfile(g.Key, g.Key, null, [.. g.Select(t => new SectorAssignment(t.Facet, t.Value, null, t.Weight))], null));
        var pool = PartnerRanking.Rank(self, bySectors, CandidatePool, sectorName).Select(s => s.Id).ToList();
        var rows = await db.Organisations.AsNoTracking().Where(o => pool.Contains(o.Id)).ToListAsync(cancellationToken);
        var profiles = rows.Select(r =>
        {
            var g = RecordJson.DeserializeGolden(r.GoldenJson);
            return new PartnerProfile(r.Id, r.Name, r.Country, g.Sectors, g.Members);
        });
        return PartnerRanking.Rank(self, profiles, limit, sectorName);
    }
}
