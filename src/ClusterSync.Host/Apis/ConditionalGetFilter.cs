using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Apis;

/// <summary>
/// A strong <c>ETag</c> on every 200 JSON answer (a hash of the body), and 304 Not Modified when <c>If-None-Match</c> names it.
/// </summary>
public sealed class ConditionalGetFilter(IOptions<JsonOptions> json) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested)
        {
            inner = nested.Result;
        }

        if (inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            return result;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json.Value.SerializerOptions);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + "\"";
        var http = context.HttpContext;
        http.Response.Headers.ETag = etag;
        var match = http.Request.Headers.IfNoneMatch.ToString();
        if (match.Length > 0 && (match.Trim() == "*" || match.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json");
    }
}
