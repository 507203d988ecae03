using Microsoft.AspNetCore.OpenApi;

namespace ClusterSync.Host.OpenApi;

/// <summary>What the served OpenAPI document (<c>/openapi/v1.json</c>, checked in as <c>contracts/openapi/clustersync.v1.json</c>) is made of.</summary>
public static class OpenApiDocumentOptions
{
    public static OpenApiOptions AddClusterSyncDocument(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer<DocumentInfoTransformer>();
        options.AddDocumentTransformer<ApiKeySecurityTransformer>();
        options.AddOperationTransformer<ApiKeySecurityTransformer>();
        options.AddOperationTransformer<ProblemResponsesTransformer>();
        options.AddDocumentTransformer<DirectoryOrganisationSchemaTransformer>();
        return options;
    }
}
