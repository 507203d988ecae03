using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Storage;
using ClusterSync.Storage.ReadModels;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>The analysts' read API over the published directory.</summary>
public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/organisations").WithTags("Organisations").AddEndpointFilter<ProblemEnrichmentFilter>()
            .RequireDirectoryReader();
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

    public static async Task<Results<Ok<OrganisationPage>, BadRequest<ProblemDetails>>> ListOrganisations(
        [AsParameters] PageQuery page, string? country, string? q, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        if (page.Cursor is not null && !DirectoryIds.IsWellFormed(page.Cursor))
        {
            return TypedResults.BadRequest(Problems.Invalid("cursor is not one this API returned."));
        }

        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            return TypedResults.BadRequest(Problems.Invalid("country must be an ISO 3166-1 alpha-2 code, e.g. US or DE."));
        }

        var (result, total) = await directory.ListAsync(country?.ToUpperInvariant(), q, page.ToRequest(), cancellationToken);
        return TypedResults.Ok(new OrganisationPage([.. result.Items.Select(OrganisationResource.From)], result.NextCursor, total));
    }

    public static async Task<Results<Ok<OrganisationResource>, RedirectToRouteHttpResult, NotFound<ProblemDetails>, Gone>> GetOrganisation(
        string id, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        var organisation = DirectoryIds.IsWellFormed(id) ? await directory.FindAsync(id, cancellationToken) : null;
        return organisation?.Status switch
        {
            null => TypedResults.NotFound(Problems.Missing("organisation", id)),
            OrganisationStatus.Active => TypedResults.Ok(OrganisationResource.From(organisation)),
            OrganisationStatus.Merged => TypedResults.RedirectToRoute("GetOrganisation", new { id = organisation.RedirectTo }, permanent: true),
            _ => new Gone(Problems.Deleted(id)),
        };
    }
}

/// <summary>One directory organisation as the API returns it.</summary>
public sealed record OrganisationResource(string Id, string Status, long Version, DateTimeOffset UpdatedAt, JsonElement Organisation)
{
    internal static OrganisationResource From(OrganisationView view)
    {
        using var document = JsonDocument.Parse(view.GoldenJson);
        return new OrganisationResource(view.Id, view.Status, view.Version, view.UpdatedAt, document.RootElement.Clone());
    }
}

/// <summary>A page of organisations.</summary>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last page.</param>
/// <param name="Total">Organisations matching the filters, over all pages.</param>
public sealed record OrganisationPage(IReadOnlyList<OrganisationResource> Items, string? NextCursor, int Total);
