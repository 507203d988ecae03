using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Sources;
using ClusterSync.Sources.Eccp;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sync;

/// <summary>What an upstream does wrong on one page of its listing.</summary>
public enum ListingFaultKind
{
    /// <summary>ECCP: the page lists nothing but links onward, the first time only.</summary>
    EmptyOnce,

    /// <summary>ECCP: the page lists nothing but links onward, every time.</summary>
    EmptyAlways,

    /// <summary>ECCP: the page leaves out its first resource while the listing states its total (<c>meta.count</c>).</summary>
    CountDisagrees,

    /// <summary>Registry: the page leaves out its first document, the first time only.</summary>
    ShortOnce,

    /// <summary>Registry: the page leaves out its first document, every time.</summary>
    ShortAlways,

    /// <summary>The page answers HTTP 500, every time.</summary>
    Fails,

    /// <summary>The page redirects to another host (which would answer it).</summary>
    RedirectsElsewhere,

    /// <summary>The page is larger than the response cap.</summary>
    Oversized,
}

/// <summary>A fault on one page: <paramref name="Page"/> counts from 0 (<c>offset / limit</c>).</summary>
public sealed record ListingFault(string Source, int Page, ListingFaultKind Kind);

/// <summary>
/// Small listings of both upstreams over real HTTP, built from the contracts (JSON:API links and <c>meta.count</c>;
/// registry <c>start</c>/<c>limit</c> with the bare-object quirk): ECCP 12 resources and the registry 11 documents, in
/// pages of <see cref="PageSize"/>. <see cref="Touch"/> gives every record a new version with a newer change stamp;
/// <see cref="Fault"/> breaks one page; <see cref="Elsewhere"/> is another host that must never be asked.
/// </summary>
internal sealed class ListingUpstream : IDisposable
{
    public const int PageSize = 3;
    public const int EccpCount = 12;
    public const int RegistryCount = 11;
    public const string RegistryPath = "/data/content/organization";

    private static readonly string[] EccpNames =
    [
        "Baltic Photonics Network", "Danube Mobility Alliance", "Iberian Food Valley", "Nordic Hydrogen Forum", "Alpine Wood Hub",
        "Adriatic Maritime Guild", "Carpathian Medtech Ring", "Flemish Space Circle", "Tuscan Fashion District", "Silesian Battery Works",
        "Aegean Tourism Council", "Celtic Fintech Quarter",
    ];

    private static readonly string[] EccpCountries = ["LT", "AT", "ES", "NO", "CH", "HR", "RO", "BE", "IT", "PL", "GR", "IE"];

    private static readonly string[] RegistryNames =
    [
        "Ozark Poultry Partnership", "Great Lakes Wind Council", "Sonoran Optics Group", "Piedmont Textile Network", "Bluegrass Equine Hub",
        "Cascadia Clean Tech", "Gulf Coast Shipbuilders", "Red River Agritech", "Mohawk Valley Nano", "High Plains Aerospace",
        "Chesapeake Seafood Collaborative",
    ];

    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly Dictionary<(string Source, int Page), int> _requestsByPage = [];
    private ListingFault? _fault;
    private readonly Lock _gate = new();

    public ListingUpstream()
    {
        Elsewhere = WireMockServer.Start();
        Elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Serve));
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Serve));
    }

    public string EccpAddress => _server.Url + "/";

    public string RegistryAddress => _server.Url + "/data";

    /// <summary>A host the sources are not configured for.</summary>
    public WireMockServer Elsewhere { get; }

    /// <summary>The version every record is at (1 at first).</summary>
    public int Version { get; private set; } = 1;

    /// <summary>The fault the listing serves from now on (its "first time" counts from here).</summary>
    public ListingFault? Fault
    {
        get => _fault;
        set
        {
            lock (_gate)
            {
                _requestsByPage.Clear();
                _fault = value;
            }
        }
    }

    /// <summary>ECCP pages state the listing's total in <c>meta.count</c>.</summary>
    public bool StatesTotal { get; set; }

    public static IEnumerable<string> EccpIds => Enumerable.Range(101, EccpCount).Select(Text);

    public static IEnumerable<string> RegistryIds => Enumerable.Range(201, RegistryCount).Select(Text);

    /// <summary>The ids on one page of a source's listing.</summary>
    public static IEnumerable<string> IdsOnPage(string source, int page) =>
        (source == EccpRegistration.SourceId ? EccpIds : RegistryIds).Skip(page * PageSize).Take(PageSize);

    /// <summary>The newest change stamp of a listing at <paramref name="version"/>.</summary>
    public static DateTimeOffset NewestChange(string source, int version) =>
        Changed(version, source == EccpRegistration.SourceId ? 100 + EccpCount : 200 + RegistryCount);

    /// <summary>Every record gets its next version, changed a day later than the last.</summary>
    public void Touch() => Version++;

    public void Dispose()
    {
        _server.Dispose();
        Elsewhere.Dispose();
    }

    private static DateTimeOffset Changed(int version, int id) => Epoch.AddDays(version).AddMinutes(id);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private IResponseMessage Serve(IRequestMessage request)
    {
        var query = SourcesHarness.Query(request);
        var eccp = request.Path == JsonApiPages.ListingPath;
        if (!eccp && request.Path != RegistryPath)
        {
            return SourcesHarness.Json(404, "{}");
        }

        var source = eccp ? EccpRegistration.SourceId : ClusterSync.Sources.UsClusterMapping.UsClusterMappingRegistration.SourceId;
        var limit = int.Parse(query.GetValueOrDefault(eccp ? "page[limit]" : "limit", "50"), CultureInfo.InvariantCulture);
        var offset = int.Parse(query.GetValueOrDefault(eccp ? "page[offset]" : "start", "0"), CultureInfo.InvariantCulture);
        var page = offset / limit;
        int attempt;
        lock (_gate)
        {
            attempt = _requestsByPage[(source, page)] = _requestsByPage.GetValueOrDefault((source, page)) + 1;
        }

        var fault = Fault is { } f && f.Source == source && f.Page == page ? f.Kind : (ListingFaultKind?)null;
        switch (fault)
        {
            case ListingFaultKind.Fails:
                return SourcesHarness.Json(500, """{"error":"injected"}""");
            case ListingFaultKind.RedirectsElsewhere:
                var moved = SourcesHarness.Json(302, "");
                moved.AddHeader("Location", Elsewhere.Url + SourcesHarness.PathAndQuery(request));
                return moved;
        }

        var dropFirst = fault is ListingFaultKind.CountDisagrees or ListingFaultKind.ShortAlways || (fault == ListingFaultKind.ShortOnce && attempt == 1);
        var empty = fault == ListingFaultKind.EmptyAlways || (fault == ListingFaultKind.EmptyOnce && attempt == 1);
        var padding = fault == ListingFaultKind.Oversized ? new string('x', 20_000) : null;
        return eccp
            ? SourcesHarness.Json(200, EccpPage(request, query, offset, limit, dropFirst, empty, padding), EccpTestServer.JsonApi)
            : SourcesHarness.Json(200, RegistryPage(offset, limit, dropFirst, padding));
    }

    private string EccpPage(IRequestMessage request, Dictionary<string, string> query, int offset, int limit, bool dropFirst, bool empty, string? padding)
    {
        var since = query.TryGetValue("filter[changed][condition][value]", out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : long.MinValue;
        var listed = Enumerable.Range(101, EccpCount).Where(nid => Changed(Version, nid).ToUnixTimeSeconds() >= since).ToList();
        var onPage = empty ? [] : listed.Skip(offset).Take(limit).Skip(dropFirst ? 1 : 0).ToList();
        var hasNext = empty || offset + limit < listed.Count;
        var next = new StringBuilder(_server.Url).Append(JsonApiPages.ListingPath).Append('?');
        foreach (var (key, text) in query.Where(q => q.Key != "page[offset]"))
        {
            next.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(text)).Append('&');
        }

        next.Append("page%5Boffset%5D=").Append(offset + limit);
        var document = JsonNode.Parse(JsonApiPages.Page(hasNext ? next.ToString() : null, onPage.Select(EccpResource), "[]",
            StatesTotal || dropFirst ? listed.Count : null))!.AsObject();
        if (padding is not null)
        {
            document["meta"] = new JsonObject { ["padding"] = padding };
        }

        return document.ToJsonString();
    }

    private string EccpResource(int nid) => new JsonObject
    {
        ["type"] = "node--cluster_organisation",
        ["id"] = $"00000000-0000-4000-8000-{nid:D12}",
        ["attributes"] = new JsonObject
        {
            ["drupal_internal__nid"] = nid,
            ["title"] = EccpNames[nid - 101],
            ["changed"] = Changed(Version, nid).ToUnixTimeSeconds(),
            ["field_members_total"] = Version,
            ["field_contact_person"] = $"Contact Person {nid}",
            ["field_address"] = new JsonObject { ["country_code"] = EccpCountries[nid - 101], ["locality"] = $"Town {nid}" },
        },
    }.ToJsonString(new JsonSerializerOptions());

    private string RegistryPage(int start, int limit, bool dropFirst, string? padding)
    {
        var documents = Enumerable.Range(201, RegistryCount).Skip(start).Take(limit).Skip(dropFirst ? 1 : 0)
            .Select(id => RegistryDocument(id, padding)).ToList();
        return documents.Count == 1 ? documents[0] : "[" + string.Join(',', documents) + "]";
    }

    private string RegistryDocument(int id, string? padding)
    {
        var document = new JsonObject
        {
            ["entity_id"] = id,
            ["label"] = RegistryNames[id - 201],
            ["ds_changed"] = Changed(Version, id).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["sm_field_established_year"] = new JsonArray(Text(1990 + Version)),
            ["sm_field_first_name"] = new JsonArray("Registrant"),
            ["sm_field_last_name"] = new JsonArray(Text(id)),
            ["address_administrative_area_s"] = "OH",
        };
        if (padding is not null)
        {
            document["ss_padding"] = padding;
        }

        return document.ToJsonString(new JsonSerializerOptions());
    }
}
