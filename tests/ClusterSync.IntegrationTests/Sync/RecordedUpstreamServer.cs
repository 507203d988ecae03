using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.Sources.Eccp;
using ClusterSync.Sources.Recorded.Eccp;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>
/// Both upstreams over real HTTP (WireMock) from the recorded data: the U.S. registry from an editable copy
/// of its 145 documents, ECCP from the recorded listing. <see cref="Intercept"/> lets a test answer any page
/// itself (a fault, a hang) before the recording does.
/// </summary>
internal sealed class RecordedUpstreamServer : IDisposable
{
    public const string RegistryPath = "/data/content/organization";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SortedDictionary<long, string> _registry = LoadRegistry();
    private readonly Dictionary<long, string> _removed = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentBag<TaskCompletionSource> _holds = [];

    public RecordedUpstreamServer()
    {
        _server.Given(Request.Create().WithPath(RegistryPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => AnswerAsync(request, UsClusterMappingRegistration.SourceId, "start", ServeRegistry)));
        _server.Given(Request.Create().WithPath(RecordedEccp.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => AnswerAsync(request, EccpRegistration.SourceId, "page[offset]", ServeEccp)));
    }

    /// <summary>Base address of the registry API (<c>…/data</c>).</summary>
    public string RegistryAddress => _server.Url + "/data";

    /// <summary>Base address of the ECCP site.</summary>
    public string EccpAddress => _server.Url + "/";

    /// <summary>Answers a page before the recording when it returns a response; null lets the recording answer.</summary>
    public Func<PageRequest, Task<IResponseMessage?>>? Intercept { get; set; }

    /// <summary>Ids of the registry documents currently listed, ascending.</summary>
    public IReadOnlyList<string> RegistryIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _registry.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture))];
            }
        }
    }

    /// <summary>Edits one registry document in place (the next listing serves the edited one).</summary>
    public void EditRegistryDocument(string id, Action<JsonObject> edit)
    {
        lock (_gate)
        {
            var key = long.Parse(id, CultureInfo.InvariantCulture);
            var document = JsonNode.Parse(_registry[key])!.AsObject();
            edit(document);
            _registry[key] = document.ToJsonString();
        }
    }

    /// <summary>Takes registry documents out of the listing.</summary>
    public void RemoveRegistryDocuments(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                var key = long.Parse(id, CultureInfo.InvariantCulture);
                if (_registry.Remove(key, out var document))
                {
                    _removed[key] = document;
                }
            }
        }
    }

    /// <summary>Puts removed registry documents back into the listing.</summary>
    public void RestoreRegistryDocuments(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                var key = long.Parse(id, CultureInfo.InvariantCulture);
                if (_removed.Remove(key, out var document))
                {
                    _registry[key] = document;
                }
            }
        }
    }

    /// <summary>A registry edit: adds a benchmark cluster the document does not list yet.</summary>
    public static void AddCluster(JsonObject document)
    {
        var clusters = document["tm_field_clusters"]!.AsArray();
        var codes = clusters[0]!.GetValue<string>();
        var extra = new[] { "1", "2", "3" }.First(c => !codes.Split(' ').Contains("clusterData/" + c));
        clusters[0] = codes + " clusterData/" + extra;
    }

    /// <summary>
    /// Makes every request for one page wait until the server is disposed (replacing <see cref="Intercept"/>); the task
    /// returned completes when the first such request arrives.
    /// </summary>
    public Task HoldPage(string source, int offset)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds.Add(release);
        Intercept = async page =>
        {
            if (page.Source == source && page.Offset == offset)
            {
                reached.TrySetResult();
                await Task.WhenAny(release.Task, Task.Delay(TimeSpan.FromMinutes(2)));
                return (IResponseMessage)SourcesHarness.Json(503, "{}");
            }

            return null;
        };
        return reached.Task;
    }

    /// <summary>The decoded queries of the ECCP listing requests received, in order.</summary>
    public IReadOnlyList<Dictionary<string, string>> EccpQueries() =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == RecordedEccp.ListingPath)
            .OrderBy(e => e.RequestMessage.DateTime).Select(e => SourcesHarness.Query(e.RequestMessage))];

    public void ResetRequestLog() => _server.ResetLogEntries();

    public static IResponseMessage Status(int status) => SourcesHarness.Json(status, """{"error":"injected"}""");

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request, string source, string offsetKey, Func<IRequestMessage, IResponseMessage> recorded)
    {
        var query = SourcesHarness.Query(request);
        var offset = query.TryGetValue(offsetKey, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : 0;
        if (Intercept is { } intercept && await intercept(new PageRequest(source, offset, query)) is { } answer)
        {
            return answer;
        }

        return recorded(request);
    }

    private IResponseMessage ServeRegistry(IRequestMessage request)
    {
        var query = SourcesHarness.Query(request);
        var start = int.Parse(query.GetValueOrDefault("start", "0"), CultureInfo.InvariantCulture);
        var limit = int.Parse(query.GetValueOrDefault("limit", "10000"), CultureInfo.InvariantCulture);
        List<string> page;
        lock (_gate)
        {
            page = [.. _registry.Values.Skip(start).Take(limit)];
        }

        // Like the real API: one matching document comes as a bare object.
        var body = page.Count == 1 ? page[0] : "[" + string.Join(',', page) + "]";
        return SourcesHarness.Json(200, body);
    }

    private IResponseMessage ServeEccp(IRequestMessage request)
    {
        var recorded = RecordedEccp.Respond(SourcesHarness.PathAndQuery(request), new Uri(_server.Url!))!;
        return SourcesHarness.Json(recorded.StatusCode, recorded.Body, recorded.ContentType);
    }

    private static SortedDictionary<long, string> LoadRegistry()
    {
        var all = RecordedUsClusterMapping.Respond("/content/organization?start=0&limit=10000")!;
        using var document = JsonDocument.Parse(all.Body);
        var registry = new SortedDictionary<long, string>();
        foreach (var organisation in document.RootElement.EnumerateArray())
        {
            registry[organisation.GetProperty("entity_id").GetInt64()] = organisation.GetRawText();
        }

        return registry;
    }

    public void Dispose()
    {
        foreach (var hold in _holds)
        {
            hold.TrySetResult();
        }

        _server.Dispose();
    }
}

/// <summary>A page request as the upstream sees it: which source, which offset (<c>start</c> or <c>page[offset]</c>), the decoded query.</summary>
internal sealed record PageRequest(string Source, int Offset, IReadOnlyDictionary<string, string> Query);
