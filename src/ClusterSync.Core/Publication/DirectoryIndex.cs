using System.Diagnostics;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Sync;

namespace ClusterSync.Core.Publication;

/// <summary>
/// The warm in-memory index of the published directory: the resolver holding every present source
/// record, and the directory's membership. Built from the stores on first use; kept in step with each
/// publication; dropped when a publication fails, so memory never runs ahead of the database. It knows the
/// change-event sequence it reflects, so that a publisher can tell when another instance published since
/// (and reload before reconciling).
/// </summary>
public sealed class DirectoryIndex(ISourceRecordStore records, IDirectoryStore directory, IEntityResolverFactory resolvers)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IEntityResolver? _resolver;
    private DirectoryMembership? _membership;

    public bool IsLoaded => _resolver is not null;

    /// <summary>The sequence of the newest change event the index reflects.</summary>
    public long Sequence { get; private set; }

    /// <summary>What the last rebuild loaded and how long it took.</summary>
    public IndexLoad? LastLoad { get; private set; }

    /// <summary>Runs <paramref name="work"/> with exclusive use of the index, loading it first if needed.</summary>
    /// <param name="asOf">
    /// The directory's newest change-event sequence (read under the publication lock): the index is reloaded first
    /// when it reflects another one, because another instance published meanwhile.
    /// </param>
    public async Task<T> UseAsync<T>(Func<IEntityResolver, DirectoryMembership, Task<T>> work, CancellationToken cancellationToken, long? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_resolver is null || _membership is null || (asOf is { } sequence && sequence != Sequence))
            {
                await LoadUnderGateAsync(cancellationToken);
            }

            try
            {
                return await work(_resolver!, _membership!);
            }
            catch
            {
                Invalidate();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>(Re)builds the index from the stores.</summary>
    public async Task<IndexLoad> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await LoadUnderGateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records that a publication made while using the index committed: the index now reflects <paramref name="sequence"/>.</summary>
    public void Published(long sequence) => Sequence = sequence;

    /// <summary>Drops the index; the next use rebuilds it from the stores.</summary>
    public void Invalidate()
    {
        _resolver = null;
        _membership = null;
    }

    private async Task<IndexLoad> LoadUnderGateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        // The sequence first: a publication committing while the rest loads makes the index look older than it is
        // (and reload once more), never newer.
        var sequence = await directory.GetLastSequenceAsync(cancellationToken);
        var present = await records.LoadPresentRecordsAsync(cancellationToken);
        var decisions = await directory.LoadActiveDecisionsAsync(cancellationToken);
        var membership = await directory.LoadMembershipAsync(cancellationToken);
        var resolver = resolvers.Create();
        resolver.Load(present, decisions);
        _resolver = resolver;
        _membership = membership;
        Sequence = sequence;
        LastLoad = new IndexLoad(present.Count, membership.OrganisationCount, Stopwatch.GetElapsedTime(started));
        return LastLoad;
    }
}

/// <summary>One rebuild of the index.</summary>
public sealed record IndexLoad(int Records, int Organisations, TimeSpan Elapsed);
