using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Core.Records;
using ClusterSync.Core.Sync;
using ClusterSync.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterSync.IntegrationTests.Feed;

/// <summary>
/// Publishes listings of one source the way a sync does (detect, resolve, reconcile, publish under the publication
/// lock), with the matching engine (operators' decisions merge and split organisations) or one organisation per record.
/// </summary>
internal sealed class DirectoryPublisher(IServiceProvider services, string source, bool matching = true)
{
    private readonly DirectoryStore _store = services.GetRequiredService<DirectoryStore>();
    private readonly RunStore _runs = services.GetRequiredService<RunStore>();
    private readonly SourceRecordStore _records = services.GetRequiredService<SourceRecordStore>();
    private IEntityResolver _resolver = NewResolver(matching);
    private IReadOnlyList<SourceRecord> _committed = [];
    private readonly DirectoryMembership _membership = new();
    private List<MatchDecision> _decisions = [];

    public SourceRecord Record(string id, string name, string country = "US") =>
        RecordJson.WithContentHash(new SourceRecord { Source = source, SourceId = id, Name = name, Address = new PostalAddress(null, null, null, null, country) });

    public SourceRecordKey Key(string id) => new(source, id);

    /// <summary>Publishes a complete listing; with <paramref name="failBeforeCommit"/> the publication rolls back instead (null).</summary>
    public async Task<Reconciliation?> PublishAsync(IReadOnlyList<SourceRecord> listing, IReadOnlyList<MatchDecision>? decisions = null, bool failBeforeCommit = false)
    {
        var runId = await _runs.StartRunAsync(source, ReadMode.Full, new SyncRequest(source, Trigger: "test"), CancellationToken.None)
            ?? throw new InvalidOperationException("The run did not start.");
        var state = await _records.LoadSourceStateAsync(source, CancellationToken.None);
        var changes = ChangeDetector.Detect(state.PresentHashes, listing, ReadMode.Full);
        var nextDecisions = decisions is null ? _decisions : [.. decisions];
        var dirty = _resolver.Apply([.. changes.Added, .. changes.Changed], [.. changes.GoneSourceIds.Select(Key)], nextDecisions);
        var dirtyWithDecisions = dirty.Concat(nextDecisions.SelectMany(d => new[] { d.Left, d.Right })).ToHashSet();
        var reconciliation = new DirectoryReconciler(Survivorship.Default, DirectoryIds.New).Reconcile(_resolver, _membership, dirtyWithDecisions);
        try
        {
            await _store.PublishAsync(new RunPublication
            {
                RunId = runId,
                Source = source,
                ItemsRead = listing.Count,
                Changes = changes,
                RawPayloads = listing.ToDictionary(r => r.SourceId, r => "{}"),
                ReappearedIds = changes.Added.Select(r => r.SourceId).Where(state.GoneIds.Contains).ToHashSet(),
                NewQuarantine = [],
                ResolvedQuarantineIds = [],
                QuarantinedInRun = 0,
                Reconciliation = reconciliation,
                BeforeCommit = failBeforeCommit ? _ => throw new InvalidOperationException("killed before commit") : null,
            }, CancellationToken.None);
        }
        catch (InvalidOperationException) when (failBeforeCommit)
        {
            // As a sync does after a failed publication: the warm index is rebuilt from what was published.
            _resolver = NewResolver(matching);
            _resolver.Load(_committed, _decisions);
            await _runs.FinishUnpublishedAsync(runId, SyncRunStatus.Failed, "killed before commit", listing.Count, CancellationToken.None);
            return null;
        }

        _membership.Apply(reconciliation);
        _decisions = nextDecisions;
        _committed = listing;
        return reconciliation;
    }

    private static IEntityResolver NewResolver(bool matching) => matching ? new EntityResolver(new MatchingSettings()) : new IdentityResolver();
}
