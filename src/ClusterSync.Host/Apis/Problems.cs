using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// RFC 9457 problem details with stable <c>type</c> URIs (<c>urn:clustersync:problem:*</c>), documented in
/// docs/problems.md. Every error the API returns goes through here.
/// </summary>
public static class Problems
{
    public const string TypePrefix = "urn:clustersync:problem:";
    public const string NotFound = TypePrefix + "not-found";
    public const string Gone = TypePrefix + "gone";
    public const string Moved = TypePrefix + "moved";
    public const string InvalidRequest = TypePrefix + "invalid-request";
    public const string Unauthorized = TypePrefix + "unauthorized";
    public const string Forbidden = TypePrefix + "forbidden";
    public const string Conflict = TypePrefix + "conflict";
    public const string Internal = TypePrefix + "internal-error";
    public const string RateLimit = TypePrefix + "rate-limited";
    public const string PayloadTooLarge = TypePrefix + "payload-too-large";
    public const string SchedulerUnavailable = TypePrefix + "scheduler-unavailable";
    public const string WebhookTargetRefused = TypePrefix + "webhook-target-refused";

    public static ProblemDetails Create(int status, string type, string title, string? detail = null) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    public static ProblemDetails Invalid(string detail) =>
        Create(StatusCodes.Status400BadRequest, InvalidRequest, "The request is not valid.", detail);

    public static ProblemDetails Missing(string what, string id) =>
        Create(StatusCodes.Status404NotFound, NotFound, $"No such {what}.", $"There is no {what} '{id}'.");

    public static ProblemDetails Deleted(string id) =>
        Create(StatusCodes.Status410Gone, Gone, "The organisation was deleted.",
            $"Organisation '{id}' no longer exists at any source; its id is never given to another organisation.");

    public static ProblemDetails RateLimited(int retryAfterSeconds) =>
        Create(StatusCodes.Status429TooManyRequests, RateLimit, "Too many requests.",
            $"This key (or, without a key, this client address) has used its requests for now; retry after {retryAfterSeconds} s.");

    public static ProblemDetails TooLarge(long maxBytes) =>
        Create(StatusCodes.Status413PayloadTooLarge, PayloadTooLarge, "The request body is too large.", $"Request bodies are limited to {maxBytes} bytes.");

    public static ProblemDetails TargetRefused(string detail) =>
        Create(StatusCodes.Status400BadRequest, WebhookTargetRefused, "The webhook URL may not be used.", detail);

    public static ProblemDetails AlreadyDecided(string detail) =>
        Create(StatusCodes.Status409Conflict, Conflict, "Already decided.", detail);

    /// <summary>Gives problems that the framework creates (404 routes, 400 binding, 401/403, 500) our stable types.</summary>
    internal static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)
            || problem.Type.StartsWith("https://datatracker.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = problem.Status switch
            {
                StatusCodes.Status400BadRequest => InvalidRequest,
                StatusCodes.Status401Unauthorized => Unauthorized,
                StatusCodes.Status403Forbidden => Forbidden,
                StatusCodes.Status404NotFound => NotFound,
                StatusCodes.Status409Conflict => Conflict,
                StatusCodes.Status410Gone => Gone,
                StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
                StatusCodes.Status429TooManyRequests => RateLimit,
                >= 500 => Internal,
                _ => TypePrefix + "http-" + problem.Status,
            };
        }

        if (context.Exception is BadHttpRequestException bad)
        {
            problem.Status = bad.StatusCode;
            problem.Type = InvalidRequest;
            problem.Title = "The request is not valid.";
            problem.Detail = bad.Message;
            context.HttpContext.Response.StatusCode = bad.StatusCode;
        }

        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }
}
