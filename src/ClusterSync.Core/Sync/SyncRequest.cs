namespace ClusterSync.Core.Sync;

/// <summary>A request to sync one source.</summary>
/// <param name="Mode">Null: the configured default (full listing on the first run).</param>
/// <param name="ConfirmDeletions">Lets a full listing delete more than the deletion guard allows.</param>
public sealed record SyncRequest(string Source, ReadMode? Mode = null, string Trigger = "manual", bool ConfirmDeletions = false);
