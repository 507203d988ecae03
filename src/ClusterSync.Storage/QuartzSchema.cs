using System.Text.RegularExpressions;

namespace ClusterSync.Storage;

/// <summary>The PostgreSQL schema of Quartz.NET's job store, as Quartz.NET ships it inside its assembly.</summary>
public static partial class QuartzSchema
{
    /// <summary>The prefix of Quartz's tables in the ClusterSync database.</summary>
    public const string TablePrefix = "qrtz_";

    private const string Resource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    /// <summary>The statements that create whatever of the schema is missing (each is idempotent).</summary>
    public static IReadOnlyList<string> CreateStatements(string prefix)
    {
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Quartz.NET no longer ships {Resource}.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", prefix, StringComparison.Ordinal).Replace("{1}", prefix, StringComparison.Ordinal);
        return [.. Regex.Split(script, @"^--;;\s*$", RegexOptions.Multiline)
            .Select(Uncomment)
            .Where(s => s.Length > 0)];
    }

    /// <summary>The tables the schema creates, in creation order.</summary>
    public static IReadOnlyList<string> Tables(string prefix) =>
        [.. CreateStatements(prefix).Select(s => TableName().Match(s)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    private static string Uncomment(string statement) =>
        string.Join('\n', statement.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (\S+)", RegexOptions.Multiline)]
    private static partial Regex TableName();
}
