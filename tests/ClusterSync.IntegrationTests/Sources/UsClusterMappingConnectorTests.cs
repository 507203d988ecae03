using ClusterSync.Core.Records;
using ClusterSync.Sources.Recorded.UsClusterMapping;
using ClusterSync.Sources.UsClusterMapping;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class UsClusterMappingConnectorTests
{
    private WireMockServer _server = null!;

    [SetUp]
    public void StartServer() => _server = WireMockServer.Start();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Full_read_pages_the_recorded_registry_until_a_short_page()
    {
        ServeRecorded();
        using var provider = Build(pageSize: 50);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items, Has.Count.EqualTo(145));
        Assert.That(items.Select(i => i.Organisation), Has.All.Not.Null);
        Assert.That(_server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => SourcesHarness.Query(e.RequestMessage)["start"]), Is.EqualTo(new[] { "0", "50", "100", "150" }));
    }

    [Test]
    public async Task A_last_page_of_one_document_arrives_as_a_bare_object_and_is_read()
    {
        ServeRecorded();
        using var provider = Build(pageSize: 48);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        var lastPage = _server.LogEntries.Single(e => SourcesHarness.Query(e.RequestMessage)["start"] == "144");
        Assert.That(lastPage.ResponseMessage.BodyData!.BodyAsString, Does.StartWith("{"));
        Assert.That(items, Has.Count.EqualTo(145));
        Assert.That(items[^1].Organisation!.SourceId, Is.EqualTo("2493"));
    }

    [Test]
    public async Task A_short_page_is_the_end_once_the_request_past_it_finds_nothing()
    {
        ServeFirstPage("""[{"entity_id":1,"label":"A"},{"entity_id":2,"label":"B"}]""");
        using var provider = Build(pageSize: 10);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.SourceId), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(Starts(), Is.EqualTo(new[] { "0", "10" }));
    }

    [Test]
    public async Task A_short_page_with_documents_past_it_is_read_again_and_the_read_goes_on_past_it_with_a_gap()
    {
        _server.Given(Request.Create().WithPath("/data/content/organization").UsingGet())
            .RespondWith(Response.Create().WithCallback(request => SourcesHarness.Query(request)["start"] switch
            {
                "0" => SourcesHarness.Json(200, """[{"entity_id":1,"label":"A"}]"""),
                "2" => SourcesHarness.Json(200, """[{"entity_id":3,"label":"C"}]"""),
                _ => SourcesHarness.Json(200, "[]"),
            }));
        using var provider = Build(pageSize: 2);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Where(i => !i.IsGap).Select(i => i.SourceId), Is.EqualTo(new[] { "1", "3" }));
        Assert.That(items.Single(i => i.IsGap).GapReason, Does.Contain("start=0&limit=2 held 1 of 2 document(s) although")
            .And.Contain("start=2&limit=2 lists 1 more").And.EndWith("still after 4 attempt(s)"));
        Assert.That(Starts(), Is.EqualTo(new[] { "0", "2", "0", "2", "0", "2", "0", "2", "2", "4" }));
    }

    [Test]
    public async Task A_page_that_is_a_bare_object_gives_one_organisation()
    {
        ServeFirstPage("""{"entity_id":332,"label":"Space Florida","tm_field_clusters":"clusterData/1"}""");
        using var provider = Build(pageSize: 10);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Space Florida" }));
        Assert.That(items[0].Organisation!.Sectors, Is.EqualTo(new[] { new RawSector(SectorSchemes.UsCluster, "1") }));
    }

    [Test]
    public async Task Registry_document_fields_map_to_the_raw_organisation()
    {
        ServeFirstPage(FullDocument);
        using var provider = Build(pageSize: 10);

        var organisation = (await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync()).Single().Organisation!;

        Assert.That(organisation, Is.EqualTo(new RawOrganisation
        {
            Source = UsClusterMappingRegistration.SourceId,
            SourceId = "445",
            SourceUrl = "http://clustermapping.us/organization/ohio-aerospace-institute",
            Name = "Ohio Aerospace Institute",
            OrganisationType = "Research Institute",
            Locality = "Cleveland",
            Region = "OH",
            PostalCode = "44142",
            DefaultCountry = "US",
            Latitude = "41.4142",
            Longitude = "-81.8620",
            Email = "info@oai.example",
            Sectors = [new RawSector(SectorSchemes.UsCluster, "1"), new RawSector(SectorSchemes.UsCluster, "45")],
            YearFounded = "1989",
            UpdatedAt = new DateTimeOffset(2015, 7, 14, 12, 30, 0, TimeSpan.Zero),
            ContactName = "Jane Example",
        }).Using<RawOrganisation>(SameOrganisation));
    }

    [Test]
    public async Task A_document_with_an_optional_field_of_the_wrong_type_is_read_without_it_and_with_a_warning()
    {
        ServeFirstPage("""[{"entity_id":1,"label":"Good"},{"entity_id":2,"label":"Odd","ds_changed":{"when":"yesterday"},"address_locality_s":["Erie","Buffalo"]},{"entity_id":3,"label":"Also good"}]""");
        using var provider = Build(pageSize: 10);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation?.SourceId), Is.EqualTo(new[] { "1", "2", "3" }));
        var odd = items[1].Organisation!;
        Assert.That((odd.Name, odd.UpdatedAt, odd.Locality), Is.EqualTo(("Odd", (DateTimeOffset?)null, (string?)null)));
        Assert.That(odd.ReadWarnings, Is.EqualTo(new[]
        {
            "field 'ds_changed' is an object ({\"when\":\"yesterday\"}), not a date-time (ISO 8601 or Unix seconds)",
            "field 'address_locality_s' is a list ([\"Erie\",\"Buffalo\"]), not text",
        }));
        Assert.That(items[0].Organisation!.ReadWarnings, Is.Empty);
    }

    [TestCase("1436000103", TestName = "ds_changed_as_Unix_seconds_is_read")]
    [TestCase("\"1436000103\"", TestName = "ds_changed_as_Unix_seconds_in_text_is_read")]
    [TestCase("\"2015-07-04T08:55:03Z\"", TestName = "ds_changed_as_ISO_8601_is_read")]
    public async Task Change_stamps(string changed)
    {
        ServeFirstPage($$"""[{"entity_id":7,"label":"Stamped","ds_changed":{{changed}}}]""");
        using var provider = Build(pageSize: 10);

        var organisation = (await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync()).Single().Organisation!;

        Assert.That(organisation.UpdatedAt, Is.EqualTo(new DateTimeOffset(2015, 7, 4, 8, 55, 3, TimeSpan.Zero)));
        Assert.That(organisation.ReadWarnings, Is.Empty);
    }

    [Test]
    public async Task A_document_without_a_readable_entity_id_is_unreadable_in_plain_words_and_the_read_goes_on()
    {
        ServeFirstPage("""[{"entity_id":{"nid":1},"label":"No id"},{"entity_id":3,"label":"Good"}]""");
        using var provider = Build(pageSize: 10);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation?.SourceId), Is.EqualTo(new[] { null, "3" }));
        Assert.That(items[0].UnreadableReason, Does.Contain("start=0").And.EndWith(
            "document 0: field 'entity_id' is an object ({\"nid\":1}), not a whole number: the record has no identity."));
    }

    [Test]
    public async Task The_stored_payload_of_a_document_has_no_registrant_name_or_telephone_and_e_mail_addresses_keep_only_their_domain()
    {
        ServeFirstPage(FullDocument.Replace("\"is_unknown\":3", "\"is_unknown\":3,\"sm_field_phone\":[\"+1 216 555 0100\"]", StringComparison.Ordinal));
        using var provider = Build(pageSize: 10);

        var item = (await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync()).Single();

        Assert.That(item.RawPayload, Does.Not.Contain("Jane").And.Not.Contain("Example\"").And.Not.Contain("555 0100").And.Not.Contain("info@"));
        Assert.That(item.RawPayload, Does.Contain("\"sm_field_email\":[\"@oai.example\"]").And.Contain("is_unknown"));
    }

    [Test]
    public async Task A_hanging_response_is_abandoned_at_the_attempt_timeout_and_retried()
    {
        var calls = 0;
        _server.Given(Request.Create().WithPath("/data/content/organization").UsingGet())
            .RespondWith(Response.Create().WithCallback(async request =>
            {
                if (SourcesHarness.Query(request)["start"] != "0")
                {
                    return SourcesHarness.Json(200, "[]");
                }

                if (Interlocked.Increment(ref calls) == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(30));
                }

                return SourcesHarness.Json(200, """[{"entity_id":7,"label":"After the hang"}]""");
            }));
        using var provider = Build(pageSize: 10);

        var items = await provider.Connector(UsClusterMappingRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "After the hang" }));
        Assert.That(calls, Is.EqualTo(2));
    }

    [Test]
    public async Task Meta_clusters_lists_67_clusters_with_their_codes_as_text()
    {
        ServeRecorded();
        using var provider = Build(pageSize: 10);

        var clusters = await provider.GetRequiredService<IUsClusterMappingApi>().GetBenchmarkClustersAsync(CancellationToken.None);

        Assert.That(clusters, Has.Count.EqualTo(67));
        Assert.That(clusters.Count(c => c.Traded == true), Is.EqualTo(51));
        var expectedCodes = Enumerable.Range(1, 51).Concat(Enumerable.Range(101, 16)).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(clusters.Select(c => c.Code), Is.EquivalentTo(expectedCodes));
        Assert.That(clusters.Single(c => c.Code == "3").SubClusters, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Regions_keep_the_leading_zeros_of_their_codes()
    {
        ServeRecorded();
        using var provider = Build(pageSize: 10);

        var regions = await provider.GetRequiredService<IUsClusterMappingApi>().GetRegionsAsync(CancellationToken.None);

        Assert.That(regions, Has.Count.EqualTo(4372));
        var alabama = regions.Single(r => r.Id == "region/state/01");
        Assert.That((alabama.Code, alabama.Name), Is.EqualTo(("01", "Alabama")));
    }

    [Test]
    public async Task Codes_sent_as_numbers_are_read_as_their_text()
    {
        _server.Given(Request.Create().WithPath("/data/region").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"id":"region/state/06","region_code_t":6,"name_t":"California","state_codes_txt":"06","region_count_tl":"1"}"""));
        using var provider = Build(pageSize: 10);

        var regions = await provider.GetRequiredService<IUsClusterMappingApi>().GetRegionsAsync(CancellationToken.None);

        Assert.That(regions.Single().Code, Is.EqualTo("6"));
        Assert.That(regions.Single().StateCodes, Is.EqualTo(new[] { "06" }));
        Assert.That(regions.Single().MemberCount, Is.EqualTo(1));
    }

    private const string FullDocument = """
        {"entity_id":"445","label":"Ohio Aerospace Institute","path_alias":"organization/ohio-aerospace-institute",
         "ds_changed":"2015-07-14T12:30:00Z","sm_vid_Organization_Type":["Research Institute"],
         "sm_field_established_year":["1989"],"sm_field_email":["info@oai.example"],
         "sm_field_first_name":["Jane"],"sm_field_last_name":["Example"],
         "tm_field_clusters":["clusterData/1 clusterData/45 clusterData/1"],
         "address_locality_s":"Cleveland","address_administrative_area_s":"OH","address_postal_code_s":"44142",
         "location_lat_s":"41.4142","location_lng_s":"-81.8620","sm_field_sector":["Aerospace"],"is_unknown":3}
        """;

    private static bool SameOrganisation(RawOrganisation a, RawOrganisation b) =>
        a with { Sectors = [], AlternateNames = [], Labels = [], Partnerships = [], ReadWarnings = [] }
            == b with { Sectors = [], AlternateNames = [], Labels = [], Partnerships = [], ReadWarnings = [] }
        && a.Sectors.SequenceEqual(b.Sectors) && a.Labels.SequenceEqual(b.Labels) && a.Partnerships.SequenceEqual(b.Partnerships)
        && a.ReadWarnings.SequenceEqual(b.ReadWarnings);

    /// <summary>Serves <paramref name="body"/> at start=0 and an empty list past it, as the registry pages.</summary>
    private void ServeFirstPage(string body) =>
        _server.Given(Request.Create().WithPath("/data/content/organization").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
                SourcesHarness.Json(200, SourcesHarness.Query(request).GetValueOrDefault("start", "0") == "0" ? body : "[]")));

    private List<string> Starts() =>
        [.. _server.LogEntries.Where(e => e.RequestMessage.Path == "/data/content/organization").OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => SourcesHarness.Query(e.RequestMessage)["start"])];

    private void ServeRecorded() =>
        _server.Given(Request.Create().WithPath("/data/*").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
                RecordedUsClusterMapping.Respond(SourcesHarness.PathAndQuery(request)) is { } recorded
                    ? SourcesHarness.Json(recorded.StatusCode, recorded.Body, recorded.ContentType)
                    : SourcesHarness.Json(404, "{}")));

    private ServiceProvider Build(int pageSize)
    {
        var settings = SourcesHarness.FastSettings(SourcesHarness.UsSection, _server.Url + "/data");
        settings[$"{SourcesHarness.UsSection}:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"{SourcesHarness.EccpSection}:Enabled"] = "false";
        return SourcesHarness.Build(settings);
    }
}
