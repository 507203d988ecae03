namespace ClusterSync.Storage.Webhooks;

/// <summary>A subscription to create.</summary>
public sealed record NewWebhookSubscription(string Id, string Owner, string Url, IReadOnlyList<string> EventTypes, string Secret);

/// <summary>What to change of a subscription; null leaves a part as it is.</summary>
public sealed record WebhookSubscriptionChange(string? Url, IReadOnlyList<string>? EventTypes, bool? Enabled);

/// <summary>A subscription as its owner sees it (never its secrets).</summary>
/// <param name="DeliveredSequence">The last change event delivered (or passed over by the type filter).</param>
/// <param name="FailedAttempts">Failed attempts in a row for the next event.</param>
/// <param name="NextAttemptAt">No delivery before this time (backoff), when set.</param>
/// <param name="PreviousSecretUntil">Until then the secret replaced by the last rotation signs too.</param>
public sealed record WebhookSubscriptionView(
    string Id, string Owner, string Url, IReadOnlyList<string> EventTypes, string State, string? DisabledReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long DeliveredSequence, int FailedAttempts, DateTimeOffset? NextAttemptAt,
    DateTimeOffset? PreviousSecretUntil);

/// <summary>Where to deliver and the secrets that sign (the current one first).</summary>
public sealed record WebhookTarget(string SubscriptionId, string Url, IReadOnlyList<string> Secrets);

/// <summary>
/// A lease on one subscription: deliver the events after <see cref="DeliveredSequence"/> until <see cref="Until"/>. Its
/// <see cref="Holder"/> names this one lease (the instance and a random part), so that a worker whose lease ran out cannot
/// complete or release a later lease on the same subscription, even one taken by another worker of its own instance.
/// </summary>
public sealed record WebhookLease(
    WebhookTarget Target, IReadOnlyList<string> EventTypes, long DeliveredSequence, int FailedAttempts, DateTimeOffset? FailingSince, DateTimeOffset Until,
    string Holder);

/// <summary>What a lease did; <see cref="DisabledReason"/> set disables the subscription.</summary>
public sealed record LeaseOutcome(
    IReadOnlyList<WebhookAttempt> Attempts, long DeliveredSequence, int FailedAttempts, DateTimeOffset? FailingSince, DateTimeOffset? NextAttemptAt,
    string? DisabledReason);

/// <summary>One attempt to deliver one message.</summary>
public sealed record WebhookAttempt(
    string SubscriptionId, string MessageId, long? EventSequence, string EventType, int Attempt, string Trigger, bool Succeeded,
    int? StatusCode, string? Error, int DurationMs, DateTimeOffset At);

/// <summary>One logged delivery attempt.</summary>
public sealed record WebhookDeliveryView(
    long Id, string SubscriptionId, string MessageId, long? EventSequence, string EventType, int Attempt, string Trigger, bool Succeeded,
    int? StatusCode, string? Error, int DurationMs, DateTimeOffset At);
