using System.Text.Json;
using ClusterSync.Core.Publication;
using ClusterSync.Storage;
using ClusterSync.Storage.Paging;
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
            .AddEndpointFilter<ConditionalGetFilter>().RequireCors(CorsPolicies.Directory)
            .RequireDirectoryReader();
        api.MapGet("/", ListOrganisations)
            .WithName("ListOrganisations")
            .WithSummary("Searches and lists active directory organisations")
            .WithDescription("q searches names, alternate names, acronyms and localities in any script (case and accents folded, words in any order). "
                + "Filters: country, region, source, sector (scheme:code with scheme us-cluster, eu-ecosystem or nace2), label, foundedFrom, foundedTo, "
                + "updatedSince, bbox (west,south,east,north). sort: id (default), name, -name, updatedAt, -updatedAt, relevance (default with q). "
                + "Keyset-paged: pass nextCursor as cursor. An unknown parameter is a 400 problem.");
        api.MapGet("/facets", GetFacets)
            .WithName("GetOrganisationFacets")
            .WithSummary("Counts the matching organisations per country, source, label and sector scheme")
            .WithDescription("Takes the filters of ListOrganisations.");
        api.MapGet("/export", ExportOrganisations)
            .WithName("ExportOrganisations")
            .WithSummary("Exports the matching organisations as CSV, JSON Lines or GeoJSON")
            .WithDescription("Streamed in the list's order with its filters and sort. X-Feed-Cursor names the change-feed cursor the export is consistent with; "
                + "X-Attribution credits each source; GeoJSON leaves out organisations without coordinates and counts them in X-Without-Coordinates.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/jsonl", "application/geo+json");
        api.MapGet("/{id}", GetOrganisation)
            .WithName("GetOrganisation")
            .WithSummary("Gets one directory organisation (golden record with provenance)")
            .WithDescription("A merged organisation answers 301 with the survivor's location; a deleted one 410.")
            .Produces(StatusCodes.Status301MovedPermanently);
        return app;
    }

    public static async Task<Results<Ok<OrganisationPage>, BadRequest<ProblemDetails>>> ListOrganisations(
        [AsParameters] PageQuery page, HttpRequest request, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        var (query, invalid) = DirectoryQueryString.Read(request.Query, "limit", "cursor");
        if (query is null)
        {
            return TypedResults.BadRequest(invalid!);
        }

        try
        {
            var (result, total) = await directory.ListAsync(query.Filter, query.Sort, page.ToRequest(), cancellationToken);
            return TypedResults.Ok(new OrganisationPage([.. result.Items.Select(OrganisationResource.From)], result.NextCursor, total));
        }
        catch (InvalidCursorException)
        {
            return TypedResults.BadRequest(Problems.Invalid("cursor is not one this API returned for this sort and search."));
        }
    }

    public static async Task<Results<Ok<OrganisationFacets>, BadRequest<ProblemDetails>>> GetFacets(
        HttpRequest request, DirectoryQueries directory, CancellationToken cancellationToken)
    {
        var (query, invalid) = DirectoryQueryString.Read(request.Query);
        if (query is null)
        {
            return TypedResults.BadRequest(invalid!);
        }

        return TypedResults.Ok(new OrganisationFacets(await directory.FacetsAsync(query.Filter, cancellationToken)));
    }

    public static async Task<Results<EmptyHttpResult, BadRequest<ProblemDetails>>> ExportOrganisations(
        HttpContext context, string? format, DirectoryExporter exporter, CancellationToken cancellationToken)
    {
        var (query, invalid) = DirectoryQueryString.Read(context.Request.Query, "format");
        if (query is null)
        {
            return TypedResults.BadRequest(invalid!);
        }

        if (ExportFormats.Parse(format ?? "csv") is not { } exportFormat)
        {
            return TypedResults.BadRequest(Problems.Invalid("format must be csv, jsonl or geojson."));
        }

        await exporter.ExportAsync(exportFormat, query.Filter, query.Sort, (header, _) =>
        {
            var response = context.Response;
            response.ContentType = ExportFormats.MediaType(exportFormat);
            response.Headers["X-Feed-Cursor"] = header.FeedCursor;
            response.Headers["X-Attribution"] = header.Attribution.ToArray();
            response.Headers["X-Export-Count"] = header.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (exportFormat == ExportFormat.GeoJson)
            {
                response.Headers["X-Without-Coordinates"] = header.WithoutCoordinates.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            response.Headers.ContentDisposition = $"attachment; filename=\"organisations.{ExportFormats.Extension(exportFormat)}\"";
            return Task.FromResult(response.Body);
        }, cancellationToken);
        return TypedResults.Empty;
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

/// <summary>Facet counts of the matching organisations: facet name → values, most frequent first.</summary>
public sealed record OrganisationFacets(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <summary>The export formats' names, media types and file extensions.</summary>
public static class ExportFormats
{
    public static ExportFormat? Parse(string name) => name switch
    {
        "csv" => ExportFormat.Csv,
        "jsonl" => ExportFormat.JsonLines,
        "geojson" => ExportFormat.GeoJson,
        _ => null,
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.JsonLines => "jsonl",
        _ => "geojson",
    };

    public static string MediaType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.JsonLines => "application/jsonl",
        _ => "application/geo+json",
    };
}
