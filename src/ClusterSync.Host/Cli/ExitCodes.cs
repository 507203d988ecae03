namespace ClusterSync.Host.Cli;

/// <summary>The process exit codes (the README lists them in one table).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A failure nobody foresaw (a bug): the message and stack trace are logged.</summary>
    public const int Unexpected = 1;

    /// <summary>A usage or configuration problem the user can fix: an unknown verb or option, an invalid setting, an unreadable input file.</summary>
    public const int Configuration = 2;

    /// <summary>The database cannot be reached, opened or migrated.</summary>
    public const int Database = 3;

    /// <summary>The HTTP endpoint cannot be bound (the port is in use or not allowed).</summary>
    public const int Listen = 4;

    /// <summary>The request cannot be carried out as things stand: the platform is already syncing, the run does not exist or holds no pending deletions.</summary>
    public const int Refused = 5;

    /// <summary><c>sync</c>: the listing was incomplete; what was read is published, nothing deleted.</summary>
    public const int RunPartial = 10;

    /// <summary><c>sync</c>: the upserts are published; the deletions wait for an operator (<c>confirm</c> or <c>reject</c>).</summary>
    public const int RunHeld = 11;

    /// <summary><c>sync</c>: the run failed; nothing of it was published.</summary>
    public const int RunFailed = 12;

    /// <summary><c>sync</c>: the run was cancelled (Ctrl+C, SIGTERM, or an operator); nothing of it was published.</summary>
    public const int RunCancelled = 13;

    /// <summary>The exit code of a run that ended in <paramref name="status"/>.</summary>
    public static int OfRun(string status) => status switch
    {
        ClusterSync.Core.Sync.SyncRunStatus.Succeeded => Success,
        ClusterSync.Core.Sync.SyncRunStatus.Partial => RunPartial,
        ClusterSync.Core.Sync.SyncRunStatus.Held => RunHeld,
        ClusterSync.Core.Sync.SyncRunStatus.Cancelled => RunCancelled,
        _ => RunFailed,
    };
}
