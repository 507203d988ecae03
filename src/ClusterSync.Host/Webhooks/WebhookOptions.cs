using System.ComponentModel.DataAnnotations;

namespace ClusterSync.Host.Webhooks;

/// <summary>Webhook deliveries (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Run the dispatcher on this instance (every instance by default; leases keep deliveries single).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>
    /// Hosts a subscription may target although they are not public (or with <c>http</c>): exact host names or IP literals,
    /// compared without case. Empty by default: targets must be https and resolve to public addresses only.
    /// </summary>
    public IList<string> AllowedHosts { get; init; } = [];

    /// <summary>How long one delivery request may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; doubled after each further failure, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an event keeps being retried; then the subscription is disabled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the replaced secret keeps signing after a rotation, unless the rotation asks for another period.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an instance holds a subscription's lease; a batch stops at half of it.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle dispatcher looks for work besides being woken by publications.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events read per lease.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Subscriptions this instance delivers to at once (one lease each).</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>Subscriptions one partner may hold.</summary>
    [Range(1, 10_000)]
    public int MaxSubscriptionsPerOwner { get; set; } = 50;
}
