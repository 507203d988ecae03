using System.Runtime.CompilerServices;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Resilience;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>
/// Reads the U.S. Cluster Registry page by page (<c>start</c>/<c>limit</c>) until a short page. The
/// registry has no change feed, so an incremental read is a full listing too; change detection happens
/// downstream (by <c>ds_changed</c> when present, else by content hash).
/// </summary>
public sealed class UsClusterMappingConnector(IUsClusterMappingApi api, IOptionsMonitor<UsClusterMappingOptions> options)
    : ISourceConnector
{
    /// <inheritdoc />
    public string Source => UsClusterMappingRegistration.SourceId;

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceItem> ReadAsync(ReadRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.CurrentValue;
        var limit = settings.PageSize;
        var pages = PagedEnumerable
            .FromOffset<RegistryPage, JsonElement>(
                (start, token) => FetchAsync(start, limit, settings, token),
                page => page.Documents,
                (page, start) => page.Documents.Count < limit ? null : start + limit)
            .WithMaxPages(settings.MaxPages);

        var fetched = 0;
        var lastWasFull = false;
        await foreach (var page in pages.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            fetched++;
            lastWasFull = page.Documents.Count >= limit;
            for (var i = 0; i < page.Documents.Count; i++)
            {
                var item = RegistryOrganisationMapper.Map(page.Documents[i], page.Description, i, settings.SiteAddress);
                SourcesTelemetry.RecordItem(Source, item.Organisation is not null);
                yield return item;
            }
        }

        if (lastWasFull && fetched >= settings.MaxPages)
        {
            throw new UpstreamException(
                Source,
                $"the registry listing did not end within {settings.MaxPages} pages of {limit} ({UsClusterMappingRegistration.SectionName}:MaxPages); stopped rather than return an incomplete listing.");
        }
    }

    private async Task<RegistryPage> FetchAsync(int start, int limit, UsClusterMappingOptions settings, CancellationToken cancellationToken)
    {
        var description = UpstreamPageCall.Address(api.Client.BaseAddress, $"/content/organization?start={start}&limit={limit}");
        var page = await UpstreamPageCall.GetJsonAsync(
            Source,
            description,
            settings,
            token => api.GetOrganisationsAsync(start, limit, token),
            CountDocuments,
            cancellationToken).ConfigureAwait(false);
        var root = page.Document.RootElement;
        if (root.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
        {
            page.Document.Dispose();
            throw new UpstreamException(Source, $"{page.Url} is a JSON {root.ValueKind}, neither a document nor a list of documents.");
        }

        return new RegistryPage(page.Url.ToString(), page.Document);
    }

    private static int CountDocuments(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.GetArrayLength(),
        JsonValueKind.Object => 1,
        _ => 0,
    };

    /// <summary>A registry page: the API's quirk of a bare object for exactly one document is undone here.</summary>
    private sealed class RegistryPage : IDisposable
    {
        private readonly JsonDocument _document;

        public RegistryPage(string description, JsonDocument document)
        {
            _document = document;
            Description = description;
            var root = document.RootElement;
            Documents = root.ValueKind == JsonValueKind.Object ? [root] : [.. root.EnumerateArray()];
        }

        public string Description { get; }

        public IReadOnlyList<JsonElement> Documents { get; }

        public void Dispose() => _document.Dispose();
    }
}
