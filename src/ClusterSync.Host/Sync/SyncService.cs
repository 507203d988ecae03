using System.Collections.Concurrent;
using ClusterSync.Core.Sync;

namespace ClusterSync.Host.Sync;

/// <summary>
/// Hosts syncs: finds a source's connector and runs Core's <see cref="SyncPipeline"/> for it, one run per
/// source at a time in this process (a second request for the same source waits for the first).
/// </summary>
public sealed class SyncService(IEnumerable<ISourceConnector> connectors, SyncPipeline pipeline)
{
    private readonly Dictionary<string, ISourceConnector> _connectors =
        connectors.ToDictionary(c => c.Source, StringComparer.OrdinalIgnoreCase);

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
            return await pipeline.RunAsync(connector, request, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
