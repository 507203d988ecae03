using System.Globalization;
using System.Threading.RateLimiting;
using ClusterSync.Host.Apis;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Security;

/// <summary>
/// Rate limits per key and, for callers without a key, per client address (429 with <c>Retry-After</c>), and the request
/// body size limit (413). Health probes are never limited.
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) =>
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits.Value)));
        return services;
    }

    /// <summary>Refuses a body larger than <see cref="AccessOptions.MaxRequestBodyBytes"/> (413), declared or streamed.</summary>
    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var max = context.RequestServices.GetRequiredService<IOptionsMonitor<AccessOptions>>().CurrentValue.MaxRequestBodyBytes;
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }

            if (context.Request.ContentLength > max)
            {
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, Problems.TooLarge(max));
                return;
            }

            await next(context);
        });

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitOptions limits)
    {
        if (!limits.Enabled || context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("none");
        }

        var keyName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
        var (partition, permits) = keyName is not null
            ? ("key:" + keyName, limits.PermitsPerKey)
            : ("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.PermitsPerAddress);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = limits.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await WriteProblemAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, Problems.RateLimited(seconds));
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = status;
        var writer = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
