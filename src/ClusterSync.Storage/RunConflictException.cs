namespace ClusterSync.Storage;

/// <summary>The source already has a run queued or running (on a live instance).</summary>
public sealed class RunConflictException : InvalidOperationException
{
    public RunConflictException(string source, long runningRunId)
        : base($"Source '{source}' already has run {runningRunId} queued or running.")
    {
        Source = source;
        RunningRunId = runningRunId;
    }

    public RunConflictException()
    {
        Source = "";
    }

    public RunConflictException(string message)
        : base(message)
    {
        Source = "";
    }

    public RunConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Source = "";
    }

    public new string Source { get; }

    public long RunningRunId { get; }
}
