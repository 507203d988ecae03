namespace ClusterSync.Core.Sync;

/// <summary>The rules a sync applies that operators configure.</summary>
/// <param name="DefaultMode">Read mode when a run does not ask for one; the first run of a source is always full.</param>
public sealed record SyncPolicy(ReadMode DefaultMode, DeletionGuard DeletionGuard)
{
    public static SyncPolicy Default { get; } = new(ReadMode.Full, new DeletionGuard());

    /// <summary>The mode a run uses and, for an incremental read, where it starts.</summary>
    public ReadRequest ChooseRead(DateTimeOffset? highWaterMark, ReadMode? requested)
    {
        if (requested == ReadMode.Full || highWaterMark is null)
        {
            return ReadRequest.Full;
        }

        return requested == ReadMode.Incremental || DefaultMode == ReadMode.Incremental
            ? new ReadRequest(ReadMode.Incremental, highWaterMark)
            : ReadRequest.Full;
    }
}
