using System.Collections.Concurrent;

namespace ClusterSync.Host.Scheduling;

/// <summary>The runs this instance is executing, each with the cancellation an operator's cancel request fires.</summary>
public sealed class RunningRuns
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _runs = new();

    /// <summary>Registers <paramref name="runId"/>; the returned token cancels on <see cref="Cancel"/> or when <paramref name="linked"/> does.</summary>
    public Registration Register(long runId, CancellationToken linked)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _runs[runId] = source;
        return new Registration(this, runId, source);
    }

    /// <summary>Cancels the run if this instance executes it; false otherwise.</summary>
    public bool Cancel(long runId)
    {
        if (!_runs.TryGetValue(runId, out var source))
        {
            return false;
        }

        source.Cancel();
        return true;
    }

    public IReadOnlyCollection<long> Ids => [.. _runs.Keys];

    /// <summary>A registered run; disposing it forgets the run.</summary>
    public sealed class Registration(RunningRuns owner, long runId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._runs.TryRemove(runId, out _);
            source.Dispose();
        }
    }
}
