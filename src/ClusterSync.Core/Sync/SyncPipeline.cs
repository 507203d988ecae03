using System.Diagnostics;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using Microsoft.Extensions.Logging;

namespace ClusterSync.Core.Sync;

/// <summary>
/// One sync of one source: read every page, normalise, detect changes, reconcile the directory around
/// them and publish it all in one transaction. An incomplete listing (a page that failed, or one that did not
/// hold what it should) publishes what it read as a <see cref="SyncRunStatus.Partial"/> run that decides no
/// deletions and keeps the high-water mark; a run that read nothing, or that fails in any other way, publishes
/// nothing. Callers run one sync per source at a time.
/// </summary>
public sealed partial class SyncPipeline(
    ISyncRunStore runs,
    ISourceRecordStore records,
    IDirectoryStore directory,
    DirectoryIndex index,
    DirectoryReconciler reconciler,
    Func<SyncPolicy> policy,
    ILogger<SyncPipeline> logger)
{
    /// <summary>The pseudo-source under which operators' decisions are re-applied and published.</summary>
    public const string DecisionsSource = "decisions";

    private readonly OrganisationNormaliser _normaliser = OrganisationNormaliser.Default;

    public async Task<SyncOutcome> RunAsync(ISourceConnector connector, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(request);
        var source = connector.Source;
        using var activity = SyncTelemetry.ActivitySource.StartActivity("sync " + source);
        activity?.SetTag("clustersync.source", source);
        var rules = policy();
        var last = await runs.GetLastSucceededRunAsync(source, cancellationToken);
        var readRequest = rules.ChooseRead(last?.HighWaterMark, request.Mode);
        var runId = await runs.StartRunAsync(source, readRequest.Mode, request.Trigger, cancellationToken);
        var read = SourceRead.Starting(last?.HighWaterMark);
        try
        {
            await SourceRead.ReadAsync(connector, readRequest, _normaliser, read, cancellationToken);
            RecordRead(source, read);
            var outcome = await PublishAsync(source, runId, readRequest.Mode, read, last?.HighWaterMark, rules, request.ConfirmDeletions, cancellationToken);
            SyncTelemetry.Runs.Add(1, new TagList { { "source", source }, { "status", outcome.Status } });
            if (outcome.Status == SyncRunStatus.Partial)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
                LogPartial(runId, source, readRequest.Mode, outcome.ItemsRead, outcome.New, outcome.Changed, outcome.Quarantined, outcome.Error!);
            }
            else
            {
                LogSucceeded(runId, source, readRequest.Mode, outcome.ItemsRead, outcome.New, outcome.Changed, outcome.Unchanged, outcome.Gone,
                    outcome.Quarantined, outcome.OrganisationsChanged);
            }

            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = RunFailure.Describe(ex);
            if (ex is UpstreamException or SyncRefusedException)
            {
                LogFailed(runId, source, message);
            }
            else
            {
                LogFailedUnexpectedly(ex, runId, source, message);
            }

            SyncTelemetry.Runs.Add(1, new TagList { { "source", source }, { "status", SyncRunStatus.Failed } });
            activity?.SetStatus(ActivityStatusCode.Error, message);
            await runs.FailRunAsync(runId, message, read.ItemsRead, CancellationToken.None);
            return SyncOutcome.Failed(runId, source, read.ItemsRead, message);
        }
        catch (OperationCanceledException)
        {
            await runs.FailRunAsync(runId, "Cancelled (the service is stopping); nothing was published.", read.ItemsRead, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Re-reconciles the records whose operator decisions changed and publishes the result as one run.</summary>
    public async Task ApplyDecisionsAsync(string trigger, CancellationToken cancellationToken)
    {
        var decisions = await directory.LoadActiveDecisionsAsync(cancellationToken);
        var runId = await runs.StartRunAsync(DecisionsSource, ReadMode.Incremental, trigger, cancellationToken);
        try
        {
            await index.UseAsync(async (resolver, membership) =>
            {
                var dirty = resolver.Apply([], [], decisions);
                var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
                await directory.PublishAsync(RunPublication.OfDecisions(runId, DecisionsSource, reconciliation), cancellationToken);
                membership.Apply(reconciliation);
                return true;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await runs.FailRunAsync(runId, RunFailure.Describe(ex), 0, CancellationToken.None);
            throw;
        }
    }

    private async Task<SyncOutcome> PublishAsync(
        string source, long runId, ReadMode mode, SourceRead read, DateTimeOffset? lastHighWaterMark, SyncPolicy rules, bool confirmDeletions,
        CancellationToken ct)
    {
        var stored = await records.LoadSourceStateAsync(source, ct);
        var incompleteness = read.DescribeIncompleteness(source);

        // An incomplete listing says nothing about what is gone: it decides deletions no more than an incremental read.
        var decides = incompleteness is null ? mode : ReadMode.Incremental;
        var changes = KeepQuarantined(ChangeDetector.Detect(stored.PresentHashes, [.. read.Records.Values], decides), read.Quarantine);
        if (!confirmDeletions && rules.DeletionGuard.Check(changes, stored.PresentHashes.Count) is { } refusal)
        {
            throw new SyncRefusedException(refusal);
        }

        var publication = new RunPublication
        {
            RunId = runId,
            Source = source,
            ItemsRead = read.ItemsRead,
            Changes = changes,
            RawPayloads = read.RawPayloads,
            ReappearedIds = changes.Added.Select(r => r.SourceId).Where(stored.GoneIds.Contains).ToHashSet(StringComparer.Ordinal),
            NewQuarantine = [.. read.Quarantine.Where(q => !stored.OpenQuarantinePayloadHashes.Contains(q.PayloadHash)).DistinctBy(q => q.RawPayload)],
            ResolvedQuarantineIds = [.. read.Records.Keys.Where(stored.OpenQuarantineSourceIds.Contains)],
            QuarantinedInRun = read.Quarantine.Count,
            Reconciliation = Reconciliation.Empty,
            HighWaterMark = incompleteness is null ? read.HighWaterMark : lastHighWaterMark,
            Status = incompleteness is null ? SyncRunStatus.Succeeded : SyncRunStatus.Partial,
            Error = incompleteness,
        };
        if (changes.IsEmpty)
        {
            await directory.PublishAsync(publication, ct);
        }
        else
        {
            publication = await index.UseAsync(async (resolver, membership) =>
            {
                var removals = changes.GoneSourceIds.Select(id => new SourceRecordKey(source, id)).ToList();
                var decisions = await directory.LoadActiveDecisionsAsync(ct);
                var dirty = resolver.Apply([.. changes.Added, .. changes.Changed], removals, decisions);
                var reconciled = publication with { Reconciliation = reconciler.Reconcile(resolver, membership, dirty) };
                await directory.PublishAsync(reconciled, ct);
                membership.Apply(reconciled.Reconciliation);
                return reconciled;
            }, ct);
        }

        return new SyncOutcome(runId, source, publication.Status, read.ItemsRead, changes.Added.Count, changes.Changed.Count,
            changes.UnchangedCount, changes.GoneSourceIds.Count, read.Quarantine.Count, publication.Reconciliation.Organisations.Count, incompleteness);
    }

    /// <summary>
    /// A record the listing still holds but whose new version was quarantined is not gone: it keeps its last good
    /// version (and its organisation and id) until the source sends a readable one again.
    /// </summary>
    private static ChangeSet KeepQuarantined(ChangeSet changes, IReadOnlyList<QuarantineEntry> quarantine)
    {
        var listed = quarantine.Where(q => q.SourceId is not null).Select(q => q.SourceId!).ToHashSet(StringComparer.Ordinal);
        return listed.Count == 0 || !changes.GoneSourceIds.Any(listed.Contains)
            ? changes
            : changes with { GoneSourceIds = [.. changes.GoneSourceIds.Where(id => !listed.Contains(id))] };
    }

    private static void RecordRead(string source, SourceRead read)
    {
        SyncTelemetry.RecordsNormalised.Add(read.Records.Count, new TagList { { "source", source } });
        SyncTelemetry.RecordsQuarantined.Add(read.Quarantine.Count, new TagList { { "source", source } });
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sync {RunId} of {Source} ({Mode}) succeeded: {Read} read, {New} new, {Changed} changed, {Unchanged} unchanged, {Gone} gone, {Quarantined} quarantined, {Organisations} organisations changed")]
    private partial void LogSucceeded(long runId, string source, ReadMode mode, int read, int @new, int changed, int unchanged, int gone,
        int quarantined, int organisations);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sync {RunId} of {Source} ({Mode}) was partial: {Read} read, {New} new, {Changed} changed, {Quarantined} quarantined published; no deletions decided, high-water mark kept. {Reason}")]
    private partial void LogPartial(long runId, string source, ReadMode mode, int read, int @new, int changed, int quarantined, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {RunId} of {Source} failed; nothing was published: {Reason}")]
    private partial void LogFailed(long runId, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {RunId} of {Source} failed unexpectedly; nothing was published: {Reason}")]
    private partial void LogFailedUnexpectedly(Exception exception, long runId, string source, string reason);
}
