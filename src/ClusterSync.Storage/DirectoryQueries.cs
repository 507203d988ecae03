using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage;

/// <summary>The analysts' reads of the published directory: search, filters, facets, sorting and keyset paging.</summary>
public sealed class DirectoryQueries(IClusterSyncDbContextFactory contexts)
{
    /// <summary>Values listed per facet, most frequent first.</summary>
    public const int FacetValues = 100;

    /// <summary>Filters whose facets and totals are remembered for the current publication.</summary>
    private const int RememberedFilters = 4096;

    // Facet counts and totals change only when a publication commits, and every publication writes change events: they
    // are remembered per (last change-event sequence, filter), and forgotten when the sequence moves on. A result is
    // remembered under the sequence read before it was computed, so it is never older than its key.
    private readonly ConcurrentDictionary<DirectoryFilter, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>> _facets = new();
    private readonly ConcurrentDictionary<DirectoryFilter, int> _totals = new();
    private readonly Lock _gate = new();
    private long _rememberedSequence = -1;

    /// <summary>
    /// Active organisations matching <paramref name="filter"/>, keyset-paged in <paramref name="sort"/> order on (sort key, id),
    /// with the number matching over all pages. Relevance pages by (score, id) within one query.
    /// </summary>
    /// <exception cref="InvalidCursorException">The cursor is not one this list returned for this sort (and, for relevance, these words).</exception>
    public async Task<(Page<OrganisationView> Page, int Total)> ListAsync(DirectoryFilter filter, DirectorySort sort, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var words = SearchText.QueryWords(filter.Text);
        var scope = Scope(sort, words);
        KeysetCursor? after = null;
        if (page.After is not null && (!KeysetCursor.TryDecode(page.After, out after) || after.Sort != DirectorySorts.NameOf(sort) || after.Scope != scope))
        {
            throw new InvalidCursorException();
        }

        var ranked = Ranked(db, filter, words);
        if (ranked is null)
        {
            return (new Page<OrganisationView>([], null), 0);
        }

        var sequence = await DirectoryStore.LastSequenceAsync(db, cancellationToken);
        if (!Remembered(sequence).TryGetValue(filter, out var total))
        {
            total = await ranked.CountAsync(cancellationToken);
            Remember(_totals, sequence, filter, total);
        }

        var rows = await Ordered(After(ranked, sort, after), sort).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return (Page.Of(rows, page.Limit, r => OrganisationView.From(r.Row), r => CursorOf(r, sort, scope)), total);
    }

    /// <summary>Counts of the organisations matching <paramref name="filter"/> per country, source, label and sector scheme.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>> FacetsAsync(DirectoryFilter filter, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var sequence = await DirectoryStore.LastSequenceAsync(db, cancellationToken);
        Remembered(sequence);
        if (_facets.TryGetValue(filter, out var remembered))
        {
            return remembered;
        }

        var facets = await CountFacetsAsync(db, filter, cancellationToken);
        Remember(_facets, sequence, filter, facets);
        return facets;
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<FacetCount>>> CountFacetsAsync(ClusterSyncDbContext db, DirectoryFilter filter, CancellationToken cancellationToken)
    {
        var facets = DirectoryFacets.All.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[], StringComparer.Ordinal);
        var ranked = Ranked(db, filter, SearchText.QueryWords(filter.Text));
        if (ranked is null)
        {
            return facets;
        }

        var ids = ranked.Select(r => r.Row.Id);
        var countries = await ranked.Where(r => r.Row.Country != null).GroupBy(r => r.Row.Country)
            .Select(g => new { Value = g.Key!, Count = g.Count() }).ToListAsync(cancellationToken);
        facets[DirectoryFacets.Country] = Top(countries.Select(c => new FacetCount(c.Value, c.Count)));
        var terms = await db.DirectoryTerms.Where(t => ids.Contains(t.OrganisationId)).GroupBy(t => new { t.Facet, t.Value })
            .Select(g => new { g.Key.Facet, g.Key.Value, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var facet in terms.GroupBy(t => t.Facet))
        {
            facets[facet.Key] = Top(facet.Select(t => new FacetCount(t.Value, t.Count)));
        }

        return facets;
    }

    /// <summary>The remembered totals, after forgetting everything remembered for an older publication.</summary>
    private ConcurrentDictionary<DirectoryFilter, int> Remembered(long sequence)
    {
        lock (_gate)
        {
            if (sequence > _rememberedSequence)
            {
                _facets.Clear();
                _totals.Clear();
                _rememberedSequence = sequence;
            }
        }

        return _totals;
    }

    private void Remember<T>(ConcurrentDictionary<DirectoryFilter, T> cache, long sequence, DirectoryFilter filter, T value)
    {
        lock (_gate)
        {
            // Only for the publication remembered now (a slower request of an older one adds nothing), and bounded.
            if (sequence == _rememberedSequence)
            {
                if (cache.Count >= RememberedFilters)
                {
                    cache.Clear();
                }

                cache[filter] = value;
            }
        }
    }

    /// <summary>An organisation in any status (active, merged, deleted), or null when the id was never given.</summary>
    public async Task<OrganisationView?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        return row is null ? null : OrganisationView.From(row);
    }

    /// <summary>The last committed change-event sequence: what the directory as read now is consistent with.</summary>
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await DirectoryStore.LastSequenceAsync(db, cancellationToken);
    }

    /// <summary>Active organisations matching the filter with their search score; null when the words can match nothing.</summary>
    internal static IQueryable<RankedOrganisation>? Ranked(ClusterSyncDbContext db, DirectoryFilter filter, IReadOnlyList<string> words)
    {
        if (filter.Text is not null && words.Count == 0)
        {
            return null;
        }

        var filtered = Filtered(db, filter);
        return words.Count == 0
            ? filtered.Select(o => new RankedOrganisation { Row = o, Score = 0 })
            : from o in filtered join h in SearchIndex.Hits(db, words) on o.Id equals h.Id select new RankedOrganisation { Row = o, Score = h.Score };
    }

    internal static IQueryable<DirectoryOrganisationRow> Filtered(ClusterSyncDbContext db, DirectoryFilter filter)
    {
        var query = db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active);
        if (filter.Country is { } country)
        {
            query = query.Where(o => o.Country == country);
        }

        if (filter.Region is { } region)
        {
            query = query.Where(o => o.Region == region);
        }

        query = WithTerm(db, query, DirectoryFacets.Source, filter.Source);
        query = WithTerm(db, query, DirectoryFacets.Label, filter.Label);
        query = WithTerm(db, query, filter.Sector?.Scheme, filter.Sector?.Code);
        if (filter.FoundedFrom is { } from)
        {
            query = query.Where(o => o.YearFounded >= from);
        }

        if (filter.FoundedTo is { } to)
        {
            query = query.Where(o => o.YearFounded <= to);
        }

        if (filter.UpdatedSince is { } since)
        {
            query = query.Where(o => o.UpdatedAt >= since);
        }

        if (filter.Box is { } box)
        {
            query = query.Where(o => o.Latitude >= box.South && o.Latitude <= box.North);
            query = box.West <= box.East
                ? query.Where(o => o.Longitude >= box.West && o.Longitude <= box.East)
                : query.Where(o => o.Longitude >= box.West || o.Longitude <= box.East);
        }

        return query;
    }

    internal static IQueryable<RankedOrganisation> Ordered(IQueryable<RankedOrganisation> query, DirectorySort sort) => sort switch
    {
        DirectorySort.Name => query.OrderBy(r => r.Row.Name).ThenBy(r => r.Row.Id),
        DirectorySort.NameDescending => query.OrderByDescending(r => r.Row.Name).ThenBy(r => r.Row.Id),
        DirectorySort.Updated => query.OrderBy(r => r.Row.UpdatedAt).ThenBy(r => r.Row.Id),
        DirectorySort.UpdatedDescending => query.OrderByDescending(r => r.Row.UpdatedAt).ThenBy(r => r.Row.Id),
        DirectorySort.Relevance => query.OrderByDescending(r => r.Score).ThenBy(r => r.Row.Id),
        _ => query.OrderBy(r => r.Row.Id),
    };

    private static IQueryable<RankedOrganisation> After(IQueryable<RankedOrganisation> query, DirectorySort sort, KeysetCursor? cursor)
    {
        if (cursor is null)
        {
            return query;
        }

        var id = cursor.Id;
        var key = cursor.Key;
        switch (sort)
        {
            case DirectorySort.Name:
                return query.Where(r => string.Compare(r.Row.Name, key) > 0 || (r.Row.Name == key && string.Compare(r.Row.Id, id) > 0));
            case DirectorySort.NameDescending:
                return query.Where(r => string.Compare(r.Row.Name, key) < 0 || (r.Row.Name == key && string.Compare(r.Row.Id, id) > 0));
            case DirectorySort.Updated:
            case DirectorySort.UpdatedDescending:
                if (!long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
                {
                    throw new InvalidCursorException();
                }

                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                return sort == DirectorySort.Updated
                    ? query.Where(r => r.Row.UpdatedAt > at || (r.Row.UpdatedAt == at && string.Compare(r.Row.Id, id) > 0))
                    : query.Where(r => r.Row.UpdatedAt < at || (r.Row.UpdatedAt == at && string.Compare(r.Row.Id, id) > 0));
            case DirectorySort.Relevance:
                if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
                {
                    throw new InvalidCursorException();
                }

                return query.Where(r => r.Score < score || (r.Score == score && string.Compare(r.Row.Id, id) > 0));
            default:
                return query.Where(r => string.Compare(r.Row.Id, id) > 0);
        }
    }

    private static string CursorOf(RankedOrganisation item, DirectorySort sort, string scope)
    {
        var key = sort switch
        {
            DirectorySort.Name or DirectorySort.NameDescending => item.Row.Name,
            DirectorySort.Updated or DirectorySort.UpdatedDescending => item.Row.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            DirectorySort.Relevance => item.Score.ToString("R", CultureInfo.InvariantCulture),
            _ => "",
        };
        return new KeysetCursor(DirectorySorts.NameOf(sort), key, item.Row.Id, scope).Encode();
    }

    private static string Scope(DirectorySort sort, IReadOnlyList<string> words) =>
        sort != DirectorySort.Relevance ? ""
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words))))[..16];

    private static IQueryable<DirectoryOrganisationRow> WithTerm(ClusterSyncDbContext db, IQueryable<DirectoryOrganisationRow> query, string? facet, string? value) =>
        facet is null || value is null ? query
        : query.Where(o => db.DirectoryTerms.Any(t => t.OrganisationId == o.Id && t.Facet == facet && t.Value == value));

    private static IReadOnlyList<FacetCount> Top(IEnumerable<FacetCount> counts) =>
        [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(FacetValues)];
}

/// <summary>An active organisation with its search score (0 without search words).</summary>
internal sealed class RankedOrganisation
{
    public required DirectoryOrganisationRow Row { get; init; }
    public double Score { get; init; }
}

/// <summary>How many organisations have one value of a facet.</summary>
public sealed record FacetCount(string Value, int Count);
