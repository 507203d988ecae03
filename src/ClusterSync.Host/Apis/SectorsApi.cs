using ClusterSync.Core.Directory;
using ClusterSync.Core.Normalisation.Sectors;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>The sector crosswalk with organisation counts each side of the Atlantic, and cross-Atlantic partner suggestions.</summary>
public static class SectorsApi
{
    public const int DefaultPartners = 10;
    public const int MaxPartners = 50;

    public static IEndpointRouteBuilder MapSectorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Sectors").AddEndpointFilter<ProblemEnrichmentFilter>()
            .AddEndpointFilter<ConditionalGetFilter>().RequireCors(CorsPolicies.Directory)
            .RequireDirectoryReader();
        api.MapGet("/sectors", ListSectors)
            .WithName("ListSectors")
            .WithSummary("Lists U.S. benchmark clusters, EU industrial ecosystems and NACE codes with the crosswalk and counts per side")
            .WithDescription("commonThemes lists the U.S. benchmark clusters organisations on both sides share (European ones through the crosswalk), "
                + "sorted by the smaller side's count.");
        api.MapGet("/organisations/{id}/partners", SuggestPartners)
            .WithName("SuggestPartners")
            .WithSummary("Suggests partners across the Atlantic by weighted sector overlap through the crosswalk, each with its reasons");
        return app;
    }

    public static async Task<Ok<SectorCatalogue>> ListSectors(SectorQueries sectors, CancellationToken cancellationToken)
    {
        var counts = (await sectors.CountsAsync(cancellationToken)).ToDictionary(c => (c.Scheme, c.Code));
        SectorEntry Entry(string scheme, string code, string? name, IReadOnlyList<ClusterCandidate> crosswalk)
        {
            var count = counts.GetValueOrDefault((scheme, code));
            return new SectorEntry(scheme, code, name, count?.Us ?? 0, count?.Europe ?? 0,
                [.. crosswalk.Select(c => new CrosswalkLink(SectorSchemes.UsCluster, c.ClusterCode, Math.Round(c.Weight, 4)))]);
        }

        var clusters = UsBenchmarkClusters.Default;
        var us = clusters.Codes.OrderBy(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))
            .Select(c => Entry(SectorSchemes.UsCluster, c, clusters.NameOf(c), [])).ToList();
        var ecosystems = EcosystemCrosswalk.Default.Ecosystems
            .Select(e => Entry(SectorSchemes.EuEcosystem, e, e, EcosystemCrosswalk.Default.CandidatesOf(e))).ToList();
        var nace = NaceCrosswalk.Default.Codes.Order(StringComparer.Ordinal)
            .Select(c => Entry(SectorSchemes.Nace2, c, null, NaceCrosswalk.Default.CandidatesOf(c))).ToList();
        var common = us.Where(s => s.Us > 0 && s.Europe > 0)
            .OrderByDescending(s => Math.Min(s.Us, s.Europe)).ThenByDescending(s => s.Us + s.Europe).ThenBy(s => s.Code, StringComparer.Ordinal)
            .Select(s => new CommonTheme(s.Code, s.Name!, s.Us, s.Europe)).ToList();
        return TypedResults.Ok(new SectorCatalogue(us, ecosystems, nace, common));
    }

    public static async Task<Results<Ok<PartnerSuggestions>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> SuggestPartners(
        string id, int? limit, SectorQueries sectors, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPartners)
        {
            return TypedResults.BadRequest(Problems.Invalid($"limit must be between 1 and {MaxPartners}."));
        }

        var suggestions = DirectoryIds.IsWellFormed(id)
            ? await sectors.PartnersAsync(id, limit ?? DefaultPartners, NameOf, cancellationToken)
            : null;
        return suggestions is null
            ? TypedResults.NotFound(Problems.Missing("active organisation", id))
            : TypedResults.Ok(new PartnerSuggestions(id, suggestions));
    }

    private static string? NameOf(string scheme, string code) =>
        scheme == SectorSchemes.UsCluster && UsBenchmarkClusters.Default.Normalise(code) is { } c ? UsBenchmarkClusters.Default.NameOf(c)
        : scheme == SectorSchemes.EuEcosystem ? code : null;
}

/// <summary>A U.S. benchmark cluster this sector maps to, with the crosswalk's weight.</summary>
public sealed record CrosswalkLink(string Scheme, string Code, double Weight);

/// <summary>One sector with the organisations each side of the Atlantic has in it, and its crosswalk to U.S. clusters.</summary>
public sealed record SectorEntry(string Scheme, string Code, string? Name, int Us, int Europe, IReadOnlyList<CrosswalkLink> Crosswalk);

/// <summary>A U.S. benchmark cluster organisations on both sides work in.</summary>
public sealed record CommonTheme(string Code, string Name, int Us, int Europe);

public sealed record SectorCatalogue(
    IReadOnlyList<SectorEntry> UsClusters, IReadOnlyList<SectorEntry> EuEcosystems, IReadOnlyList<SectorEntry> Nace2, IReadOnlyList<CommonTheme> CommonThemes);

/// <summary>Partner suggestions for one organisation, best first.</summary>
public sealed record PartnerSuggestions(string Id, IReadOnlyList<PartnerSuggestion> Partners);
