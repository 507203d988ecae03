using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>Endpoint conventions for keyed access, with the 401 and 403 problems they can answer in the OpenAPI document.</summary>
internal static class AuthorizationEndpointExtensions
{
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Extensions.OperatorPolicy);

    /// <summary>Any key (every scope includes reading).</summary>
    public static TBuilder RequireReader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Extensions.ReadPolicy);

    /// <summary>The directory: any key, or none when <c>Access:AnonymousDirectory</c> (the default).</summary>
    public static TBuilder RequireDirectoryReader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Security.ScopePolicies.Directory);

    /// <summary>The change feed: <c>partner</c> or <c>admin</c>, or no key when <c>Access:AnonymousFeed</c>.</summary>
    public static TBuilder RequireFeedReader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Security.ScopePolicies.Feed);

    /// <summary><c>partner</c> or <c>admin</c>.</summary>
    public static TBuilder RequirePartner<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Security.ScopePolicies.Partner);

    /// <summary><c>admin</c> only: key management.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScope(Security.ScopePolicies.Admin);

    private static TBuilder RequireScope<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
}
