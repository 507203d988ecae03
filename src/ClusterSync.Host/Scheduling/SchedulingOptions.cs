using System.ComponentModel.DataAnnotations;

namespace ClusterSync.Host.Scheduling;

/// <summary>Settings of the Quartz scheduler: section <c>Scheduling</c>. Each source's cron is <c>Sources:&lt;Platform&gt;:Schedule</c>.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Run the scheduler in this process (schedules, triggers from the API, recovery of a dead instance's syncs).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a clustered instance checks in (PostgreSQL); a silent instance's syncs are recovered by another.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How late a check-in may be before the others treat the instance as dead.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A firing later than this is a misfire: it fires once, at once (then the schedule proceeds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);
}
