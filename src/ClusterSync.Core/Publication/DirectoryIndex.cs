using System.Diagnostics;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Sync;

namespace ClusterSync.Core.Publication;

/// <summary>
/// The warm in-memory index of the published directory: the resolver holding every present source
/// record, and the directory's membership. Built from the stores on first use; kept in step with each
/// publication; dropped when a publication fails, so memory never runs ahead of the database.
/// </summary>
public sealed class DirectoryIndex(ISourceRecordStore records, IDirectoryStore directory, IEntityResolverFactory resolvers)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IEntityResolver? _resolver;
    private DirectoryMembership? _membership;

    public bool IsLoaded => _resolver is not null;

    /// <summary>What the last rebuild loaded and how long it took.</summary>
    public IndexLoad? LastLoad { get; private set; }

    /// <summary>Runs <paramref name="work"/> with exclusive use of the index, loading it first if needed.</summary>
    public async Task<T> UseAsync<T>(Func<IEntityResolver, DirectoryMembership, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_resolver is null || _membership is null)
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

    /// <summary>Drops the index; the next use rebuilds it from the stores.</summary>
    public void Invalidate()
    {
        _resolver = null;
        _membership = null;
    }

    private async Task<IndexLoad> LoadUnderGateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var present = await records.LoadPresentRecordsAsync(cancellationToken);
        var decisions = await directory.LoadActiveDecisionsAsync(cancellationToken);
        var membership = await directory.LoadMembershipAsync(cancellationToken);
        var resolver = resolvers.Create();
        resolver.Load(present, decisions);
        _resolver = resolver;
        _membership = membership;
        LastLoad = new IndexLoad(present.Count, membership.OrganisationCount, Stopwatch.GetElapsedTime(started));
        return LastLoad;
    }
}

/// <summary>One rebuild of the index.</summary>
public sealed record IndexLoad(int Records, int Organisations, TimeSpan Elapsed);
