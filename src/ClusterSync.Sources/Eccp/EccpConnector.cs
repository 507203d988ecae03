using System.Runtime.CompilerServices;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Resilience;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Reads ECCP cluster organisations through the modelled JSON:API listing, following <c>links.next</c>
/// until it is absent. Each resource is read on its own, so one bad resource becomes an unreadable item
/// and the read goes on. A page that holds no resource yet links onward, or fewer than the listing's stated
/// total (<c>meta.count</c>) implies, is read again; if it stays so, the read goes on past it and yields a
/// <see cref="SourceItem.Gap"/>. A page that fails (after retries), a cycle or a listing longer than
/// <see cref="UpstreamOptions.MaxPages"/> ends the read with an <see cref="UpstreamException"/>. Deletions are
/// not this connector's business: the sync decides them from a complete full listing.
/// </summary>
public sealed class EccpConnector(IEccpApi api, IOptionsMonitor<EccpOptions> options, ILogger<EccpConnector> logger) : ISourceConnector
{
    private const string ListingRoute = "/jsonapi/node/cluster_organisation";

    /// <inheritdoc />
    public string Source => EccpRegistration.SourceId;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceItem> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        var origin = api.Client.BaseAddress
            ?? throw new InvalidOperationException($"The ECCP client has no base address ({EccpRegistration.SectionName}:BaseAddress).");
        var query = ClusterOrganisationQuery.For(request, settings.PageLimit, settings.OverlapWindow);
        var links = new NextLinkGuard(origin, Source);
        var number = 0;
        var position = 0L;
        var pages = PagedEnumerable
            .FromLinks<EccpPage, JsonElement>(
                NextLinkOriginPolicy.Allow(origin),
                (link, token) => FetchAsync(link, ++number, position, query, links, settings, token),
                page => page.Resources,
                page => page.Next!)
            .WithMaxPages(settings.MaxPages);

        var fetched = 0;
        Uri? pending = null;
        await foreach (var page in pages.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            fetched++;
            pending = page.Next;
            position += Math.Max(page.Resources.Count, Expected(page, settings.PageLimit, position) ?? 0);
            for (var i = 0; i < page.Resources.Count; i++)
            {
                var item = ClusterOrganisationMapper.Map(page.Resources[i], i, page, settings.SiteAddress);
                SourcesTelemetry.RecordItem(Source, item.Organisation is not null);
                yield return item;
            }

            if (page.Anomaly is { } anomaly)
            {
                yield return SourceItem.Gap(anomaly);
            }
        }

        if (pending is not null && fetched >= settings.MaxPages)
        {
            throw new UpstreamException(
                Source,
                $"the listing did not end within {settings.MaxPages} pages ({EccpRegistration.SectionName}:MaxPages); {pending} was not fetched, so the read stops rather than return an incomplete listing.");
        }
    }

    /// <param name="position">Where the page starts in the listing: the resources before it, counting those a short page should have held.</param>
    private async Task<EccpPage> FetchAsync(
        Uri? link,
        int number,
        long position,
        ClusterOrganisationQuery query,
        NextLinkGuard links,
        EccpOptions settings,
        CancellationToken cancellationToken)
    {
        var description = $"page {number} ({link?.ToString() ?? UpstreamPageCall.Address(api.Client.BaseAddress, $"{ListingRoute}?{query}")})";
        var (page, anomaly) = await AnomalousPageRetry.ReadAsync(
            token => FetchOnceAsync(link, number, description, query, settings, token),
            (candidate, _) => ValueTask.FromResult(Anomaly(candidate, settings.PageLimit, position)),
            Source,
            description,
            settings,
            logger,
            cancellationToken).ConfigureAwait(false);
        try
        {
            if (link is null)
            {
                links.Visit(page.Url);
            }

            page.FollowNext(links);
            page.Anomaly = anomaly;
            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }

    private async Task<EccpPage> FetchOnceAsync(
        Uri? link, int number, string description, ClusterOrganisationQuery query, EccpOptions settings, CancellationToken cancellationToken)
    {
        var page = await UpstreamPageCall.GetJsonAsync(
            Source,
            description,
            settings,
            token => link is null ? api.ListClusterOrganisationsAsync(query, token) : api.FollowAsync(link, token),
            CountResources,
            cancellationToken).ConfigureAwait(false);
        return EccpPage.Read(Source, page.Url, number, page.Document);
    }

    /// <summary>
    /// What is wrong with a page that answered: no resource while it links onward, or fewer resources than the
    /// listing's stated total implies for it. A short page alone is normal (Drupal drops what access checks hide).
    /// </summary>
    private static string? Anomaly(EccpPage page, int pageLimit, long position)
    {
        var count = page.Resources.Count;
        if (count == 0 && !string.IsNullOrWhiteSpace(page.NextHref))
        {
            return "listed no resource although it links to a next page";
        }

        if (Expected(page, pageLimit, position) is { } expected && count < expected)
        {
            return $"held {count} resource(s) where the listing's meta.count of {page.StatedTotal} implies {expected} ({position} before it)";
        }

        return page.StatedTotal is { } total && string.IsNullOrWhiteSpace(page.NextHref) && position + count < total
            ? $"ends the listing after {position + count} resource(s) although its meta.count states {total}"
            : null;
    }

    /// <summary>The resources a page starting at <paramref name="position"/> should hold by the listing's stated total; null when it states none.</summary>
    private static long? Expected(EccpPage page, int pageLimit, long position) =>
        page.StatedTotal is { } total ? Math.Clamp(total - position, 0, pageLimit) : null;

    private static int CountResources(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.GetArrayLength()
            : 0;
}
