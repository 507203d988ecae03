using System.Text.Json;
using ClusterSync.Host.Feed;
using ClusterSync.Storage.Feed;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ClusterSync.Host.Apis;

/// <summary>
/// The change feed for partner systems: ordered, gapless, replayable CloudEvents after an opaque cursor, a long poll, and
/// a snapshot of the directory with the cursor it is consistent with.
/// </summary>
public static class ChangesApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxWaitSeconds = 60;

    /// <summary>The response header carrying the cursor to pass as <c>after</c> for the next read.</summary>
    public const string CursorHeader = "Feed-Cursor";

    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/changes").WithTags("Changes").AddEndpointFilter<ProblemEnrichmentFilter>().RequireFeedReader();
        api.MapGet("/", ReadChanges)
            .WithName("ReadChanges")
            .WithSummary("Reads the directory's change events after a cursor (CloudEvents 1.0, batch mode)")
            .WithDescription("Events in commit order, none skipped, from the start when after is absent. The Feed-Cursor header (and each " +
                "event's cursor attribute) is the after of the next read. wait=N (seconds, at most 60) holds the request until an event " +
                "arrives or N seconds pass.");
        api.MapGet("/snapshot", ReadSnapshot)
            .WithName("ReadSnapshot")
            .WithSummary("The active directory with the feed cursor it is consistent with")
            .WithDescription("Apply the feed after the returned cursor to keep the copy current.");
        return app;
    }

    /// <summary>The feed's query.</summary>
    /// <param name="After">A cursor the feed returned; absent for the start.</param>
    /// <param name="Limit">Events per response, 1 to 1000 (100 when absent).</param>
    /// <param name="Wait">Seconds to wait for an event when there is none yet, 0 to 60.</param>
    public sealed record ChangesQuery(string? After, int? Limit, int? Wait);

    public static async Task<Results<ChangeBatch, BadRequest<ProblemDetails>>> ReadChanges(
        [AsParameters] ChangesQuery query, ChangeFeed feed, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        long after = 0;
        if (query.After is not null && !FeedCursor.TryDecode(query.After, out after))
        {
            return TypedResults.BadRequest(Problems.Invalid("after is not a cursor this feed returned."));
        }

        if (query.Limit is < 1 or > MaxLimit)
        {
            return TypedResults.BadRequest(Problems.Invalid($"limit must be between 1 and {MaxLimit}."));
        }

        if (query.Wait is < 0 or > MaxWaitSeconds)
        {
            return TypedResults.BadRequest(Problems.Invalid($"wait must be between 0 and {MaxWaitSeconds} seconds."));
        }

        var limit = query.Limit ?? DefaultLimit;
        var events = query.Wait is > 0
            ? await feed.WaitAsync(after, limit, TimeSpan.FromSeconds(query.Wait.Value), time, cancellationToken)
            : await feed.ReadAsync(after, limit, cancellationToken);
        return new ChangeBatch(events, events.Count > 0 ? events[^1].Sequence : after);
    }

    public static async Task<Ok<SnapshotResource>> ReadSnapshot(ChangeFeed feed, CancellationToken cancellationToken)
    {
        var snapshot = await feed.SnapshotAsync(cancellationToken);
        return TypedResults.Ok(new SnapshotResource(
            FeedCursor.Encode(snapshot.Sequence),
            [.. snapshot.Organisations.Select(o => new SnapshotOrganisationResource(o.Id, o.Version, o.UpdatedAt, Parse(o.GoldenJson)))]));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>The directory at one point of the feed.</summary>
/// <param name="Cursor">Read the feed after this cursor to follow every change since.</param>
public sealed record SnapshotResource(string Cursor, IReadOnlyList<SnapshotOrganisationResource> Organisations);

/// <summary>One active organisation of a snapshot.</summary>
public sealed record SnapshotOrganisationResource(string Id, long Version, DateTimeOffset UpdatedAt, JsonElement Organisation);

/// <summary>
/// A batch of change events: <c>application/cloudevents-batch+json</c> with the next cursor in <c>Feed-Cursor</c>, written to the
/// body as it is encoded (so without a Content-Length).
/// </summary>
public sealed class ChangeBatch(IReadOnlyList<ChangeEventView> events, long lastSequence) : IResult, IEndpointMetadataProvider
{
    public IReadOnlyList<ChangeEventView> Events => events;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = OrganisationEvents.BatchContentType;
        httpContext.Response.Headers[ChangesApi.CursorHeader] = FeedCursor.Encode(lastSequence);
        await CloudEventBatchWriter.WriteAsync(httpContext.Response.BodyWriter, events, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(JsonElement[]), [OrganisationEvents.BatchContentType]));
    }
}
