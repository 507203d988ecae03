namespace ClusterSync.Storage.Entities;

/// <summary>One delivery attempt of one message to one subscription.</summary>
public sealed class WebhookDeliveryRow
{
    public long Id { get; set; }
    public required string SubscriptionId { get; set; }

    /// <summary>The <c>webhook-id</c> sent: the same for every attempt of one event to one subscription.</summary>
    public required string MessageId { get; set; }

    /// <summary>The change event delivered; null for a ping.</summary>
    public long? EventSequence { get; set; }

    public required string EventType { get; set; }

    /// <summary>1 for the first attempt of the message, counting on through retries and redeliveries.</summary>
    public int Attempt { get; set; }

    /// <summary><c>dispatch</c>, <c>ping</c> or <c>redeliver</c>.</summary>
    public required string Trigger { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>The receiver's HTTP status; null when no response came.</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }

    public int DurationMs { get; set; }

    public DateTimeOffset At { get; set; }
}
