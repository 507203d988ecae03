using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ClusterSync.IntegrationTests.Contracts;

/// <summary>
/// What the directory API serves in <c>organisation</c> (single organisations and list items) follows
/// <c>contracts/schema/directory-organisation.v1.schema.json</c>, on a directory synced from both recorded upstreams.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.Postgres)]
public sealed class DirectoryOrganisationSchemaTests(StorageProvider provider)
{
    private SyncHarness _host = null!;
    private JsonSchema _schema = null!;

    [OneTimeSetUp]
    public async Task ReadTheSyncedDirectory()
    {
        _schema = await LoadSchemaAsync();
        _host = await SharedDirectory.GetAsync(provider);
    }

    /// <summary>
    /// The schema for NJsonSchema, which reads draft-07: the contract keeps to keywords that mean the same in draft 2020-12 and
    /// draft-07, except that its reusable parts are under <c>$defs</c> (2020-12), read here as draft-07's <c>definitions</c>.
    /// </summary>
    public static async Task<JsonSchema> LoadSchemaAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "contracts", "schema", "directory-organisation.v1.schema.json"));
        return await JsonSchema.FromJsonAsync(text.Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal)
            .Replace("\"#/$defs/", "\"#/definitions/", StringComparison.Ordinal));
    }

    [Test]
    public async Task Every_listed_organisation_follows_the_schema()
    {
        var items = await _host.ListOrganisationsAsync();

        Assert.That(items, Has.Count.GreaterThan(400));
        Assert.That(items.SelectMany(Errors), Is.Empty);
    }

    [Test]
    public async Task Single_organisations_follow_the_schema_merged_ones_with_provenance_naming_their_member_records()
    {
        var merged = (await _host.ListOrganisationsAsync())
            .Where(o => SyncHarness.Members(o).Select(m => m.Split(':')[0]).Distinct().Count() > 1).Take(20).ToList();
        Assert.That(merged, Is.Not.Empty, "organisations made of records of both sources");

        foreach (var item in merged)
        {
            var organisation = await _host.GetJsonAsync("/v1/organisations/" + item.GetProperty("id").GetString());
            Assert.That(Errors(organisation), Is.Empty);
            var members = SyncHarness.Members(organisation);
            var named = organisation.GetProperty("organisation").GetProperty("provenance").EnumerateObject()
                .SelectMany(field => Contributors(field.Value).Append($"{field.Value.GetProperty("source").GetString()}:{field.Value.GetProperty("sourceId").GetString()}"))
                .Distinct().ToList();
            Assert.That(named, Is.SubsetOf(members));
        }
    }

    [TestCase("name", null, "PropertyRequired")]
    [TestCase("provenance", """{"name":{"rule":"best-guess","source":"eccp","sourceId":"1"}}""", "NotInEnumeration")]
    [TestCase("provenance", """{"colour":{"rule":"union","source":"eccp","sourceId":"1"}}""", "NoAdditionalPropertiesAllowed")]
    [TestCase("sourceRecords", "[]", "TooFewItems")]
    [TestCase("sourceRecords", """[{"source":"eccp","sourceId":"1","contentHash":"md5:abc"}]""", "PatternMismatch")]
    [TestCase("schemaVersion", "\"1\"", "NoAdditionalPropertiesAllowed")]
    public async Task A_served_organisation_changed_against_the_contract_is_refused(string property, string? value, string kind)
    {
        var organisation = JsonNode.Parse((await _host.ListOrganisationsAsync())[0].GetProperty("organisation").GetRawText())!.AsObject();
        organisation.Remove(property);
        if (value is not null)
        {
            organisation[property] = JsonNode.Parse(value);
        }

        var errors = _schema.Validate(organisation.ToJsonString());

        Assert.That(errors.SelectMany(Flatten).Select(e => e.Kind.ToString()), Does.Contain(kind));
    }

    private static IEnumerable<string> Contributors(JsonElement provenance) =>
        provenance.TryGetProperty("contributors", out var contributors) ? contributors.EnumerateArray().Select(c => c.GetString()!) : [];

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child ? child.Errors.Values.SelectMany(e => e).SelectMany(Flatten).Prepend(error) : [error];

    private IEnumerable<string> Errors(JsonElement resource) =>
        _schema.Validate(resource.GetProperty("organisation").GetRawText())
            .Select(e => $"{resource.GetProperty("id").GetString()} {e.Path}: {e.Kind}");
}
