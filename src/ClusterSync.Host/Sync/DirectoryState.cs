using ClusterSync.Core.Matching;
using ClusterSync.Core.Publication;
using ClusterSync.Storage;

namespace ClusterSync.Host.Sync;

/// <summary>
/// The warm in-memory index of the published directory: the resolver holding every present source
/// record, and the directory's membership. Built from the database at start; kept in step with each
/// publication; rebuilt when a publication fails, so memory never runs ahead of the database.
/// </summary>
public sealed class DirectoryState(DirectoryStore store, IEntityResolverFactory resolvers, ILogger<DirectoryState> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IEntityResolver? _resolver;
    private DirectoryMembership? _membership;

    public bool IsLoaded => _resolver is not null;

    /// <summary>How long the last rebuild from the database took.</summary>
    public TimeSpan? LastLoadDuration { get; private set; }

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

    /// <summary>(Re)builds the index from the database.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadUnderGateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the index; the next use rebuilds it from the database.</summary>
    public void Invalidate()
    {
        _resolver = null;
        _membership = null;
    }

    private async Task LoadUnderGateAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var records = await store.LoadPresentRecordsAsync(cancellationToken);
        var decisions = await store.LoadActiveDecisionsAsync(cancellationToken);
        var membership = await store.LoadMembershipAsync(cancellationToken);
        var resolver = resolvers.Create();
        resolver.Load(records, decisions);
        _resolver = resolver;
        _membership = membership;
        LastLoadDuration = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        logger.LogInformation("Directory index loaded: {Records} source records, {Organisations} organisations in {Elapsed} ms",
            records.Count, membership.OrganisationCount, (long)LastLoadDuration.Value.TotalMilliseconds);
    }
}

/// <summary>Creates resolvers with the configured matching settings.</summary>
public interface IEntityResolverFactory
{
    IEntityResolver Create();
}
