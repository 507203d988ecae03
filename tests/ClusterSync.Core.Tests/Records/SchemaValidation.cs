using ClusterSync.Core.Records;
using NJsonSchema;

namespace ClusterSync.Core.Tests.Records;

/// <summary>Validates JSON against contracts/schema/organisation.v1.schema.json with NJsonSchema.</summary>
public static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts", "schema", "organisation.v1.schema.json"))
            .GetAwaiter().GetResult());

    /// <summary>Validation errors of one JSON document (empty when valid).</summary>
    public static IReadOnlyList<string> Errors(string json) =>
        [.. Schema.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}")];

    public static IReadOnlyList<string> Errors(SourceRecord record) => Errors(RecordJson.Serialize(record));
}
