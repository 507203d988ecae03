using System.Collections.Concurrent;
using System.Diagnostics;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Sync;

/// <summary>
/// One sync of one source: read every page, normalise, detect changes, reconcile the directory around
/// them and publish it all in one transaction. A failure at any point publishes nothing of the run.
/// </summary>
public sealed class SyncService(
    IEnumerable<ISourceConnector> connectors,
    DirectoryStore store,
    DirectoryState state,
    DirectoryReconciler reconciler,
    IOptionsMonitor<SyncOptions> options,
    ILogger<SyncService> logger)
{
    private readonly Dictionary<string, ISourceConnector> _connectors =
        connectors.ToDictionary(c => c.Source, StringComparer.OrdinalIgnoreCase);

    // One run per source at a time in this process: a run starting while another of its source is running would
    // mark that one abandoned and publish from a stale view of the store.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _runGates = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Sources => _connectors.Keys;

    public bool HasSource(string source) => _connectors.ContainsKey(source);

    public async Task<SyncOutcome> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_connectors.TryGetValue(request.Source, out var connector))
        {
            throw new ArgumentException($"No connector is configured for source '{request.Source}'.", nameof(request));
        }

        var gate = _runGates.GetOrAdd(connector.Source, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await RunExclusiveAsync(connector, request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<SyncOutcome> RunExclusiveAsync(ISourceConnector connector, SyncRequest request, CancellationToken cancellationToken)
    {
        using var activity = ClusterSyncTelemetry.ActivitySource.StartActivity("sync " + connector.Source);
        activity?.SetTag("clustersync.source", connector.Source);
        var last = await store.GetLastSucceededRunAsync(connector.Source, cancellationToken);
        var mode = ChooseMode(last?.HighWaterMark, request.Mode);
        var runId = await store.StartRunAsync(connector.Source, mode.Mode, request.Trigger, cancellationToken);
        var read = new ReadResult();
        try
        {
            read.HighWaterMark = last?.HighWaterMark;
            await ReadAsync(connector, new ReadRequest(mode.Mode, mode.ChangedSince), read, cancellationToken);
            var outcome = await PublishAsync(connector.Source, runId, mode.Mode, read, request.ConfirmDeletions, cancellationToken);
            ClusterSyncTelemetry.Runs.Add(1, new TagList { { "source", connector.Source }, { "status", SyncRunStatus.Succeeded } });
            logger.LogInformation(
                "Sync {RunId} of {Source} ({Mode}) succeeded: {Read} read, {New} new, {Changed} changed, {Unchanged} unchanged, {Gone} gone, {Quarantined} quarantined, {Organisations} organisations changed",
                runId, connector.Source, mode.Mode, outcome.ItemsRead, outcome.New, outcome.Changed, outcome.Unchanged, outcome.Gone,
                outcome.Quarantined, outcome.OrganisationsChanged);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = RunFailure.Describe(ex);
            logger.LogError(ex, "Sync {RunId} of {Source} failed; nothing was published: {Message}", runId, connector.Source, message);
            ClusterSyncTelemetry.Runs.Add(1, new TagList { { "source", connector.Source }, { "status", SyncRunStatus.Failed } });
            activity?.SetStatus(ActivityStatusCode.Error, message);
            await store.FailRunAsync(runId, message, read.ItemsRead, CancellationToken.None);
            return SyncOutcome.Failed(runId, connector.Source, read.ItemsRead, message);
        }
        catch (OperationCanceledException)
        {
            await store.FailRunAsync(runId, "Cancelled (the service is stopping); nothing was published.", read.ItemsRead, CancellationToken.None);
            throw;
        }
    }

    private (ReadMode Mode, DateTimeOffset? ChangedSince) ChooseMode(DateTimeOffset? highWaterMark, ReadMode? requested)
    {
        if (requested == ReadMode.Full || highWaterMark is null)
        {
            return (ReadMode.Full, null);
        }

        return requested == ReadMode.Incremental || options.CurrentValue.DefaultMode == ReadMode.Incremental
            ? (ReadMode.Incremental, highWaterMark)
            : (ReadMode.Full, null);
    }

    private static async Task ReadAsync(ISourceConnector connector, ReadRequest request, ReadResult read, CancellationToken ct)
    {
        var normaliser = OrganisationNormaliser.Default;
        await foreach (var item in connector.ReadAsync(request, ct))
        {
            read.ItemsRead++;
            if (item.Organisation is null)
            {
                read.Quarantine.Add(new QuarantineEntry(item.SourceId, item.RawPayload, item.UnreadableReason ?? "Unreadable item."));
                continue;
            }

            var outcome = normaliser.Normalise(item.Organisation);
            if (outcome.Record is { } record)
            {
                // A record read twice in one run (pages shifting under a sort) keeps its latest version.
                read.Records[record.SourceId] = record;
                read.RawPayloads[record.SourceId] = item.RawPayload;
                if (record.UpdatedAt is { } updated && (read.HighWaterMark is null || updated > read.HighWaterMark))
                {
                    read.HighWaterMark = updated;
                }
            }
            else
            {
                read.Quarantine.Add(new QuarantineEntry(item.SourceId, item.RawPayload, outcome.QuarantineReason!));
            }
        }

        ClusterSyncTelemetry.RecordsNormalised.Add(read.Records.Count, new TagList { { "source", connector.Source } });
        ClusterSyncTelemetry.RecordsQuarantined.Add(read.Quarantine.Count, new TagList { { "source", connector.Source } });
    }

    private async Task<SyncOutcome> PublishAsync(string source, long runId, ReadMode mode, ReadResult read, bool confirmDeletions, CancellationToken ct)
    {
        var stored = await store.LoadSourceStateAsync(source, ct);
        var changes = KeepQuarantined(ChangeDetector.Detect(stored.PresentHashes, read.Records.Values, mode), read.Quarantine);
        var guard = new DeletionGuard(options.CurrentValue.DeletionGuardMaxFraction, options.CurrentValue.DeletionGuardMinCount);
        if (!confirmDeletions && guard.Check(changes, stored.PresentHashes.Count) is { } refusal)
        {
            throw new SyncRefusedException(refusal);
        }

        var newQuarantine = read.Quarantine
            .Where(q => !stored.OpenQuarantinePayloadHashes.Contains(DirectoryStore.PayloadHash(q.RawPayload)))
            .DistinctBy(q => q.RawPayload).ToList();
        var resolvedQuarantine = read.Records.Keys.Where(stored.OpenQuarantineSourceIds.Contains).ToList();
        var reconciliation = Reconciliation.Empty;
        if (changes.IsEmpty)
        {
            await store.PublishAsync(Publication(), ct);
        }
        else
        {
            await state.UseAsync(async (resolver, membership) =>
            {
                var removals = changes.GoneSourceIds.Select(id => new SourceRecordKey(source, id)).ToList();
                var decisions = await store.LoadActiveDecisionsAsync(ct);
                var dirty = resolver.Apply([.. changes.Added, .. changes.Changed], removals, decisions);
                reconciliation = reconciler.Reconcile(resolver, membership, dirty);
                await store.PublishAsync(Publication(), ct);
                membership.Apply(reconciliation);
                return true;
            }, ct);
        }

        return new SyncOutcome(runId, source, SyncRunStatus.Succeeded, read.ItemsRead, changes.Added.Count, changes.Changed.Count,
            changes.UnchangedCount, changes.GoneSourceIds.Count, read.Quarantine.Count, reconciliation.Organisations.Count, null);

        RunPublication Publication() => new()
        {
            RunId = runId,
            Source = source,
            ItemsRead = read.ItemsRead,
            Changes = changes,
            RawPayloads = read.RawPayloads,
            ReappearedIds = changes.Added.Select(r => r.SourceId).Where(stored.GoneIds.Contains).ToHashSet(StringComparer.Ordinal),
            NewQuarantine = newQuarantine,
            ResolvedQuarantineIds = resolvedQuarantine,
            QuarantinedInRun = read.Quarantine.Count,
            Reconciliation = reconciliation,
            HighWaterMark = read.HighWaterMark,
        };
    }

    /// <summary>
    /// A record the listing still holds but whose new version was quarantined is not gone: it keeps its last good
    /// version (and its organisation and id) until the source sends a readable one again.
    /// </summary>
    private static ChangeSet KeepQuarantined(ChangeSet changes, List<QuarantineEntry> quarantine)
    {
        var listed = quarantine.Where(q => q.SourceId is not null).Select(q => q.SourceId!).ToHashSet(StringComparer.Ordinal);
        return listed.Count == 0 || !changes.GoneSourceIds.Any(listed.Contains)
            ? changes
            : changes with { GoneSourceIds = [.. changes.GoneSourceIds.Where(id => !listed.Contains(id))] };
    }

    private sealed class ReadResult
    {
        public int ItemsRead { get; set; }
        public Dictionary<string, SourceRecord> Records { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> RawPayloads { get; } = new(StringComparer.Ordinal);
        public List<QuarantineEntry> Quarantine { get; } = [];
        public DateTimeOffset? HighWaterMark { get; set; }
    }
}

/// <summary>A request to sync one source.</summary>
/// <param name="Mode">Null: the configured default (full listing on the first run).</param>
/// <param name="ConfirmDeletions">Lets a full listing delete more than the deletion guard allows.</param>
public sealed record SyncRequest(string Source, ReadMode? Mode = null, string Trigger = "manual", bool ConfirmDeletions = false);

/// <summary>How a sync ended.</summary>
public sealed record SyncOutcome(
    long RunId,
    string Source,
    string Status,
    int ItemsRead,
    int New,
    int Changed,
    int Unchanged,
    int Gone,
    int Quarantined,
    int OrganisationsChanged,
    string? Error)
{
    public bool Succeeded => Status == SyncRunStatus.Succeeded;

    public static SyncOutcome Failed(long runId, string source, int itemsRead, string error) =>
        new(runId, source, SyncRunStatus.Failed, itemsRead, 0, 0, 0, 0, 0, 0, error);
}

/// <summary>A run that must not be published (e.g. the deletion guard tripped).</summary>
public sealed class SyncRefusedException(string message) : Exception(message);

/// <summary>Sync settings: section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Sync every enabled source once when the service starts.</summary>
    public bool RunOnStartup { get; set; }

    /// <summary>Read mode when a run does not ask for one; the first run of a source is always full.</summary>
    public ReadMode DefaultMode { get; set; } = ReadMode.Full;

    [System.ComponentModel.DataAnnotations.Range(0.0, 1.0)]
    public double DeletionGuardMaxFraction { get; set; } = 0.3;

    [System.ComponentModel.DataAnnotations.Range(0, int.MaxValue)]
    public int DeletionGuardMinCount { get; set; } = 10;
}
