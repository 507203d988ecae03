using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClusterSync.Host.OpenApi;

/// <summary>
/// Declares the problems every operation can answer beyond its typed results: 429 from the rate limiter (every
/// endpoint but health), 400 where a body or a typed parameter can fail to bind, 413 where a body can be too large. Typed
/// problem results are declared as <c>application/json</c> by the framework, yet written as <c>application/problem+json</c>
/// (<see cref="Apis.ProblemEnrichmentFilter"/>): their media type is corrected.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemMediaType = "application/problem+json";
    public const string ProblemSchemaId = "ProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        operation.Responses ??= [];
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            if (response.Content is { } content && content.TryGetValue("application/json", out var json)
                && json.Schema is OpenApiSchemaReference { Reference.Id: ProblemSchemaId })
            {
                content.Remove("application/json");
                content[ProblemMediaType] = json;
            }
        }

        var hasBody = operation.RequestBody is not null;
        if (hasBody || (operation.Parameters ?? []).Any(p => p.Schema is { Type: { } type } && type != JsonSchemaType.String))
        {
            Add(operation, context.Document, StatusCodes.Status400BadRequest, "The request is not valid: a parameter or the body cannot be read.");
        }

        if (hasBody)
        {
            Add(operation, context.Document, StatusCodes.Status413PayloadTooLarge, "The body is larger than Access:MaxRequestBodyBytes.");
        }

        var limited = Add(operation, context.Document, StatusCodes.Status429TooManyRequests,
            "Too many requests in the window for this key (or, without a key, this client address).");
        limited.Headers ??= new Dictionary<string, IOpenApiHeader>();
        limited.Headers["Retry-After"] = new OpenApiHeader
        {
            Description = "Seconds to wait before the next request.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        };
        return Task.CompletedTask;
    }

    private static OpenApiResponse Add(OpenApiOperation operation, OpenApiDocument? document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse declared)
        {
            return declared;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaId, document) },
            },
        };
        operation.Responses[key] = response;
        return response;
    }
}
