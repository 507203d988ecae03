namespace ClusterSync.Storage.Entities;

/// <summary>
/// A partner's webhook subscription, with its delivery state: the cursor (last change event delivered or passed over), the
/// retry state of the event at its head, and the lease an instance holds while it delivers.
/// </summary>
public sealed class WebhookSubscriptionRow
{
    public required string Id { get; set; }

    /// <summary>The partner that owns it: the name of the API key that created it.</summary>
    public required string Owner { get; set; }

    public required string Url { get; set; }

    /// <summary>Event types delivered, space-separated; empty for every type.</summary>
    public required string EventTypes { get; set; }

    /// <summary>The signing secret (<c>whsec_…</c>); stored because it must sign, shown to the partner once.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret before the last rotation; it signs too until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; set; }

    public DateTimeOffset? PreviousSecretUntil { get; set; }

    /// <summary><c>active</c> or <c>disabled</c>.</summary>
    public required string State { get; set; }

    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The sequence of the last change event delivered (or passed over by the type filter).</summary>
    public long DeliveredSequence { get; set; }

    /// <summary>Failed attempts in a row for the event after <see cref="DeliveredSequence"/>.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the first of those failed attempts was made.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>No delivery is attempted before this time (the backoff after a failure).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The instance delivering for this subscription until <see cref="LeaseUntil"/>.</summary>
    public string? LeasedBy { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}
