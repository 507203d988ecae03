using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Sources.Eccp;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace ClusterSync.IntegrationTests.Sources;

[TestFixture]
public sealed class EccpConnectorTests
{
    private WireMockServer _server = null!;

    [SetUp]
    public void StartServer() => _server = WireMockServer.Start();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task Next_links_are_followed_until_absent()
    {
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=2", JsonApiPages.Resource(1, "A"), JsonApiPages.Resource(2, "B")),
            ("2", JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=4", JsonApiPages.Resource(3, "C"))),
            ("4", JsonApiPages.Page(null, JsonApiPages.Resource(4, "D"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "A", "B", "C", "D" }));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task An_empty_page_that_still_has_a_next_link_is_read_again_and_the_read_goes_on_past_it_with_a_gap()
    {
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=50"),
            ("50", JsonApiPages.Page(null, JsonApiPages.Resource(51, "After the gap"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Where(i => !i.IsGap).Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "After the gap" }));
        Assert.That(items.Single(i => i.IsGap).GapReason, Does.StartWith("page 1 (").And.Contain("listed no resource although it links to a next page")
            .And.EndWith("still after 4 attempt(s)"));
        Assert.That(_server.Queries().Count(q => !q.ContainsKey("page[offset]")), Is.EqualTo(4));
    }

    [Test]
    public async Task An_empty_page_that_links_onward_and_is_whole_when_read_again_leaves_no_gap()
    {
        var first = JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=50", JsonApiPages.Resource(1, "A"));
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("empty once")
            .WillSetStateTo("whole").RespondWith(Response.Create().WithBody(JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=50")));
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet()).InScenario("empty once").WhenStateIs("whole")
            .RespondWith(Response.Create().WithCallback(request => SourcesHarness.Query(request).ContainsKey("page[offset]")
                ? SourcesHarness.Json(200, JsonApiPages.Page(null, JsonApiPages.Resource(51, "B")), EccpTestServer.JsonApi)
                : SourcesHarness.Json(200, first, EccpTestServer.JsonApi)));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation?.Name), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public async Task A_page_shorter_than_the_stated_total_implies_is_read_again_and_then_reported_as_a_gap()
    {
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=2", [JsonApiPages.Resource(1, "A"), JsonApiPages.Resource(2, "B")], "[]", count: 5),
            ("2", JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=4", [JsonApiPages.Resource(3, "C")], "[]", count: 5)),
            ("4", JsonApiPages.Page(null, [JsonApiPages.Resource(5, "E")], "[]", count: 5)));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:PageLimit"] = "2");

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Where(i => !i.IsGap).Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "A", "B", "C", "E" }));
        Assert.That(items.Single(i => i.IsGap).GapReason, Does.StartWith("page 2 (").And.Contain("held 1 resource(s) where the listing's meta.count of 5 implies 2"));
    }

    [Test]
    public async Task A_short_page_whose_listing_states_no_total_is_the_normal_end_of_a_listing()
    {
        _server.ServePages(
            JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=2", JsonApiPages.Resource(1, "A")),
            ("2", JsonApiPages.Page(null, JsonApiPages.Resource(3, "C"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:PageLimit"] = "2");

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation?.Name), Is.EqualTo(new[] { "A", "C" }));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task An_anomalous_page_is_a_warning_line_each_time_it_is_read_again()
    {
        _server.ServePages(JsonApiPages.Page($"{_server.Listing()}?page%5Boffset%5D=50"), ("50", JsonApiPages.Page(null, JsonApiPages.Resource(1, "Home"))));
        var logs = new LogCapture();
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:MaxRetryAttempts"] = "1", logs);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        var warnings = logs.AtLeast(LogLevel.Warning).Select(w => w.Message).ToList();
        Assert.That(warnings, Has.Count.EqualTo(2));
        Assert.That(warnings[0], Does.Match(@"^eccp: page 1 \(http://\S+/jsonapi/node/cluster_organisation\?\S+\) listed no resource although it links to a next page; reading it again \(attempt 2 of 2\) in \S+$"));
        Assert.That(warnings[1], Does.Match(@"^eccp: page 1 \(http://\S+\) listed no resource although it links to a next page, still after 2 attempt\(s\); reading on past it, so the listing is incomplete$"));
    }

    [Test]
    public void A_next_link_back_to_a_page_already_read_fails_the_read()
    {
        var second = $"{_server.Listing()}?page%5Boffset%5D=50";
        _server.ServePages(
            JsonApiPages.Page(second, JsonApiPages.Resource(1, "A")),
            ("50", JsonApiPages.Page(second, JsonApiPages.Resource(2, "B"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Source, Is.EqualTo(EccpRegistration.SourceId));
        Assert.That(failure.Message, Does.Contain("cycles").And.Contain("page%5Boffset%5D=50"));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_next_link_on_another_host_is_rewritten_to_the_configured_origin()
    {
        _server.ServePages(
            JsonApiPages.Page("http://default/jsonapi/node/cluster_organisation?page%5Boffset%5D=50", JsonApiPages.Resource(1, "A")),
            ("50", JsonApiPages.Page(null, JsonApiPages.Resource(2, "B"))));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "A", "B" }));
        var followed = _server.LogEntries.Select(e => e.RequestMessage).Single(r => SourcesHarness.Query(r).ContainsKey("page[offset]"));
        Assert.That(followed.AbsoluteUrl, Does.StartWith(_server.Url + JsonApiPages.ListingPath));
    }

    [Test]
    public void A_listing_longer_than_the_page_cap_fails_the_read()
    {
        _server.Given(Request.Create().WithPath(JsonApiPages.ListingPath).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var offset = SourcesHarness.Query(request).TryGetValue("page[offset]", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var next = $"{_server.Listing()}?page%5Boffset%5D={EccpTestServer.Offset(offset + 1)}";
                return SourcesHarness.Json(200, JsonApiPages.Page(next, JsonApiPages.Resource(offset + 1, "Endless")));
            }));
        using var provider = EccpTestServer.BuildEccp(_server.Url!, s => s[$"{SourcesHarness.EccpSection}:MaxPages"] = "3");

        var failure = Assert.ThrowsAsync<UpstreamException>(() => provider.Connector(EccpRegistration.SourceId).ReadAllAsync());

        Assert.That(failure!.Message, Does.Contain("3 pages").And.Contain("MaxPages"));
        Assert.That(_server.LogEntries.Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task An_incremental_read_asks_for_changes_since_the_cursor_minus_the_overlap()
    {
        _server.ServePages(JsonApiPages.Page(null, JsonApiPages.Resource(1, "Changed")));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);
        var since = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync(new ReadRequest(ReadMode.Incremental, since));

        var query = _server.Queries().Single();
        Assert.That(query["filter[changed][condition][path]"], Is.EqualTo("changed"));
        Assert.That(query["filter[changed][condition][operator]"], Is.EqualTo(">="));
        Assert.That(query["filter[changed][condition][value]"], Is.EqualTo(since.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(query["sort"], Is.EqualTo("changed,drupal_internal__nid"));
    }

    [Test]
    public async Task A_full_read_sends_no_change_filter()
    {
        _server.ServePages(JsonApiPages.Page(null, JsonApiPages.Resource(1, "Any")));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        await provider.Connector(EccpRegistration.SourceId).ReadAllAsync(ReadRequest.Full);

        var query = _server.Queries().Single();
        Assert.That(query.Keys, Has.None.StartsWith("filter"));
        Assert.That(query["page[limit]"], Is.EqualTo("50"));
        Assert.That(query["include"], Is.EqualTo("field_ecosystems,field_sectors"));
    }

    [Test]
    public async Task Included_terms_become_ecosystem_and_nace_sectors()
    {
        const string relationships = """
            {"field_ecosystems":{"data":[{"type":"taxonomy_term--industrial_ecosystems","id":"eco-health"}]},
             "field_sectors":{"data":[{"type":"taxonomy_term--nace_sectors","id":"nace-2120"},{"type":"taxonomy_term--nace_sectors","id":"not-included"}]}}
            """;
        const string included = """
            [{"type":"taxonomy_term--industrial_ecosystems","id":"eco-health","attributes":{"name":"Health"}},
             {"type":"taxonomy_term--nace_sectors","id":"nace-2120","attributes":{"name":"Manufacture of pharmaceutical preparations","field_nace_code":"21.20"}}]
            """;
        _server.ServePages(JsonApiPages.Page(null, [JsonApiPages.Resource(7, "Pharma Cluster", relationships: relationships)], included));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var organisation = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single().Organisation!;

        Assert.That(organisation.Sectors, Is.EqualTo(new[]
        {
            new RawSector(SectorSchemes.EuEcosystem, "Health"),
            new RawSector(SectorSchemes.Nace2, "21.20", "Manufacture of pharmaceutical preparations"),
        }));
    }

    [Test]
    public async Task Resource_attributes_map_to_the_raw_organisation()
    {
        _server.ServePages(JsonApiPages.Page(null, FullResource));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var item = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single();

        var o = item.Organisation!;
        Assert.That((o.Source, o.SourceId, o.SourceUrl), Is.EqualTo((EccpRegistration.SourceId, "1042", "https://clustercollaboration.eu/content/photonik-isartal")));
        Assert.That((o.Name, o.Acronym, o.OrganisationType), Is.EqualTo(("Photonik-Netzwerk Isartal e.V.", "PNI", "Cluster organisation")));
        Assert.That((o.Street, o.Locality, o.PostalCode, o.Country, o.Region), Is.EqualTo(("Technologiepark 3, Haus B", "München", "80331", "DE", "DE21")));
        Assert.That((o.Latitude, o.Longitude), Is.EqualTo(("48.13701", "11.575")));
        Assert.That((o.Website, o.Email, o.Phone, o.ContactName), Is.EqualTo(("https://www.photonik-isartal.de/", "info@photonik-isartal.de", "089 1234567", "Anna Beispiel")));
        Assert.That(o.Members, Is.EqualTo(new MemberCounts(120, 95, 10, 12, 3)));
        Assert.That((o.YearFounded, o.UpdatedAt), Is.EqualTo(("2007", new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero))));
        Assert.That(o.Labels, Is.EqualTo(new[] { "ESCA Gold" }));
        Assert.That(o.Partnerships, Is.EqualTo(new[] { "Euroclusters" }));
        Assert.That(item.RawPayload, Does.Contain("field_unknown_to_us"));
        Assert.That(o.ReadWarnings, Is.Empty);
    }

    [TestCase("\"not a resource\"", null, "data[1] is text (\"not a resource\"), not a resource object", TestName = "A_resource_that_is_not_an_object_is_unreadable_and_the_read_goes_on")]
    [TestCase("""{"type":"node--cluster_organisation","attributes":{"drupal_internal__nid":5,"title":"No id"}}""", "5", "data[1], record 5: the resource has no JSON:API id", TestName = "A_resource_without_JSON_API_id_is_unreadable_named_by_its_node_id_and_the_read_goes_on")]
    [TestCase("""{"type":"node--cluster_organisation","id":"u-5","attributes":["title","x"]}""", "u-5", "data[1], record u-5: field 'attributes' is a list ([\"title\",\"x\"]), not an object", TestName = "A_resource_whose_attributes_are_not_an_object_is_unreadable_and_the_read_goes_on")]
    [TestCase("""{"type":"node--cluster_organisation","attributes":{"title":"No ids"}}""", null, "data[1]: neither a node id (attributes.drupal_internal__nid) nor a JSON:API id", TestName = "A_resource_without_any_id_is_unreadable_and_the_read_goes_on")]
    public async Task Unreadable_resources(string bad, string? sourceId, string reason)
    {
        _server.ServePages(JsonApiPages.Page(null, JsonApiPages.Resource(1, "Before"), bad, JsonApiPages.Resource(3, "After")));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var items = await provider.Connector(EccpRegistration.SourceId).ReadAllAsync();

        Assert.That(items.Where(i => i.Organisation is not null).Select(i => i.Organisation!.Name), Is.EqualTo(new[] { "Before", "After" }));
        var unreadable = items.Single(i => i.Organisation is null);
        Assert.That(unreadable.UnreadableReason, Does.StartWith("page 1 (").And.Contain(reason));
        Assert.That(unreadable.UnreadableReason, Does.Not.Contain("JSON String").And.Not.Contain("System."));
        Assert.That(unreadable.SourceId, Is.EqualTo(sourceId));
    }

    [TestCase("""{"type":"node--cluster_organisation","id":"u-5","attributes":{"drupal_internal__nid":5,"title":"Kept","field_address":{"country_code":"DE","locality":{"x":1}}}}""",
        "field 'attributes.field_address.locality' is an object ({\"x\":1}), not text", TestName = "A_resource_with_a_nested_field_of_the_wrong_type_is_read_without_it_and_with_a_warning")]
    [TestCase("""{"type":"node--cluster_organisation","id":"u-5","attributes":{"drupal_internal__nid":5,"title":"Kept","changed":"last week","field_address":{"country_code":"DE"}}}""",
        "field 'attributes.changed' is text (\"last week\"), not a date-time", TestName = "A_resource_with_an_unreadable_change_stamp_is_read_without_it_and_with_a_warning")]
    [TestCase("""{"type":"node--cluster_organisation","id":"u-5","attributes":{"drupal_internal__nid":5,"title":"Kept","field_members_total":[12],"field_address":{"country_code":"DE"}}}""",
        "field 'attributes.field_members_total' is a list ([12]), not a whole number", TestName = "A_resource_with_an_unreadable_member_count_is_read_without_it_and_with_a_warning")]
    public async Task Resources_with_an_unreadable_optional_field(string resource, string warning)
    {
        _server.ServePages(JsonApiPages.Page(null, resource));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var organisation = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single().Organisation!;

        Assert.That((organisation.SourceId, organisation.Name), Is.EqualTo(("5", "Kept")));
        Assert.That(organisation.ReadWarnings, Has.Exactly(1).StartWith(warning));
    }

    [Test]
    public async Task A_resource_whose_node_id_cannot_be_read_is_named_by_its_JSON_API_id_with_a_warning()
    {
        _server.ServePages(JsonApiPages.Page(null, """{"type":"node--cluster_organisation","id":"u-5","attributes":{"drupal_internal__nid":"five","title":"Named","field_address":{"country_code":"DE"}}}"""));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var item = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single();

        Assert.That((item.SourceId, item.Organisation!.SourceId), Is.EqualTo(("u-5", "u-5")));
        Assert.That(item.Organisation.ReadWarnings, Has.Some.Contains("attributes.drupal_internal__nid"));
    }

    [Test]
    public async Task A_resource_whose_title_cannot_be_read_is_read_without_a_name_for_normalisation_to_quarantine()
    {
        _server.ServePages(JsonApiPages.Page(null, """{"type":"node--cluster_organisation","id":"u-5","attributes":{"drupal_internal__nid":5,"title":{"value":"x"},"field_address":{"country_code":"DE"}}}"""));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var organisation = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single().Organisation!;
        var outcome = ClusterSync.Core.Normalisation.OrganisationNormaliser.Default.Normalise(organisation);

        Assert.That(outcome.QuarantineReason, Is.EqualTo(
            "Field 'name' is missing. Fields that could not be read: field 'attributes.title' is an object ({\"value\":\"x\"}), not text."));
    }

    [Test]
    public async Task The_stored_payload_of_a_resource_has_no_contact_person_and_its_e_mail_addresses_keep_only_their_domain()
    {
        _server.ServePages(JsonApiPages.Page(null, FullResource));
        using var provider = EccpTestServer.BuildEccp(_server.Url!);

        var item = (await provider.Connector(EccpRegistration.SourceId).ReadAllAsync()).Single();

        Assert.That(item.RawPayload, Does.Not.Contain("Anna Beispiel").And.Not.Contain("field_contact_person").And.Not.Contain("info@"));
        Assert.That(item.RawPayload, Does.Contain("\"field_email\":\"@photonik-isartal.de\"").And.Contain("field_unknown_to_us"));
        Assert.That(item.Organisation!.Email, Is.EqualTo("info@photonik-isartal.de"));
    }

    private const string FullResource = """
        {"type":"node--cluster_organisation","id":"3f0c6f0e-1111-4c3b-9d7e-000000001042",
         "attributes":{"drupal_internal__nid":1042,"langcode":"de","title":"Photonik-Netzwerk Isartal e.V.",
           "changed":"2024-03-01T10:00:00+00:00","path":{"alias":"/content/photonik-isartal"},
           "field_acronym":"PNI","field_organisation_type":"Cluster organisation",
           "field_address":{"country_code":"DE","administrative_area":null,"locality":"München","postal_code":"80331",
             "address_line1":"Technologiepark 3","address_line2":"Haus B"},
           "field_nuts_region":"DE21","field_geolocation":{"lat":48.13701,"lng":"11.575"},
           "field_website":{"uri":"https://www.photonik-isartal.de/","title":"","options":[]},
           "field_email":"info@photonik-isartal.de","field_telephone":"089 1234567","field_contact_person":"Anna Beispiel",
           "field_year_established":2007,"field_members_total":120,"field_members_smes":95,"field_members_large":10,
           "field_members_research":12,"field_members_other":3,"field_esca_label":"Gold","field_partnerships":["Euroclusters"],
           "field_unknown_to_us":{"kept":"raw"}}}
        """;
}
