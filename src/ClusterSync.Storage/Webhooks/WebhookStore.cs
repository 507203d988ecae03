using ClusterSync.Storage.Entities;
using ClusterSync.Storage.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClusterSync.Storage.Webhooks;

/// <summary>
/// Webhook subscriptions, their delivery state and the delivery log. Every read and write that takes an
/// <c>owner</c> sees only that partner's subscriptions; a null owner (an administrator) sees all.
/// </summary>
public sealed class WebhookStore(IClusterSyncDbContextFactory contexts)
{
    public const string Active = "active";
    public const string Disabled = "disabled";

    public async Task<WebhookSubscriptionView> CreateAsync(NewWebhookSubscription subscription, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var db = contexts.CreateDbContext();
        var row = new WebhookSubscriptionRow
        {
            Id = subscription.Id,
            Owner = subscription.Owner,
            Url = subscription.Url,
            EventTypes = string.Join(' ', subscription.EventTypes),
            Secret = subscription.Secret,
            State = Active,
            CreatedAt = now,
            UpdatedAt = now,
            DeliveredSequence = await DirectoryStore.LastSequenceAsync(db, cancellationToken),
        };
        db.WebhookSubscriptions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    public async Task<int> CountAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.WebhookSubscriptions.CountAsync(s => s.Owner == owner, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookSubscriptionView>> ListAsync(string? owner, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await Owned(db, owner).AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(View)];
    }

    public async Task<WebhookSubscriptionView?> FindAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await Owned(db, owner).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : View(row);
    }

    /// <summary>Changes what is given; enabling a disabled subscription clears its failures so deliveries resume at once.</summary>
    public async Task<WebhookSubscriptionView?> UpdateAsync(string id, string? owner, WebhookSubscriptionChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = contexts.CreateDbContext();
        var row = await Owned(db, owner).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        row.Url = change.Url ?? row.Url;
        row.EventTypes = change.EventTypes is null ? row.EventTypes : string.Join(' ', change.EventTypes);
        if (change.Enabled is true && row.State != Active)
        {
            row.State = Active;
            row.DisabledReason = null;
            row.FailedAttempts = 0;
            row.FailingSince = null;
            row.NextAttemptAt = null;
        }
        else if (change.Enabled is false && row.State != Disabled)
        {
            row.State = Disabled;
            row.DisabledReason = "Disabled by its owner.";
        }

        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    public async Task<bool> DeleteAsync(string id, string? owner, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await Owned(db, owner).Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Replaces the secret; the one replaced keeps signing until <paramref name="previousUntil"/>.</summary>
    public async Task<WebhookSubscriptionView?> RotateSecretAsync(
        string id, string? owner, string secret, DateTimeOffset previousUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await Owned(db, owner).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        row.PreviousSecret = row.Secret;
        row.PreviousSecretUntil = previousUntil;
        row.Secret = secret;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return View(row);
    }

    /// <summary>Where and how to deliver to a subscription now: its URL and the secrets that sign at <paramref name="now"/>.</summary>
    public async Task<WebhookTarget?> TargetAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : Target(row, now);
    }

    /// <summary>The subscription's delivery attempts, newest first.</summary>
    public async Task<Page<WebhookDeliveryView>> DeliveriesAsync(string subscriptionId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var db = contexts.CreateDbContext();
        var after = page.AfterId;
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscriptionId);
        if (after is not null)
        {
            query = query.Where(d => d.Id < after);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Page.Of(rows, page.Limit, DeliveryView, d => d.Id);
    }

    public async Task<WebhookDeliveryView?> FindDeliveryAsync(string subscriptionId, long deliveryId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == subscriptionId, cancellationToken);
        return row is null ? null : DeliveryView(row);
    }

    /// <summary>The number the next attempt of <paramref name="messageId"/> gets.</summary>
    public async Task<int> NextAttemptAsync(string subscriptionId, string messageId, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId && d.MessageId == messageId)
            .MaxAsync(d => (int?)d.Attempt, cancellationToken) + 1 ?? 1;
    }

    /// <summary>Records attempts made outside a lease (ping, redelivery).</summary>
    public async Task<WebhookDeliveryView> RecordAsync(WebhookAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var db = contexts.CreateDbContext();
        var row = Row(attempt);
        db.WebhookDeliveries.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return DeliveryView(row);
    }

    /// <summary>
    /// Takes the lease of one active subscription with events after its cursor (up to <paramref name="lastSequence"/>),
    /// whose backoff has passed and which no live lease holds, the one leased longest ago first; null when there is none.
    /// On PostgreSQL the candidate row is locked with <c>FOR UPDATE SKIP LOCKED</c>, so instances never wait on each other;
    /// on SQLite (one writer) a conditional update is enough.
    /// </summary>
    public async Task<WebhookLease?> TryLeaseAsync(string instance, DateTimeOffset now, TimeSpan duration, long lastSequence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        await using var db = contexts.CreateDbContext();
        var until = now + duration;
        var holder = instance + "/" + Guid.NewGuid().ToString("N");
        string? id;
        if (db.Provider == StorageProvider.Postgres)
        {
            id = (await db.Database.SqlQueryRaw<string>(
                """
                UPDATE webhook_subscriptions SET leased_by = {0}, lease_until = {1}
                WHERE id = (SELECT id FROM webhook_subscriptions
                    WHERE state = 'active' AND delivered_sequence < {2}
                      AND (lease_until IS NULL OR lease_until < {3})
                      AND (next_attempt_at IS NULL OR next_attempt_at <= {3})
                    ORDER BY lease_until NULLS FIRST, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id AS "Value"
                """,
                holder, until.ToUniversalTime(), lastSequence, now.ToUniversalTime()).ToListAsync(cancellationToken)).FirstOrDefault();
        }
        else
        {
            id = await db.WebhookSubscriptions.AsNoTracking()
                .Where(s => s.State == Active && s.DeliveredSequence < lastSequence
                    && (s.LeaseUntil == null || s.LeaseUntil < now) && (s.NextAttemptAt == null || s.NextAttemptAt <= now))
                .OrderBy(s => s.LeaseUntil).ThenBy(s => s.Id)
                .Select(s => s.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (id is not null && await db.WebhookSubscriptions
                    .Where(s => s.Id == id && (s.LeaseUntil == null || s.LeaseUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeasedBy, holder).SetProperty(r => r.LeaseUntil, until), cancellationToken) == 0)
            {
                id = null;
            }
        }

        if (id is null)
        {
            return null;
        }

        var row = await db.WebhookSubscriptions.AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken);
        return new WebhookLease(Target(row, now), Types(row.EventTypes), row.DeliveredSequence, row.FailedAttempts, row.FailingSince, until, holder);
    }

    /// <summary>
    /// Records what a lease did (its attempts, the cursor reached, the retry state) and gives the lease up. When the lease
    /// was lost meanwhile (it ran out and another worker, of this instance or another, took it), only the attempts are
    /// recorded and the later lease is left alone.
    /// </summary>
    public async Task<bool> CompleteLeaseAsync(WebhookLease lease, LeaseOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        var (id, holder) = (lease.Target.SubscriptionId, lease.Holder);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.WebhookDeliveries.AddRange(outcome.Attempts.Select(Row));
        await db.SaveChangesAsync(cancellationToken);
        var held = await db.WebhookSubscriptions.Where(s => s.Id == id && s.LeasedBy == holder)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.DeliveredSequence, r => r.DeliveredSequence > outcome.DeliveredSequence ? r.DeliveredSequence : outcome.DeliveredSequence)
                .SetProperty(r => r.FailedAttempts, outcome.FailedAttempts)
                .SetProperty(r => r.FailingSince, outcome.FailingSince)
                .SetProperty(r => r.NextAttemptAt, outcome.NextAttemptAt)
                .SetProperty(r => r.State, r => outcome.DisabledReason != null ? Disabled : r.State)
                .SetProperty(r => r.DisabledReason, r => outcome.DisabledReason ?? r.DisabledReason)
                .SetProperty(r => r.LeasedBy, (string?)null)
                .SetProperty(r => r.LeaseUntil, now), cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        return held;
    }

    private static IQueryable<WebhookSubscriptionRow> Owned(ClusterSyncDbContext db, string? owner) =>
        owner is null ? db.WebhookSubscriptions : db.WebhookSubscriptions.Where(s => s.Owner == owner);

    private static IReadOnlyList<string> Types(string types) => types.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static WebhookTarget Target(WebhookSubscriptionRow row, DateTimeOffset now) =>
        new(row.Id, row.Url, row.PreviousSecret is not null && row.PreviousSecretUntil > now ? [row.Secret, row.PreviousSecret] : [row.Secret]);

    private static WebhookSubscriptionView View(WebhookSubscriptionRow row) =>
        new(row.Id, row.Owner, row.Url, Types(row.EventTypes), row.State, row.DisabledReason, row.CreatedAt, row.UpdatedAt,
            row.DeliveredSequence, row.FailedAttempts, row.NextAttemptAt, row.PreviousSecretUntil);

    private static WebhookDeliveryView DeliveryView(WebhookDeliveryRow row) =>
        new(row.Id, row.SubscriptionId, row.MessageId, row.EventSequence, row.EventType, row.Attempt, row.Trigger, row.Succeeded,
            row.StatusCode, row.Error, row.DurationMs, row.At);

    private static WebhookDeliveryRow Row(WebhookAttempt a) => new()
    {
        SubscriptionId = a.SubscriptionId,
        MessageId = a.MessageId,
        EventSequence = a.EventSequence,
        EventType = a.EventType,
        Attempt = a.Attempt,
        Trigger = a.Trigger,
        Succeeded = a.Succeeded,
        StatusCode = a.StatusCode,
        Error = a.Error is { Length: > 1000 } error ? error[..1000] : a.Error,
        DurationMs = a.DurationMs,
        At = a.At,
    };
}
