using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Host.Apis;

/// <summary>The analysts' read API over the published directory.</summary>
public static class OrganisationsApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/organisations").WithTags("Organisations");
        api.MapGet("/", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("Lists active directory organisations")
            .WithDescription("Keyset-paged by id. Pass the returned nextCursor as cursor for the next page. Filters: country (ISO alpha-2), q (name contains).");
        api.MapGet("/{id}", GetOrganisation)
            .WithName("GetOrganisation")
            .WithSummary("Gets one directory organisation (golden record with provenance)")
            .WithDescription("A merged organisation answers 301 with the survivor's location; a deleted one 410.");
        return app;
    }

    /// <summary>Query parameters of <see cref="ListOrganisations"/>.</summary>
    public sealed record ListQuery(int? Limit, string? Cursor, string? Country, string? Q);

    public static async Task<Results<Ok<OrganisationPage>, ProblemHttpResult>> ListOrganisations(
        [AsParameters] ListQuery query, ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem(Problems.Invalid($"limit must be between 1 and {MaxLimit}."));
        }

        if (query.Cursor is not null && !DirectoryIds.IsWellFormed(query.Cursor))
        {
            return TypedResults.Problem(Problems.Invalid("cursor is not one this API returned."));
        }

        if (query.Country is not null && (query.Country.Length != 2 || !query.Country.All(char.IsAsciiLetter)))
        {
            return TypedResults.Problem(Problems.Invalid("country must be an ISO 3166-1 alpha-2 code, e.g. US or DE."));
        }

        var filtered = db.Organisations.AsNoTracking().Where(o => o.Status == OrganisationStatus.Active);
        if (query.Country is { } country)
        {
            var upper = country.ToUpperInvariant();
            filtered = filtered.Where(o => o.Country == upper);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = "%" + query.Q.Trim().ToLowerInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) + "%";
            filtered = filtered.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern));
        }

        var total = await filtered.CountAsync(cancellationToken);
        var page = filtered;
        if (query.Cursor is { } cursor)
        {
            page = page.Where(o => string.Compare(o.Id, cursor) > 0);
        }

        var rows = await page.OrderBy(o => o.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = rows.Take(limit).Select(OrganisationResource.From).ToList();
        var next = rows.Count > limit ? items[^1].Id : null;
        return TypedResults.Ok(new OrganisationPage(items, next, total));
    }

    public static async Task<Results<Ok<OrganisationResource>, RedirectToRouteHttpResult, ProblemHttpResult>> GetOrganisation(
        string id, ClusterSyncDbContext db, CancellationToken cancellationToken)
    {
        if (!DirectoryIds.IsWellFormed(id))
        {
            return TypedResults.Problem(Problems.Missing("organisation", id));
        }

        var row = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (row is null)
        {
            return TypedResults.Problem(Problems.Missing("organisation", id));
        }

        return row.Status switch
        {
            OrganisationStatus.Active => TypedResults.Ok(OrganisationResource.From(row)),
            OrganisationStatus.Merged => TypedResults.RedirectToRoute("GetOrganisation", new { id = row.RedirectTo }, permanent: true),
            _ => TypedResults.Problem(Problems.Create(StatusCodes.Status410Gone, Problems.Gone, "The organisation was deleted.",
                $"Organisation '{id}' no longer exists at any source; its id is never reused.")),
        };
    }
}

/// <summary>One directory organisation as the API returns it.</summary>
public sealed record OrganisationResource(string Id, string Status, long Version, DateTimeOffset UpdatedAt, JsonElement Organisation)
{
    internal static OrganisationResource From(Storage.Entities.DirectoryOrganisationRow row)
    {
        using var document = JsonDocument.Parse(row.GoldenJson);
        return new OrganisationResource(row.Id, row.Status, row.Version, row.UpdatedAt, document.RootElement.Clone());
    }
}

/// <summary>A page of organisations.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Total">Organisations matching the filters, over all pages.</param>
public sealed record OrganisationPage(IReadOnlyList<OrganisationResource> Items, string? NextCursor, int Total);
