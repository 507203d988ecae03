using ClusterSync.Sources.Resilience;
using ClusterSync.Storage.ReadModels;

namespace ClusterSync.Host.Scheduling;

/// <summary>What an operator sees of a source: whether it syncs, when, how the last run went and its upstream's breaker.</summary>
public sealed record SourceStatus(string Source, bool Enabled, ScheduleStatus? Schedule, SyncRunView? LastRun, CircuitState Circuit);

/// <summary>A source's schedule.</summary>
/// <param name="Cron">Quartz cron expression (seconds first), UTC.</param>
/// <param name="State"><c>normal</c>, <c>paused</c>, <c>blocked</c> (its sync is running), <c>error</c>; <c>none</c> without a trigger.</param>
/// <param name="Persisted">Whether changes survive a restart (true with PostgreSQL's job store; the embedded store keeps them in memory).</param>
public sealed record ScheduleStatus(string Cron, string TimeZone, string State, DateTimeOffset? NextFireTime, DateTimeOffset? PreviousFireTime, bool Persisted);
