using System.ComponentModel.DataAnnotations;

namespace ClusterSync.Storage;

/// <summary>Settings of the instances sharing one database: section <c>Instances</c>.</summary>
public sealed class InstanceOptions
{
    public const string SectionName = "Instances";

    /// <summary>How often an instance tells the others it is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An instance silent for longer is dead: its unfinished runs are abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LapseAfter { get; set; } = TimeSpan.FromSeconds(30);
}
