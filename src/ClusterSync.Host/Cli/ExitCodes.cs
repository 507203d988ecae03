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
}
