using System.Runtime.CompilerServices;
using System.Text.Json;
using ClusterSync.Core.Sync;
using ClusterSync.Sources.Resilience;
using ClusterSync.Sources.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace ClusterSync.Sources.UsClusterMapping;

/// <summary>
/// Reads the U.S. Cluster Registry page by page (<c>start</c>/<c>limit</c>). Offset paging states no total, so
/// the end is a page shorter than the limit confirmed by one request past it: when that request still finds
/// documents, the short page was not the end, and it is read again; if it stays short, the read goes on past it
/// and yields a <see cref="SourceItem.Gap"/>. A page that fails (after retries) ends the read with an
/// <see cref="UpstreamException"/>. The registry has no change feed, so an incremental read is a full listing
/// too; change detection happens downstream (by <c>ds_changed</c> when present, else by content hash).
/// </summary>
public sealed class UsClusterMappingConnector(
    IUsClusterMappingApi api, IOptionsMonitor<UsClusterMappingOptions> options, ILogger<UsClusterMappingConnector> logger)
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
                (page, start) => page.IsLast ? null : start + limit)
            .WithMaxPages(settings.MaxPages);

        var fetched = 0;
        var lastWasLast = true;
        await foreach (var page in pages.AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            fetched++;
            lastWasLast = page.IsLast;
            for (var i = 0; i < page.Documents.Count; i++)
            {
                var item = RegistryOrganisationMapper.Map(page.Documents[i], page.Description, i, settings.SiteAddress);
                SourcesTelemetry.RecordItem(Source, item.Organisation is not null);
                yield return item;
            }

            if (page.Anomaly is { } anomaly)
            {
                yield return SourceItem.Gap(anomaly);
            }
        }

        if (!lastWasLast && fetched >= settings.MaxPages)
        {
            throw new UpstreamException(
                Source,
                $"the registry listing did not end within {settings.MaxPages} pages of {limit} ({UsClusterMappingRegistration.SectionName}:MaxPages); stopped rather than return an incomplete listing.");
        }
    }

    /// <summary>
    /// The page at <paramref name="start"/>. A short page is the last only when the request past it finds nothing;
    /// otherwise it is read again until it is full or the anomaly budget is spent.
    /// </summary>
    private async Task<RegistryPage> FetchAsync(int start, int limit, UsClusterMappingOptions settings, CancellationToken cancellationToken)
    {
        var (page, anomaly) = await AnomalousPageRetry.ReadAsync(
            token => FetchOnceAsync(start, limit, settings, token),
            (candidate, token) => candidate.Documents.Count >= limit ? ValueTask.FromResult<string?>(null) : ConfirmEndAsync(candidate, start, limit, settings, token),
            Source,
            Describe(start, limit),
            settings,
            logger,
            cancellationToken).ConfigureAwait(false);
        page.Anomaly ??= anomaly;
        return page;
    }

    /// <summary>
    /// Asks for the page past a short one: empty, the short page is the last; documents there make the short page
    /// an anomaly. When the request past it fails, the page is kept as the last, its end unconfirmed.
    /// </summary>
    private async ValueTask<string?> ConfirmEndAsync(RegistryPage page, int start, int limit, UsClusterMappingOptions settings, CancellationToken cancellationToken)
    {
        RegistryPage past;
        try
        {
            past = await FetchOnceAsync(start + limit, limit, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (UpstreamException e)
        {
            page.IsLast = true;
            page.Anomaly = $"{Describe(start, limit)} held {page.Documents.Count} of {limit} document(s), and the request past it that would confirm the end failed: {e.Detail.TrimEnd('.')}";
            return null;
        }

        using (past)
        {
            page.IsLast = past.Documents.Count == 0;
            return page.IsLast
                ? null
                : $"held {page.Documents.Count} of {limit} document(s) although {Describe(start + limit, limit)} lists {past.Documents.Count} more";
        }
    }

    private async Task<RegistryPage> FetchOnceAsync(int start, int limit, UsClusterMappingOptions settings, CancellationToken cancellationToken)
    {
        var description = Describe(start, limit);
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

    private string Describe(int start, int limit) =>
        UpstreamPageCall.Address(api.Client.BaseAddress, FormattableString.Invariant($"/content/organization?start={start}&limit={limit}"));

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

        /// <summary>Whether the listing ends with this page (a short page confirmed by an empty one past it).</summary>
        public bool IsLast { get; set; }

        /// <summary>What was still wrong with the page after it was read again (the listing is incomplete there), or null.</summary>
        public string? Anomaly { get; set; }

        public void Dispose() => _document.Dispose();
    }
}
