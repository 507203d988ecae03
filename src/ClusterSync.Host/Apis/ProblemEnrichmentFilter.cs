using ClusterSync.Storage.Paging;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// Handlers return typed problem results (<c>BadRequest&lt;ProblemDetails&gt;</c>, …) so that the OpenAPI document
/// lists every status with its schema; this filter writes them as RFC 9457 problems (<c>application/problem+json</c>,
/// through the problem details service, which adds instance and traceId), and turns a cursor the storage cannot
/// read into a 400 problem.
/// </summary>
internal sealed class ProblemEnrichmentFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (InvalidCursorException ex)
        {
            return TypedResults.Problem(Problems.Invalid(ex.Message));
        }

        return (result as INestedHttpResult)?.Result is IValueHttpResult { Value: ProblemDetails nested }
            ? TypedResults.Problem(nested)
            : result is IValueHttpResult { Value: ProblemDetails problem }
                ? TypedResults.Problem(problem)
                : result;
    }
}
