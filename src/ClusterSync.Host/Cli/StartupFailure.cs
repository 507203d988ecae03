using Microsoft.Extensions.Options;
using Npgsql;

namespace ClusterSync.Host.Cli;

/// <summary>Turns failures a user can act on into one <c>error:</c> line and an exit code; anything else is a bug.</summary>
internal static class StartupFailure
{
    /// <summary>The one-line message and exit code for <paramref name="exception"/>, or null for a genuine bug.</summary>
    public static (string Message, int ExitCode)? Describe(Exception exception) => exception switch
    {
        OptionsValidationException o => ("invalid configuration: " + string.Join("; ", o.Failures), ExitCodes.Configuration),
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } io => ("cannot listen: " + OneLine(io.Message), ExitCodes.Listen),
        Microsoft.AspNetCore.Connections.AddressInUseException a => ("cannot listen: " + OneLine(a.Message), ExitCodes.Listen),
        NpgsqlException n => ("cannot reach or use the PostgreSQL database: "
            + OneLine(n.InnerException is { } inner ? $"{n.Message} ({inner.Message})" : n.Message), ExitCodes.Database),
        Microsoft.Data.Sqlite.SqliteException s => ("cannot open or use the SQLite database: " + OneLine(s.Message), ExitCodes.Database),
        InvalidOperationException { InnerException: NpgsqlException or System.Net.Sockets.SocketException } i =>
            ("cannot reach the PostgreSQL database: " + OneLine(i.InnerException!.Message), ExitCodes.Database),
        ArgumentException a when a.StackTrace?.Contains("ConnectionString", StringComparison.Ordinal) == true =>
            ("invalid connection string: " + OneLine(a.Message), ExitCodes.Configuration),
        TimeoutException t => ("the database did not answer in time: " + OneLine(t.Message), ExitCodes.Database),
        _ => null,
    };

    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
