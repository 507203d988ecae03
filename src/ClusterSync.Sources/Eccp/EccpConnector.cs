using System.Runtime.CompilerServices;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Resilience;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources.Eccp;

/// <summary>
/// Reads ECCP cluster organisations through the modelled JSON:API listing, following <c>links.next</c>
/// until it is absent. Each resource is read on its own, so one bad resource becomes an unreadable item
/// and the read goes on; a page that is not JSON (after retries), a cycle or a listing longer than
/// <see cref="UpstreamOptions.MaxPages"/> fails the whole read. Deletions are not this connector's
/// business: the sync decides them from a full listing.
/// </summary>
public sealed class EccpConnector(IEccpApi api, IOptionsMonitor<EccpOptions> options) : ISourceConnector
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
        var pages = PagedEnumerable
            .FromLinks<EccpPage, JsonElement>(
                NextLinkOriginPolicy.Allow(origin),
                (link, token) => FetchAsync(link, ++number, query, links, settings, token),
                page => page.Resources,
                page => page.Next!)
            .WithMaxPages(settings.MaxPages);

        var fetched = 0;
        Uri? pending = null;
        await foreach (var page in pages.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            fetched++;
            pending = page.Next;
            for (var i = 0; i < page.Resources.Count; i++)
            {
                var item = ClusterOrganisationMapper.Map(page.Resources[i], i, page, settings.SiteAddress);
                SourcesTelemetry.RecordItem(Source, item.Organisation is not null);
                yield return item;
            }
        }

        if (pending is not null && fetched >= settings.MaxPages)
        {
            throw new UpstreamException(
                Source,
                $"the listing did not end within {settings.MaxPages} pages ({EccpRegistration.SectionName}:MaxPages); {pending} was not fetched, so the read stops rather than return an incomplete listing.");
        }
    }

    private async Task<EccpPage> FetchAsync(
        Uri? link,
        int number,
        ClusterOrganisationQuery query,
        NextLinkGuard links,
        EccpOptions settings,
        CancellationToken cancellationToken)
    {
        var description = link?.ToString() ?? UpstreamPageCall.Address(api.Client.BaseAddress, $"{ListingRoute}?{query}");
        var page = await UpstreamPageCall.GetJsonAsync(
            Source,
            $"page {number} ({description})",
            settings,
            token => link is null ? api.ListClusterOrganisationsAsync(query, token) : api.FollowAsync(link, token),
            CountResources,
            cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            links.Visit(page.Url);
        }

        return EccpPage.Read(Source, page.Url, number, page.Document, links);
    }

    private static int CountResources(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.GetArrayLength()
            : 0;
}
