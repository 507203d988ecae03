using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Contracts;

/// <summary>What the served OpenAPI document says about the golden record, keys and scopes, and problems.</summary>
public sealed class OpenApiDescriptionTests
{
    private TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);

    [OneTimeTearDown]
    public async Task DropDatabase() => await _db.DisposeAsync();

    [Test]
    public async Task The_golden_record_is_the_contract_schema_as_components()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contracts", "schema", "directory-organisation.v1.schema.json")))!.AsObject();

        foreach (var holder in new[] { "OrganisationResource", "SnapshotOrganisationResource" })
        {
            Assert.That(schemas[holder]!["properties"]!["organisation"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/DirectoryOrganisation"), holder);
        }

        Assert.That(Sorted(schemas["DirectoryOrganisation"]!["properties"]), Is.EqualTo(Sorted(contract["properties"])));
        Assert.That(Sorted(schemas["DirectoryOrganisation"]!["required"]), Is.EqualTo(Sorted(contract["required"])));
        foreach (var (name, definition) in contract["$defs"]!.AsObject())
        {
            var component = schemas["DirectoryOrganisation" + char.ToUpperInvariant(name[0]) + name[1..]];
            Assert.That(component, Is.Not.Null, name);
            Assert.That(Sorted(component!["properties"]), Is.EqualTo(Sorted(definition!["properties"])), name);
        }

        Assert.That(schemas["DirectoryOrganisation"]!["properties"]!["address"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/DirectoryOrganisationAddress"));
        Assert.That(document.ToJsonString(), Does.Not.Contain("$defs").And.Not.Contain("#/components/schemas/JsonElement"));
    }

    [Test]
    public async Task Each_operation_lists_the_scopes_that_reach_it_and_no_key_where_this_instance_allows_it()
    {
        var document = await DocumentAsync();

        Assert.That(Requirements(document, "/v1/organisations", "get"), Is.EqualTo(new[] { "(none)", "read", "partner", "operator", "admin" }));
        Assert.That(Requirements(document, "/v1/sectors", "get"), Is.EqualTo(new[] { "(none)", "read", "partner", "operator", "admin" }));
        Assert.That(Requirements(document, "/v1/changes", "get"), Is.EqualTo(new[] { "partner", "admin" }));
        Assert.That(Requirements(document, "/v1/ops/quarantine", "get"), Is.EqualTo(new[] { "operator", "admin" }));
        Assert.That(Requirements(document, "/v1/keys", "post"), Is.EqualTo(new[] { "admin" }));
    }

    [Test]
    public async Task A_closed_directory_and_an_open_feed_are_described_as_configured()
    {
        var document = await DocumentAsync(("Access:AnonymousDirectory", "false"), ("Access:AnonymousFeed", "true"));

        Assert.That(Requirements(document, "/v1/organisations", "get"), Is.EqualTo(new[] { "read", "partner", "operator", "admin" }));
        Assert.That(Requirements(document, "/v1/changes", "get"), Is.EqualTo(new[] { "(none)", "partner", "admin" }));
    }

    [Test]
    public async Task Every_operation_declares_its_problems_as_problem_details()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!))).ToList();

        Assert.That(operations, Has.Count.GreaterThan(20));
        foreach (var (name, operation) in operations)
        {
            var responses = operation["responses"]!.AsObject();
            Assert.That(responses["429"]?["headers"]?["Retry-After"], Is.Not.Null, name);
            if (operation["requestBody"] is not null)
            {
                Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "400", "413" }), name);
            }

            if (operation["security"]!.AsArray().Any(r => r!.AsObject().Count > 0))
            {
                Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "401", "403" }), name);
            }

            foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4')))
            {
                Assert.That(response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>(),
                    Is.EqualTo("#/components/schemas/ProblemDetails"), $"{name} {status}");
            }
        }
    }

    private async Task<JsonNode> DocumentAsync(params (string Key, string Value)[] settings)
    {
        await using var app = new ClusterSyncApp(new Dictionary<string, string?>(
            _db.Settings.Concat(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));
        using var client = app.CreateClientWithKey(null);
        return (await client.GetFromJsonAsync<JsonNode>("/openapi/v1.json"))!;
    }

    /// <summary>Each security requirement of an operation as its scope, "(none)" for the empty requirement (no key).</summary>
    private static string[] Requirements(JsonNode document, string path, string method) =>
        [.. document["paths"]![path]![method]!["security"]!.AsArray()
            .Select(r => r!.AsObject().Count == 0 ? "(none)" : r["ApiKey"]!.AsArray().Single()!.GetValue<string>())];

    private static List<string> Sorted(JsonNode? node) => node switch
    {
        JsonObject o => [.. o.Select(p => p.Key).Order(StringComparer.Ordinal)],
        JsonArray a => [.. a.Select(v => v!.GetValue<string>()).Order(StringComparer.Ordinal)],
        _ => [],
    };
}
