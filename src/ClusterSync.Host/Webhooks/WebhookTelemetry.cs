using System.Diagnostics.Metrics;

namespace ClusterSync.Host.Webhooks;

/// <summary>Webhook metrics (meter <c>ClusterSync.Webhooks</c>): one count per delivery attempt, by outcome and trigger.</summary>
public static class WebhookTelemetry
{
    public const string MeterName = "ClusterSync.Webhooks";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> Deliveries =
        Meter.CreateCounter<long>("clustersync.webhooks.deliveries", "{attempt}", "Delivery attempts, tagged outcome (succeeded|failed) and trigger.");

    public static readonly Counter<long> Disabled =
        Meter.CreateCounter<long>("clustersync.webhooks.disabled", "{subscription}", "Subscriptions disabled after sustained failure.");

    public static void Record(bool succeeded, string trigger) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"), new KeyValuePair<string, object?>("trigger", trigger));
}
