using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>Endpoint conventions for keyed access, with the 401 and 403 problems they can answer in the OpenAPI document.</summary>
internal static class AuthorizationEndpointExtensions
{
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Extensions.OperatorPolicy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
}
