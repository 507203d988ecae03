using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>A 410 Gone problem as a typed result, so that the OpenAPI document lists the status with its problem schema.</summary>
public sealed class Gone(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IEndpointMetadataProvider
{
    public ProblemDetails Value { get; } = problem;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status410Gone;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return TypedResults.Problem(Value).ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status410Gone, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
