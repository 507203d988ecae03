using ClusterSync.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace ClusterSync.Host.OpenApi;

/// <summary>
/// Declares the API key as a security scheme, and on every operation the scopes that reach it: one requirement per scope
/// (any one suffices), plus an empty requirement where this instance lets callers without a key in (<see cref="AccessOptions"/>).
/// </summary>
internal sealed class ApiKeySecurityTransformer(IOptionsMonitor<AccessOptions> access) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key (csk_…) created with `api-key create` or given in configuration. Scopes: read, partner, operator, admin "
                + "(see the README); each operation lists the scopes that reach it. A key that is presented and refused is answered 401, "
                + "even where no key is needed.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct().ToList();
        if (policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Every policy must pass: a scope reaches the operation when each policy accepts it.
        var described = policies.Select(p => ScopePolicies.Describe(p, access.CurrentValue)).ToList();
        var scopes = described.Skip(1).Aggregate(described[0].Scopes.AsEnumerable(), (all, d) => all.Intersect(d.Scopes));
        operation.Security = [];
        if (described.All(d => d.Anonymous))
        {
            operation.Security.Add(new OpenApiSecurityRequirement());
        }

        foreach (var scope in scopes)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [scope] });
        }

        return Task.CompletedTask;
    }
}
