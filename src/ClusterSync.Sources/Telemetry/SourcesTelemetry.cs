using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ClusterSync.Sources.Telemetry;

/// <summary>
/// Names of the traces and metrics the connectors emit. Every measurement carries the tag
/// <see cref="SourceTag"/> with the source identifier.
/// </summary>
public static class SourcesTelemetry
{
    /// <summary>Name of the <see cref="System.Diagnostics.ActivitySource"/>: one activity per upstream page call.</summary>
    public const string ActivitySourceName = "ClusterSync.Sources";

    /// <summary>Name of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "ClusterSync.Sources";

    /// <summary>HTTP requests sent to an upstream, one per attempt.</summary>
    public const string RequestsCounterName = "clustersync.upstream.requests";

    /// <summary>Attempts the retry strategy repeated.</summary>
    public const string RetriesCounterName = "clustersync.upstream.retries";

    /// <summary>Page calls that failed for good, after every resilience measure.</summary>
    public const string FailuresCounterName = "clustersync.upstream.failures";

    /// <summary>Items read, tagged with <see cref="OutcomeTag"/> (<c>readable</c> or <c>unreadable</c>).</summary>
    public const string RecordsCounterName = "clustersync.upstream.records";

    /// <summary>Tag naming the upstream: its <see cref="SourceRegistration.Source"/>.</summary>
    public const string SourceTag = "source";

    /// <summary>Tag of <see cref="RecordsCounterName"/>: <c>readable</c> or <c>unreadable</c>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Activity tag: the URL of the page requested.</summary>
    public const string PageUrlTag = "clustersync.page.url";

    /// <summary>Activity tag: the number of items the page held.</summary>
    public const string PageItemsTag = "clustersync.page.items";

    /// <summary>Name of the activity started for each page call.</summary>
    public const string PageActivityName = "upstream.page";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests =
        Meter.CreateCounter<long>(RequestsCounterName, "{request}", "HTTP requests sent to an upstream, one per attempt.");

    private static readonly Counter<long> Retries =
        Meter.CreateCounter<long>(RetriesCounterName, "{retry}", "Attempts repeated by the retry strategy.");

    private static readonly Counter<long> Failures =
        Meter.CreateCounter<long>(FailuresCounterName, "{failure}", "Page calls that failed after every resilience measure.");

    private static readonly Counter<long> Records =
        Meter.CreateCounter<long>(RecordsCounterName, "{record}", "Items read from an upstream.");

    internal static void RecordRequest(string source) => Requests.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    internal static void RecordRetry(string source) => Retries.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    internal static void RecordFailure(string source) => Failures.Add(1, new KeyValuePair<string, object?>(SourceTag, source));

    internal static void RecordItem(string source, bool readable) =>
        Records.Add(
            1,
            new KeyValuePair<string, object?>(SourceTag, source),
            new KeyValuePair<string, object?>(OutcomeTag, readable ? "readable" : "unreadable"));
}
