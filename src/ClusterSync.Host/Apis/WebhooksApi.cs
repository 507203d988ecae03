using System.Security.Claims;
using System.Security.Cryptography;
using ClusterSync.Host.Feed;
using ClusterSync.Host.Security;
using ClusterSync.Host.Webhooks;
using ClusterSync.Storage.Feed;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Apis;

/// <summary>
/// Webhook subscriptions for partner systems (<c>partner</c> scope): a partner sees and manages only its own (another's
/// answers 404), an administrator all. The signing secret is returned once, at creation and at each rotation.
/// </summary>
public static class WebhooksApi
{
    public const int MaxGraceHours = 720;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/webhooks").WithTags("Webhooks").AddEndpointFilter<ProblemEnrichmentFilter>().RequirePartner();
        api.MapPost("/", CreateWebhook).WithName("CreateWebhook")
            .WithSummary("Subscribes a URL to change events; returns the signing secret once")
            .WithDescription("The URL must be https and resolve to public addresses only (unless Webhooks:AllowedHosts lists its host). " +
                "Deliveries start with the events published after the subscription is made.");
        api.MapGet("/", ListWebhooks).WithName("ListWebhooks").WithSummary("Lists the caller's subscriptions (an administrator's: all)");
        api.MapGet("/{id}", GetWebhook).WithName("GetWebhook").WithSummary("One subscription with its delivery state");
        api.MapPatch("/{id}", UpdateWebhook).WithName("UpdateWebhook")
            .WithSummary("Changes a subscription's URL or event types, or enables or disables it")
            .WithDescription("Enabling a disabled subscription clears its failures: delivery resumes from where it stopped.");
        api.MapDelete("/{id}", DeleteWebhook).WithName("DeleteWebhook").WithSummary("Deletes a subscription and its delivery log");
        api.MapPost("/{id}/rotate-secret", RotateWebhookSecret).WithName("RotateWebhookSecret")
            .WithSummary("Replaces the signing secret; returns the new one once")
            .WithDescription("The replaced secret keeps signing beside the new one for the grace period (graceHours, 24 by default).");
        api.MapPost("/{id}/ping", PingWebhook).WithName("PingWebhook")
            .WithSummary("Sends a signed webhook.ping event now and returns the attempt");
        api.MapGet("/{id}/deliveries", ListWebhookDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The subscription's delivery attempts, newest first (paged)");
        api.MapPost("/{id}/deliveries/{deliveryId}/redeliver", RedeliverWebhook).WithName("RedeliverWebhook")
            .WithSummary("Sends a logged delivery's message again now (same webhook-id) and returns the attempt");
        return app;
    }

    /// <summary>A subscription to make.</summary>
    /// <param name="Url">https URL the events are POSTed to.</param>
    /// <param name="EventTypes">Types to deliver (organisation.created, …); absent or empty for all.</param>
    public sealed record CreateWebhookBody(string? Url, IReadOnlyList<string>? EventTypes);

    /// <summary>What to change; absent members stay as they are.</summary>
    public sealed record UpdateWebhookBody(string? Url, IReadOnlyList<string>? EventTypes, bool? Enabled);

    /// <summary>A rotation.</summary>
    /// <param name="GraceHours">How long the replaced secret keeps signing, 0 to 720 hours; the configured default (24) when absent.</param>
    public sealed record RotateSecretBody(double? GraceHours);

    /// <summary>A subscription as its owner sees it.</summary>
    /// <param name="DeliveredCursor">The feed cursor after the last event delivered (or passed over by the type filter).</param>
    /// <param name="FailedAttempts">Failed attempts in a row for the next event.</param>
    /// <param name="NextAttemptAt">When the next attempt is due after a failure.</param>
    /// <param name="PreviousSecretExpiresAt">Until then the secret replaced by the last rotation signs too.</param>
    public sealed record WebhookResource(
        string Id, string Owner, string Url, IReadOnlyList<string> EventTypes, string State, string? DisabledReason,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string DeliveredCursor, int FailedAttempts, DateTimeOffset? NextAttemptAt,
        DateTimeOffset? PreviousSecretExpiresAt);

    /// <summary>A subscription with its signing secret, shown this once.</summary>
    public sealed record WebhookWithSecret(WebhookResource Subscription, string Secret);

    public static async Task<Results<Created<WebhookWithSecret>, BadRequest<ProblemDetails>, Conflict<ProblemDetails>>> CreateWebhook(
        CreateWebhookBody? body, ClaimsPrincipal user, WebhookStore store, WebhookTargetPolicy policy, WebhookDispatcher dispatcher,
        IOptionsMonitor<WebhookOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.BadRequest(Problems.Invalid("A JSON body with url (and eventTypes) is required."));
        }

        if (await policy.RefusalAsync(body.Url, cancellationToken) is { } refusal)
        {
            return TypedResults.BadRequest(Problems.TargetRefused(refusal));
        }

        if (EventTypes(body.EventTypes) is not { } types)
        {
            return TypedResults.BadRequest(InvalidTypes());
        }

        var owner = OwnerName(user);
        var max = options.CurrentValue.MaxSubscriptionsPerOwner;
        if (await store.CountAsync(owner, cancellationToken) >= max)
        {
            return TypedResults.Conflict(Problems.Create(StatusCodes.Status409Conflict, Problems.Conflict, "Too many subscriptions.",
                $"A partner may hold {max} subscriptions; delete one first."));
        }

        var secret = WebhookSignature.NewSecret();
        var id = "whs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var created = await store.CreateAsync(new NewWebhookSubscription(id, owner, body.Url!, types, secret), time.GetUtcNow(), cancellationToken);
        dispatcher.Wake();
        return TypedResults.Created($"/v1/webhooks/{id}", new WebhookWithSecret(Resource(created), secret));
    }

    public static async Task<Ok<IReadOnlyList<WebhookResource>>> ListWebhooks(ClaimsPrincipal user, WebhookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<WebhookResource>>([.. (await store.ListAsync(OwnerFilter(user), cancellationToken)).Select(Resource)]);

    public static async Task<Results<Ok<WebhookResource>, NotFound<ProblemDetails>>> GetWebhook(
        string id, ClaimsPrincipal user, WebhookStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, OwnerFilter(user), cancellationToken) is { } found
            ? TypedResults.Ok(Resource(found))
            : TypedResults.NotFound(Missing(id));

    public static async Task<Results<Ok<WebhookResource>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> UpdateWebhook(
        string id, UpdateWebhookBody? body, ClaimsPrincipal user, WebhookStore store, WebhookTargetPolicy policy, WebhookDispatcher dispatcher,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return TypedResults.BadRequest(Problems.Invalid("A JSON body with url, eventTypes or enabled is required."));
        }

        if (body.Url is not null && await policy.RefusalAsync(body.Url, cancellationToken) is { } refusal)
        {
            return TypedResults.BadRequest(Problems.TargetRefused(refusal));
        }

        IReadOnlyList<string>? types = null;
        if (body.EventTypes is not null && (types = EventTypes(body.EventTypes)) is null)
        {
            return TypedResults.BadRequest(InvalidTypes());
        }

        var updated = await store.UpdateAsync(id, OwnerFilter(user), new WebhookSubscriptionChange(body.Url, types, body.Enabled), time.GetUtcNow(), cancellationToken);
        if (updated is null)
        {
            return TypedResults.NotFound(Missing(id));
        }

        dispatcher.Wake();
        return TypedResults.Ok(Resource(updated));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> DeleteWebhook(
        string id, ClaimsPrincipal user, WebhookStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, OwnerFilter(user), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound(Missing(id));

    public static async Task<Results<Ok<WebhookWithSecret>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> RotateWebhookSecret(
        string id, RotateSecretBody? body, ClaimsPrincipal user, WebhookStore store, IOptionsMonitor<WebhookOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (body?.GraceHours is < 0 or > MaxGraceHours || (body?.GraceHours is { } hours && !double.IsFinite(hours)))
        {
            return TypedResults.BadRequest(Problems.Invalid($"graceHours must be between 0 and {MaxGraceHours}."));
        }

        var grace = body?.GraceHours is { } given ? TimeSpan.FromHours(given) : options.CurrentValue.RotationGracePeriod;
        var now = time.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        return await store.RotateSecretAsync(id, OwnerFilter(user), secret, now + grace, now, cancellationToken) is { } rotated
            ? TypedResults.Ok(new WebhookWithSecret(Resource(rotated), secret))
            : TypedResults.NotFound(Missing(id));
    }

    public static async Task<Results<Ok<WebhookDeliveryView>, NotFound<ProblemDetails>>> PingWebhook(
        string id, ClaimsPrincipal user, WebhookStore store, WebhookSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, OwnerFilter(user), cancellationToken) is null || await store.TargetAsync(id, time.GetUtcNow(), cancellationToken) is not { } target)
        {
            return TypedResults.NotFound(Missing(id));
        }

        var messageId = WebhookSender.PingMessageId(id);
        return TypedResults.Ok(await SendAsync(store, sender, target, messageId, null, WebhookSender.PingType, "ping",
            sender.PingBody(id, messageId), time, cancellationToken));
    }

    public static async Task<Results<Ok<Page<WebhookDeliveryView>>, BadRequest<ProblemDetails>, NotFound<ProblemDetails>>> ListWebhookDeliveries(
        string id, [AsParameters] PageQuery page, ClaimsPrincipal user, WebhookStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Problem() is { } problem)
        {
            return TypedResults.BadRequest(problem);
        }

        return await store.FindAsync(id, OwnerFilter(user), cancellationToken) is null
            ? TypedResults.NotFound(Missing(id))
            : TypedResults.Ok(await store.DeliveriesAsync(id, page.ToRequest(), cancellationToken));
    }

    public static async Task<Results<Ok<WebhookDeliveryView>, NotFound<ProblemDetails>>> RedeliverWebhook(
        string id, string deliveryId, ClaimsPrincipal user, WebhookStore store, WebhookSender sender, ChangeFeed feed, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, OwnerFilter(user), cancellationToken) is null || await store.TargetAsync(id, time.GetUtcNow(), cancellationToken) is not { } target)
        {
            return TypedResults.NotFound(Missing(id));
        }

        var delivery = long.TryParse(deliveryId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? await store.FindDeliveryAsync(id, number, cancellationToken) : null;
        if (delivery is null)
        {
            return TypedResults.NotFound(Problems.Missing("delivery", deliveryId.Length <= 40 ? deliveryId : deliveryId[..40]));
        }

        ReadOnlyMemory<byte> body;
        if (delivery.EventSequence is { } sequence)
        {
            var events = await feed.ReadAsync(sequence - 1, 1, cancellationToken);
            if (events is not [{ } change] || change.Sequence != sequence)
            {
                return TypedResults.NotFound(Problems.Missing("change event", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            body = WebhookSender.EventBody(change);
        }
        else
        {
            body = sender.PingBody(id, delivery.MessageId);
        }

        return TypedResults.Ok(await SendAsync(store, sender, target, delivery.MessageId, delivery.EventSequence, delivery.EventType, "redeliver",
            body, time, cancellationToken));
    }

    private static async Task<WebhookDeliveryView> SendAsync(
        WebhookStore store, WebhookSender sender, WebhookTarget target, string messageId, long? sequence, string type, string trigger,
        ReadOnlyMemory<byte> body, TimeProvider time, CancellationToken cancellationToken)
    {
        var attempt = await store.NextAttemptAsync(target.SubscriptionId, messageId, cancellationToken);
        var result = await sender.SendAsync(target, messageId, body, cancellationToken);
        WebhookTelemetry.Record(result.Succeeded, trigger);
        return await store.RecordAsync(new WebhookAttempt(target.SubscriptionId, messageId, sequence, type, attempt, trigger, result.Succeeded,
            result.StatusCode, result.Error, result.DurationMs, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>The partner a key belongs to: its name (keys of one partner share it).</summary>
    private static string OwnerName(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    /// <summary>Null for an administrator (every subscription), else the caller's own.</summary>
    private static string? OwnerFilter(ClaimsPrincipal user) =>
        user.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeys.AdminScope) ? null : OwnerName(user);

    private static IReadOnlyList<string>? EventTypes(IReadOnlyList<string>? given)
    {
        var types = (given ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        return types.All(OrganisationEvents.Types.Contains) ? types : null;
    }

    private static ProblemDetails InvalidTypes() =>
        Problems.Invalid($"eventTypes must be empty (every type) or any of {string.Join(", ", OrganisationEvents.Types)}.");

    private static ProblemDetails Missing(string id) => Problems.Missing("webhook subscription", id.Length <= 40 ? id : id[..40]);

    private static WebhookResource Resource(WebhookSubscriptionView v) =>
        new(v.Id, v.Owner, v.Url, v.EventTypes, v.State, v.DisabledReason, v.CreatedAt, v.UpdatedAt, FeedCursor.Encode(v.DeliveredSequence),
            v.FailedAttempts, v.NextAttemptAt, v.PreviousSecretUntil);
}
