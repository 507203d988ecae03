using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterSync.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ClusterSync.IntegrationTests.Browser;

/// <summary>What an analyst and an operator do on the web page, in Debian's Chromium.</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WebPageTests : BrowserTest
{
    private const string Polish = "Śląski Klaster Energetyczny";
    private const string Greek = "Cluster Τροφίμων Θεσσαλίας";

    private ILocator Results => Page.Locator("#results a");

    private async Task SearchAsync(string words)
    {
        await OpenAsync();
        await Page.GetByLabel("Name, acronym or place (any language)").FillAsync(words);
        await Page.GetByLabel("Name, acronym or place (any language)").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("q=" + Regex.Escape(Uri.EscapeDataString(words))));
    }

    [Test]
    public async Task Searching_in_Polish_finds_the_Silesian_energy_cluster_at_a_shareable_address()
    {
        await SearchAsync("Śląski");

        await Expect(Results.First).ToHaveTextAsync(Polish);
        var shared = Page.Url;
        await Page.GotoAsync("about:blank");
        await Page.GotoAsync(shared);
        await Expect(Results.First).ToHaveTextAsync(Polish);
        await Expect(Page.GetByLabel("Name, acronym or place (any language)")).ToHaveValueAsync("Śląski");
    }

    [Test]
    public async Task Searching_in_Greek_finds_the_Thessalian_food_cluster()
    {
        await SearchAsync("Θεσσαλίας");

        await Expect(Results.GetByText(Greek)).ToBeVisibleAsync();
    }

    [Test]
    public async Task Filtering_by_country_lists_only_that_country_and_counts_as_the_API_does()
    {
        using var api = Host.CreateClient();
        var polish = await api.GetFromJsonAsync<JsonElement>("v1/organisations?country=PL&limit=1");
        await OpenAsync();

        await Page.Locator("#filter-country").SelectOptionAsync("PL");

        await Expect(Page).ToHaveURLAsync(new Regex("country=PL"));
        var total = polish.GetProperty("total").GetInt32();
        await Expect(Page.Locator("#result-count")).ToHaveTextAsync($"{total} organisation{(total == 1 ? "" : "s")} found.");
        await Expect(Page.Locator("#filter-country")).ToBeFocusedAsync();
        var places = await Page.Locator("#results li .muted").AllTextContentsAsync();
        Assert.That(places, Is.Not.Empty.And.All.EndsWith("Poland"));
        await Expect(Page.Locator("figure.map circle.pin")).Not.ToHaveCountAsync(0);
    }

    [Test]
    public async Task An_organisation_shows_its_golden_record_with_provenance_its_source_records_and_the_explanation()
    {
        await SearchAsync("Śląski");

        await Results.GetByText(Polish).ClickAsync();

        await Expect(Page.Locator("main h1")).ToHaveTextAsync(Polish);
        await Expect(Page).ToHaveURLAsync(new Regex("#/organisations/cs-"));
        var nameRow = Page.Locator("tr[data-field=name]");
        await Expect(nameRow.Locator("td").First).ToHaveTextAsync(Polish);
        await Expect(nameRow.Locator("td.provenance")).ToHaveTextAsync(new Regex(@"^source-priority · eccp:\d+$"));
        await Expect(Page.Locator("#source-records li")).ToHaveCountAsync(2);
        var waterfall = Page.Locator("#explanation .waterfall").First;
        await Expect(waterfall.Locator(".step").Filter(new() { HasText = "name" }).First).ToBeVisibleAsync();
        await Expect(waterfall.Locator(".total")).ToHaveTextAsync(new Regex(@"^Total weight \+[\d.,]+ → probability"));
    }

    [Test]
    public async Task Following_a_partner_suggestion_opens_the_partner()
    {
        await SearchAsync("Śląski");
        await Results.GetByText(Polish).ClickAsync();
        var partner = Page.Locator("#partners > li > a").First;
        var name = await partner.TextContentAsync();

        await partner.ClickAsync();

        await Expect(Page.Locator("main h1")).ToHaveTextAsync(name!);
        await Expect(Page.Locator("tr[data-field=address] td").First).ToContainTextAsync("US");
    }

    [Test]
    public async Task An_operator_accepts_a_review_item()
    {
        using var api = Host.CreateClient(ClusterSyncApp.OperatorKey);
        var open = await api.GetFromJsonAsync<JsonElement>("v1/review?limit=1");
        var id = open.GetProperty("items")[0].GetProperty("id").GetInt64();
        await OpenAsync("#/operator");

        await Page.GetByLabel("Operator API key").FillAsync(ClusterSyncApp.OperatorKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sources and schedules" })).ToBeVisibleAsync();
        await Page.Locator($"#accept-{id}").ClickAsync();

        await Expect(Page.Locator("#operator-status")).ToHaveTextAsync($"Accepted review item {id}: the pair is now must-link.");
        await Expect(Page.Locator($"#accept-{id}")).ToHaveCountAsync(0);
        var accepted = await api.GetFromJsonAsync<JsonElement>("v1/review?status=accepted&limit=100");
        Assert.That(accepted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()), Does.Contain(id));
    }

    [Test]
    public async Task A_refused_operator_key_is_said_and_forgotten()
    {
        ExpectConsoleError("status of 403");
        await OpenAsync("#/operator");
        await Page.GetByLabel("Operator API key").FillAsync(ClusterSyncApp.ReaderKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

        await Expect(Page.Locator("[role=alert]")).ToContainTextAsync("The key was refused (403)");
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('clustersync.operatorKey')"), Is.Null);
    }

    [Test]
    public async Task An_unknown_organisation_is_said_with_a_way_back()
    {
        ExpectConsoleError("status of 404");

        await Page.GotoAsync("/#/organisations/cs-00000000000000000000000000");

        await Expect(Page.Locator("[role=alert]")).ToContainTextAsync("There is no organisation 'cs-00000000000000000000000000'");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Search" }).First).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_API_reference_loads_from_the_service_alone()
    {
        await Page.GotoAsync("/docs/");

        await Expect(Page.GetByText("Searches and lists active directory organisations").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
    }

    [TestCase("", TestName = "Tab reaches every control of the search page in order")]
    [TestCase("#/operator", TestName = "Tab reaches every control of the operator key form in order")]
    public async Task Tab_reaches_every_control_in_order(string route)
    {
        await OpenAsync(route);
        await AssertTabOrderAsync();
    }

    [Test]
    public async Task Tab_reaches_every_control_of_an_organisation_in_order()
    {
        await SearchAsync("Śląski");
        await Results.GetByText(Polish).ClickAsync();
        await Expect(Page.Locator("#partners")).ToBeVisibleAsync();
        await Page.ReloadAsync();
        await Expect(Page.Locator("#partners")).ToBeVisibleAsync();

        await AssertTabOrderAsync();
    }

    /// <summary>Pressing Tab from the top of the page visits the page's focusable controls in document order, each once.</summary>
    private async Task AssertTabOrderAsync()
    {
        var expected = await Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .map((e, i) => { e.dataset.tabIndexCheck = String(i); return String(i); })
            """);
        Assert.That(expected, Is.Not.Empty);
        await Page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
        var visited = new List<string>();
        for (var i = 0; i < expected.Length; i++)
        {
            await Page.Keyboard.PressAsync("Tab");
            visited.Add(await Page.EvaluateAsync<string>("() => document.activeElement?.dataset?.tabIndexCheck ?? ('not a control: ' + document.activeElement?.outerHTML?.slice(0, 80))"));
        }

        Assert.That(visited, Is.EqualTo(expected));
    }
}

/// <summary>The main pages at a phone's width (375 px): nothing wider than the screen, so no sideways scrolling.</summary>
[TestFixture]
[NonParallelizable]
public sealed class NarrowScreenTests : BrowserTest
{
    protected override ViewportSize Viewport => new() { Width = 375, Height = 812 };

    [TestCase("", TestName = "The search page fits a 375 px screen")]
    [TestCase("#/?country=PL", TestName = "A filtered search fits a 375 px screen")]
    [TestCase("#/operator", TestName = "The operator key form fits a 375 px screen")]
    public async Task A_page_fits_a_narrow_screen(string route)
    {
        await OpenAsync(route);
        await AssertFitsAsync();
    }

    [Test]
    public async Task An_organisation_fits_a_narrow_screen()
    {
        await OpenAsync("#/?q=" + Uri.EscapeDataString("Śląski"));
        await Page.Locator("#results a").First.ClickAsync();
        await Expect(Page.Locator("#partners")).ToBeVisibleAsync();

        await AssertFitsAsync();
    }

    [Test]
    public async Task The_operator_view_fits_a_narrow_screen()
    {
        await OpenAsync("#/operator");
        await Page.GetByLabel("Operator API key").FillAsync(ClusterSyncApp.OperatorKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Review queue" })).ToBeVisibleAsync();

        await AssertFitsAsync();
    }

    private async Task AssertFitsAsync()
    {
        var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(width, Is.LessThanOrEqualTo(375));
    }
}
