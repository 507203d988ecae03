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
    ILogger<SyncPipeline> logger,
    ISyncProbe? probe = null)
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
        if (await runs.StartRunAsync(source, readRequest.Mode, request, cancellationToken) is not { } runId)
        {
            return SyncOutcome.Unpublished(request.QueuedRunId ?? 0, source, SyncRunStatus.Cancelled, 0, "Cancelled before it started.");
        }

        var read = SourceRead.Starting(last?.HighWaterMark);
        var phases = new PhaseTimer();
        try
        {
            await SourceRead.ReadAsync(connector, readRequest, _normaliser, read, cancellationToken);
            phases.End("read");
            RecordRead(source, read);
            await ReachedAsync(SyncProbePoints.Read, cancellationToken);
            var outcome = await PublishAsync(source, runId, readRequest.Mode, read, last?.HighWaterMark, rules, request.ConfirmDeletions, phases, cancellationToken);
            SyncTelemetry.Runs.Add(1, new TagList { { "source", source }, { "status", outcome.Status } });
            if (outcome.Status == SyncRunStatus.Partial)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
                LogPartial(runId, source, readRequest.Mode, outcome.ItemsRead, outcome.New, outcome.Changed, outcome.Quarantined, outcome.Error!);
            }
            else
            {
                LogPublished(runId, source, readRequest.Mode, outcome.Status, outcome.ItemsRead, outcome.New, outcome.Changed, outcome.Unchanged,
                    outcome.Gone, outcome.HeldDeletions, outcome.Quarantined, outcome.OrganisationsChanged);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            const string reason = "Cancelled (an operator asked, or the service is stopping); nothing was published.";
            LogCancelled(runId, source);
            SyncTelemetry.Runs.Add(1, new TagList { { "source", source }, { "status", SyncRunStatus.Cancelled } });
            await runs.FinishUnpublishedAsync(runId, SyncRunStatus.Cancelled, reason, read.ItemsRead, CancellationToken.None);
            return SyncOutcome.Unpublished(runId, source, SyncRunStatus.Cancelled, read.ItemsRead, reason);
        }
        catch (Exception ex)
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
            await runs.FinishUnpublishedAsync(runId, SyncRunStatus.Failed, message, read.ItemsRead, CancellationToken.None);
            return SyncOutcome.Failed(runId, source, read.ItemsRead, message);
        }
    }

    /// <summary>Re-reconciles the records whose operator decisions changed and publishes the result as one run.</summary>
    public async Task ApplyDecisionsAsync(string trigger, string? requestedBy, CancellationToken cancellationToken)
    {
        var request = new SyncRequest(DecisionsSource, ReadMode.Incremental, trigger, RequestedBy: requestedBy);
        var runId = await runs.StartRunAsync(DecisionsSource, ReadMode.Incremental, request, cancellationToken) ?? 0;
        try
        {
            await using var publication = await directory.BeginPublicationAsync(cancellationToken);
            var decisions = await directory.LoadActiveDecisionsAsync(cancellationToken);
            await index.UseAsync(async (resolver, membership) =>
            {
                var dirty = resolver.Apply([], [], decisions);
                var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
                index.Published(await publication.CommitAsync(RunPublication.OfDecisions(runId, DecisionsSource, reconciliation), cancellationToken));
                membership.Apply(reconciliation);
                return true;
            }, cancellationToken, publication.LastSequence);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await runs.FinishUnpublishedAsync(runId, SyncRunStatus.Failed, RunFailure.Describe(ex), 0, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Carries out a held run's deletions, as an operator confirmed them, in a run of its own: records the source still
    /// lists as gone are deleted; a record that came back meanwhile stays. Returns null when the hold is no longer pending.
    /// </summary>
    public async Task<SyncOutcome?> ConfirmHeldDeletionsAsync(long heldRunId, string requestedBy, CancellationToken cancellationToken)
    {
        if (await runs.GetPendingHoldAsync(heldRunId, cancellationToken) is not { } hold)
        {
            return null;
        }

        var request = new SyncRequest(hold.Source, ReadMode.Full, "confirm", true, RequestedBy: requestedBy);
        var runId = await runs.StartRunAsync(hold.Source, ReadMode.Full, request, cancellationToken) ?? 0;
        var phases = new PhaseTimer();
        try
        {
            await using var publication = await directory.BeginPublicationAsync(cancellationToken);
            var stored = await records.LoadSourceStateAsync(hold.Source, cancellationToken);
            var gone = hold.SourceIds.Where(stored.PresentHashes.ContainsKey).Order(StringComparer.Ordinal).ToList();
            var changes = new ChangeSet([], [], 0, gone);
            phases.End("detect");
            var reconciliation = await ReconcileAndCommitAsync(publication, hold.Source, changes, p => p with
            {
                RunId = runId,
                ConfirmsHoldOf = heldRunId,
                Phases = phases.Elapsed,
            }, phases, cancellationToken);
            LogHoldConfirmed(heldRunId, hold.Source, runId, gone.Count, requestedBy);
            return new SyncOutcome(runId, hold.Source, SyncRunStatus.Succeeded, 0, 0, 0, 0, gone.Count, 0, reconciliation.Organisations.Count, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await runs.FinishUnpublishedAsync(runId, SyncRunStatus.Failed, RunFailure.Describe(ex), 0, CancellationToken.None);
            throw;
        }
    }

    private async Task<SyncOutcome> PublishAsync(
        string source, long runId, ReadMode mode, SourceRead read, DateTimeOffset? lastHighWaterMark, SyncPolicy rules, bool confirmDeletions,
        PhaseTimer phases, CancellationToken ct)
    {
        await using var publication = await directory.BeginPublicationAsync(ct);
        var stored = await records.LoadSourceStateAsync(source, ct);
        var incompleteness = read.DescribeIncompleteness(source);

        // An incomplete listing says nothing about what is gone: it decides deletions no more than an incremental read.
        var decides = incompleteness is null ? mode : ReadMode.Incremental;
        var detected = KeepQuarantined(ChangeDetector.Detect(stored.PresentHashes, [.. read.Records.Values], decides), read.Quarantine);
        var refusal = confirmDeletions ? null : rules.DeletionGuard.Check(detected, stored.PresentHashes.Count);
        var changes = refusal is null ? detected : detected with { GoneSourceIds = [] };
        var status = incompleteness is not null ? SyncRunStatus.Partial : refusal is null ? SyncRunStatus.Succeeded : SyncRunStatus.Held;
        if (refusal is not null)
        {
            LogHeld(runId, source, detected.GoneSourceIds.Count, refusal);
        }

        phases.End("detect");
        await ReachedAsync(SyncProbePoints.Detected, ct);
        var template = new RunPublication
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
            Status = status,
            Error = incompleteness,
            HeldDeletions = refusal is null ? [] : detected.GoneSourceIds,
            CompleteListing = decides == ReadMode.Full,
        };
        var reconciliation = await ReconcileAndCommitAsync(
            publication, source, changes, p => template with { Reconciliation = p.Reconciliation, Phases = phases.Elapsed, BeforeCommit = p.BeforeCommit }, phases, ct);
        return new SyncOutcome(runId, source, status, read.ItemsRead, changes.Added.Count, changes.Changed.Count,
            changes.UnchangedCount, changes.GoneSourceIds.Count, read.Quarantine.Count, reconciliation.Organisations.Count, incompleteness ?? refusal)
        {
            HeldDeletions = template.HeldDeletions.Count,
        };
    }

    /// <summary>
    /// Under the publication lock: brings the index up to the directory's newest sequence, reconciles the changes and
    /// commits the publication that <paramref name="complete"/> builds from one holding the changes and their reconciliation.
    /// </summary>
    private async Task<Reconciliation> ReconcileAndCommitAsync(
        IDirectoryPublication publication, string source, ChangeSet changes, Func<RunPublication, RunPublication> complete, PhaseTimer phases,
        CancellationToken ct)
    {
        var empty = RunPublication.OfDecisions(0, source, Reconciliation.Empty) with
        {
            Changes = changes,
            BeforeCommit = probe is null ? null : token => new ValueTask(ReachedAsync(SyncProbePoints.Publishing, token)),
        };
        if (changes.IsEmpty)
        {
            phases.End("reconcile");
            await ReachedAsync(SyncProbePoints.Reconciled, ct);
            var committed = await publication.CommitAsync(complete(empty), ct);
            phases.End("publish");
            if (index.IsLoaded && index.Sequence == publication.LastSequence)
            {
                index.Published(committed);
            }

            return Reconciliation.Empty;
        }

        return await index.UseAsync(async (resolver, membership) =>
        {
            var removals = changes.GoneSourceIds.Select(id => new SourceRecordKey(source, id)).ToList();
            var decisions = await directory.LoadActiveDecisionsAsync(ct);
            var dirty = resolver.Apply([.. changes.Added, .. changes.Changed], removals, decisions);
            var reconciliation = reconciler.Reconcile(resolver, membership, dirty);
            phases.End("reconcile");
            await ReachedAsync(SyncProbePoints.Reconciled, ct);
            index.Published(await publication.CommitAsync(complete(empty with { Reconciliation = reconciliation }), ct));
            phases.End("publish");
            membership.Apply(reconciliation);
            return reconciliation;
        }, ct, publication.LastSequence);
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

    private async Task ReachedAsync(string point, CancellationToken ct)
    {
        if (probe is not null)
        {
            await probe.ReachedAsync(point, ct);
        }
    }

    private static void RecordRead(string source, SourceRead read)
    {
        SyncTelemetry.RecordsNormalised.Add(read.Records.Count, new TagList { { "source", source } });
        SyncTelemetry.RecordsQuarantined.Add(read.Quarantine.Count, new TagList { { "source", source } });
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sync {RunId} of {Source} ({Mode}) {Status}: {Read} read, {New} new, {Changed} changed, {Unchanged} unchanged, {Gone} gone, {Held} deletions held, {Quarantined} quarantined, {Organisations} organisations changed")]
    private partial void LogPublished(long runId, string source, ReadMode mode, string status, int read, int @new, int changed, int unchanged, int gone,
        int held, int quarantined, int organisations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {RunId} of {Source} holds {Gone} deletions for an operator: {Reason}")]
    private partial void LogHeld(long runId, string source, int gone, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Held deletions of run {HeldRunId} ({Source}) confirmed by {Who}: run {RunId} deleted {Gone}")]
    private partial void LogHoldConfirmed(long heldRunId, string source, long runId, int gone, string who);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync {RunId} of {Source} was cancelled; nothing was published")]
    private partial void LogCancelled(long runId, string source);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sync {RunId} of {Source} ({Mode}) was partial: {Read} read, {New} new, {Changed} changed, {Quarantined} quarantined published; no deletions decided, high-water mark kept. {Reason}")]
    private partial void LogPartial(long runId, string source, ReadMode mode, int read, int @new, int changed, int quarantined, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {RunId} of {Source} failed; nothing was published: {Reason}")]
    private partial void LogFailed(long runId, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {RunId} of {Source} failed unexpectedly; nothing was published: {Reason}")]
    private partial void LogFailedUnexpectedly(Exception exception, long runId, string source, string reason);

    /// <summary>Milliseconds per phase, each measured from the end of the one before.</summary>
    private sealed class PhaseTimer
    {
        private readonly Dictionary<string, long> _elapsed = new(StringComparer.Ordinal);
        private long _mark = Stopwatch.GetTimestamp();

        public IReadOnlyDictionary<string, long> Elapsed => _elapsed;

        public void End(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            _elapsed[phase] = (long)Stopwatch.GetElapsedTime(_mark, now).TotalMilliseconds;
            _mark = now;
        }
    }
}
