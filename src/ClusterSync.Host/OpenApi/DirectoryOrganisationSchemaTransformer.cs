using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ClusterSync.Host.OpenApi;

/// <summary>
/// Types the golden record (<c>organisation</c> of the directory's resources) with the contract
/// <c>contracts/schema/directory-organisation.v1.schema.json</c>: its content becomes the component
/// <see cref="ComponentId"/>, each of its <c>$defs</c> a component of its own, so the document stays self-contained.
/// </summary>
internal sealed class DirectoryOrganisationSchemaTransformer : IOpenApiDocumentTransformer
{
    public const string ComponentId = "DirectoryOrganisation";
    private const string ResourceName = "ClusterSync.Host.OpenApi.directory-organisation.v1.schema.json";
    private const string UntypedJsonId = "JsonElement";

    /// <summary>The component schemas whose <c>organisation</c> property is the golden record.</summary>
    private static readonly string[] GoldenRecordHolders = ["OrganisationResource", "SnapshotOrganisationResource"];

    private static readonly Lazy<JsonObject> Contract = new(LoadContract);

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var root = (JsonObject)Contract.Value.DeepClone();
        var definitions = root["$defs"]?.AsObject() ?? [];
        foreach (var keyword in new[] { "$schema", "$id", "$defs" })
        {
            root.Remove(keyword);
        }

        schemas[ComponentId] = Parse(root, document);
        foreach (var (name, definition) in definitions)
        {
            schemas[DefinitionComponentId(name)] = Parse(definition!, document);
        }

        foreach (var holder in GoldenRecordHolders)
        {
            if (schemas.TryGetValue(holder, out var schema) && schema is OpenApiSchema { Properties: { } properties } && properties.ContainsKey("organisation"))
            {
                properties["organisation"] = new OpenApiSchemaReference(ComponentId, document);
            }
        }

        if (!IsReferenced(document, UntypedJsonId))
        {
            schemas.Remove(UntypedJsonId);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>address</c> → <c>DirectoryOrganisationAddress</c>.</summary>
    public static string DefinitionComponentId(string definition) =>
        ComponentId + char.ToUpperInvariant(definition[0]) + definition[1..];

    private static OpenApiSchema Parse(JsonNode schema, OpenApiDocument document)
    {
        var json = schema.ToJsonString();
        foreach (var name in Contract.Value["$defs"]!.AsObject().Select(d => d.Key))
        {
            json = json.Replace($"\"#/$defs/{name}\"", $"\"#/components/schemas/{DefinitionComponentId(name)}\"", StringComparison.Ordinal);
        }

        var parsed = OpenApiModelFactory.Parse<OpenApiSchema>(json, OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
        if (parsed is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException("The directory organisation schema cannot be read as an OpenAPI schema: "
                + string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        }

        return parsed;
    }

    private static JsonObject LoadContract()
    {
        using var stream = typeof(DirectoryOrganisationSchemaTransformer).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>Whether a component schema or an operation's body or response still refers to <paramref name="id"/>.</summary>
    private static bool IsReferenced(OpenApiDocument document, string id)
    {
        static bool Refers(IOpenApiSchema? schema, string id, int depth) => schema switch
        {
            null => false,
            OpenApiSchemaReference reference => reference.Reference.Id == id,
            _ when depth > 8 => false,
            _ => (schema.Properties ?? new Dictionary<string, IOpenApiSchema>()).Values.Any(p => Refers(p, id, depth + 1))
                || Refers(schema.Items, id, depth + 1)
                || Refers(schema.AdditionalProperties, id, depth + 1)
                || (schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []).Any(s => Refers(s, id, depth + 1)),
        };

        var components = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var operations = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? (IEnumerable<OpenApiOperation>)[]);
        var media = operations.SelectMany(o => (o.RequestBody?.Content?.Values ?? [])
            .Concat((o.Responses ?? []).Values.SelectMany(r => r.Content?.Values ?? [])));
        return components.Where(c => c.Key != id).Any(c => Refers(c.Value, id, 0)) || media.Any(m => Refers(m.Schema, id, 0));
    }
}
