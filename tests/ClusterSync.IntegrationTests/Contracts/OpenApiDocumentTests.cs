using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Contracts;

/// <summary>
/// The OpenAPI document the host serves is the one checked in at <c>contracts/openapi/clustersync.v1.json</c>.
/// With <see cref="UpdateVariable"/>=1 the test writes the served document there instead of comparing.
/// </summary>
public sealed class OpenApiDocumentTests
{
    public const string UpdateVariable = "CLUSTERSYNC_UPDATE_OPENAPI";
    public const string RegenerateCommand = "bash scripts/update-openapi.sh";
    private const string CheckedInPath = "contracts/openapi/clustersync.v1.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private TestDatabase _db = null!;
    private ClusterSyncApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _db = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        _app = new ClusterSyncApp(_db.Settings);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Test]
    public async Task The_served_document_is_the_checked_in_contract()
    {
        var served = await ServedDocumentAsync();
        var checkedInFile = Path.Combine(SourceContractsDirectory(), "openapi", "clustersync.v1.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(checkedInFile, Format(served), new UTF8Encoding(false));
            Assert.Pass($"Wrote the served document to {CheckedInPath}.");
        }

        Assert.That(File.Exists(checkedInFile), Is.True, $"{CheckedInPath} is missing. Regenerate it: {RegenerateCommand}");
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(checkedInFile));

        Assert.That(
            JsonNode.DeepEquals(served, checkedIn),
            Is.True,
            $"The served OpenAPI document differs from {CheckedInPath} (first difference at {FirstDifference(served, checkedIn)}). "
            + $"If the change is intended, regenerate the file and commit it: {RegenerateCommand}");
    }

    [Test]
    public void A_changed_document_is_told_apart_at_the_first_difference()
    {
        var before = JsonNode.Parse("""{"paths":{"/a":{"get":{"summary":"x"}}},"info":{"version":"1"}}""");
        var after = JsonNode.Parse("""{"info":{"version":"1"},"paths":{"/a":{"get":{"summary":"y"}}}}""");
        var reordered = JsonNode.Parse("""{"info":{"version":"1"},"paths":{"/a":{"get":{"summary":"x"}}}}""");

        Assert.That(JsonNode.DeepEquals(before, reordered), Is.True);
        Assert.That(JsonNode.DeepEquals(before, after), Is.False);
        Assert.That(FirstDifference(before, after), Is.EqualTo("$.paths./a.get.summary"));
    }

    private async Task<JsonNode?> ServedDocumentAsync()
    {
        using var client = _app.CreateClientWithKey(null);
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string Format(JsonNode? document) => document!.ToJsonString(Indented) + "\n";

    /// <summary>The repository's contracts folder: the file itself is compared and written, not the test output's copy of it.</summary>
    private static string SourceContractsDirectory() =>
        typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ContractsSourceDirectory").Value!;

    /// <summary>The JSON path of the first value that differs, for the failure message.</summary>
    internal static string FirstDifference(JsonNode? left, JsonNode? right, string path = "$")
    {
        switch (left, right)
        {
            case (JsonObject l, JsonObject r):
                foreach (var key in l.Select(p => p.Key).Union(r.Select(p => p.Key), StringComparer.Ordinal))
                {
                    if (!l.ContainsKey(key) || !r.ContainsKey(key))
                    {
                        return $"{path}.{key}";
                    }

                    if (!JsonNode.DeepEquals(l[key], r[key]))
                    {
                        return FirstDifference(l[key], r[key], $"{path}.{key}");
                    }
                }

                return path;
            case (JsonArray l, JsonArray r) when l.Count == r.Count:
                for (var i = 0; i < l.Count; i++)
                {
                    if (!JsonNode.DeepEquals(l[i], r[i]))
                    {
                        return FirstDifference(l[i], r[i], $"{path}[{i}]");
                    }
                }

                return path;
            default:
                return path;
        }
    }
}
