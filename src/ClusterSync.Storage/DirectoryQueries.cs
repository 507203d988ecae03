using ClusterSync.Core.Publication;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>The analysts' reads of the published directory.</summary>
public sealed class DirectoryQueries(IClusterSyncDbContextFactory contexts)
{
    /// <summary>Active organisations keyset-paged by id, with the number matching the filters over all pages.</summary>
    /// <param name="country">ISO 3166-1 alpha-2, upper case; null for any.</param>
    /// <param name="text">Words the name contains; null for any.</param>
    public async Task<(Page<OrganisationView> Page, int Total)> ListAsync(string? country, string? text, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var filtered = db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active);
        if (country is not null)
        {
            filtered = filtered.Where(o => o.Country == country);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + text.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            filtered = filtered.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern));
        }

        var total = await filtered.CountAsync(cancellationToken);
        var paged = filtered;
        if (page.After is { } after)
        {
            paged = paged.Where(o => string.Compare(o.Id, after) > 0);
        }

        var rows = await paged.OrderBy(o => o.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return (Page.Of(rows, page.Limit, OrganisationView.From, o => o.Id), total);
    }

    /// <summary>An organisation in any status (active, merged, deleted), or null when the id was never given.</summary>
    public async Task<OrganisationView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return row is null ? null : OrganisationView.From(row);
    }
}
