using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;

namespace ClusterSync.IntegrationTests.EntityReconciliation;

/// <summary>The specification's JSON schemas (version 0.2, copied under <c>schemas/</c>), loaded without the network.</summary>
internal static class ReconciliationSchemas
{
    private static readonly ConcurrentDictionary<string, Task<JsonSchema>> Schemas = new();

    public static async Task AssertValidAsync(string schemaFile, JsonElement json)
    {
        var schema = await Schemas.GetOrAdd(schemaFile, LoadAsync);
        var errors = schema.Validate(json.GetRawText());
        Assert.That(errors.Select(e => e.ToString()), Is.Empty, $"{schemaFile}: {json.GetRawText()}");
    }

    private static Task<JsonSchema> LoadAsync(string file) =>
        JsonSchema.FromFileAsync(Path.Combine(Folder, file), schema => new LocalReferenceResolver(schema));

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "EntityReconciliation", "schemas");

    /// <summary>Resolves the manifest's reference to the Swagger 2.0 schema to the local copy of it.</summary>
    private sealed class LocalReferenceResolver(JsonSchema schema) : JsonReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()))
    {
        private const string Swagger = "http://swagger.io/v2/schema.json";

        public override Task<NJsonSchema.References.IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken) =>
            url.StartsWith(Swagger, StringComparison.Ordinal)
                ? ResolveFileReferenceAsync(Path.Combine(Folder, "openapi.json"), cancellationToken)
                : throw new InvalidOperationException($"The schemas refer to {url}, which is not copied here.");
    }
}
