using System.Diagnostics;
using ClusterSync.Host.Feed;
using ClusterSync.Storage;
using ClusterSync.Storage.Feed;
using ClusterSync.Storage.Webhooks;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Webhooks;

/// <summary>
/// Delivers change events to subscriptions, on every instance. A worker leases one subscription at a time (the lease keeps
/// other instances off it), sends its events after its cursor one by one in sequence order, and stops at the first failure:
/// the next event waits until that one succeeds (order per subscription, at least once). A failure schedules the next
/// attempt with exponential backoff and jitter; failing for <see cref="WebhookOptions.RetryFor"/> disables the subscription.
/// </summary>
public sealed class WebhookDispatcher(
    WebhookStore store,
    ChangeFeed feed,
    ChangeNotifications notifications,
    WebhookSender sender,
    InstanceIdentity instance,
    TimeProvider time,
    IOptionsMonitor<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string DispatchTrigger = "dispatch";

    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes idle workers (a subscription was made or enabled).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.CurrentValue;
        return settings.DispatcherEnabled
            ? Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)))
            : Task.CompletedTask;
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = notifications.NextAsync();
            var woken = Volatile.Read(ref _wake).Task;
            bool worked;
            try
            {
                worked = await DispatchOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook dispatch failed; trying again after the poll interval.");
                worked = false;
            }

            if (!worked)
            {
                await Task.WhenAny(published, woken, Task.Delay(options.CurrentValue.PollInterval, time, stoppingToken));
            }
        }
    }

    /// <summary>Leases one subscription with pending events and delivers them; false when there was none to lease.</summary>
    public async Task<bool> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var last = await feed.LastSequenceAsync(cancellationToken);
        var lease = await store.TryLeaseAsync(instance.Id, time.GetUtcNow(), settings.LeaseDuration, last, cancellationToken);
        if (lease is null)
        {
            return false;
        }

        var outcome = await DeliverAsync(lease, settings, cancellationToken);
        if (!await store.CompleteLeaseAsync(lease, outcome, time.GetUtcNow(), CancellationToken.None))
        {
            logger.LogWarning("The lease on webhook subscription {SubscriptionId} ran out before its batch was recorded; its events may be delivered again.",
                lease.Target.SubscriptionId);
        }

        if (outcome.DisabledReason is not null)
        {
            WebhookTelemetry.Disabled.Add(1);
            logger.LogWarning("Webhook subscription {SubscriptionId} disabled: {Reason}", lease.Target.SubscriptionId, outcome.DisabledReason);
        }

        return true;
    }

    private async Task<LeaseOutcome> DeliverAsync(WebhookLease lease, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var target = lease.Target;
        var attempts = new List<WebhookAttempt>();
        var (cursor, failed, failingSince) = (lease.DeliveredSequence, lease.FailedAttempts, lease.FailingSince);
        DateTimeOffset? nextAttempt = null;
        string? disabled = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var events = await feed.ReadAsync(cursor, settings.BatchSize, cancellationToken);
            foreach (var change in events)
            {
                if (lease.EventTypes.Count > 0 && !lease.EventTypes.Contains(OrganisationEvents.TypePrefix + change.Type))
                {
                    cursor = change.Sequence;
                    continue;
                }

                if (Stopwatch.GetElapsedTime(started) > settings.LeaseDuration / 2)
                {
                    break;
                }

                var messageId = WebhookSender.MessageId(target.SubscriptionId, change.Sequence);
                var result = await sender.SendAsync(target, messageId, WebhookSender.EventBody(change), cancellationToken);
                var at = time.GetUtcNow();
                attempts.Add(new WebhookAttempt(target.SubscriptionId, messageId, change.Sequence, OrganisationEvents.TypePrefix + change.Type,
                    failed + 1, DispatchTrigger, result.Succeeded, result.StatusCode, result.Error, result.DurationMs, at));
                WebhookTelemetry.Record(result.Succeeded, DispatchTrigger);
                if (result.Succeeded)
                {
                    (cursor, failed, failingSince) = (change.Sequence, 0, null);
                    continue;
                }

                failed++;
                failingSince ??= at;
                if (at - failingSince.Value >= settings.RetryFor)
                {
                    disabled = $"Deliveries failed for {settings.RetryFor.TotalHours:0.##} h ({failed} attempts since {failingSince.Value:u}); " +
                        $"the last: {result.Error}";
                }
                else
                {
                    nextAttempt = at + Backoff(failed, settings);
                }

                break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: record what was delivered; the rest goes on from the cursor on the next lease.
        }

        return new LeaseOutcome(attempts, cursor, failed, failingSince, nextAttempt, disabled);
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row: doubling from the first delay up to the longest, ±20 % jitter.</summary>
    public static TimeSpan Backoff(int failures, WebhookOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exponential = settings.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }
}
