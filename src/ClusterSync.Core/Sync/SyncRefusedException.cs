namespace ClusterSync.Core.Sync;

/// <summary>A run that must not be published (e.g. the deletion guard tripped).</summary>
public sealed class SyncRefusedException : Exception
{
    public SyncRefusedException(string message)
        : base(message)
    {
    }

    public SyncRefusedException()
    {
    }

    public SyncRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
