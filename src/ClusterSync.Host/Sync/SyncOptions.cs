using System.ComponentModel.DataAnnotations;
using ClusterSync.Core.Sync;

namespace ClusterSync.Host.Sync;

/// <summary>Sync settings: section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Sync every enabled source once when the service starts.</summary>
    public bool RunOnStartup { get; set; }

    /// <summary>Read mode when a run does not ask for one; the first run of a source is always full.</summary>
    public ReadMode DefaultMode { get; set; } = ReadMode.Full;

    [Range(0.0, 1.0)]
    public double DeletionGuardMaxFraction { get; set; } = 0.3;

    [Range(0, int.MaxValue)]
    public int DeletionGuardMinCount { get; set; } = 10;

    /// <summary>The rules Core's pipeline applies.</summary>
    public SyncPolicy ToPolicy() => new(DefaultMode, new DeletionGuard(DeletionGuardMaxFraction, DeletionGuardMinCount));
}
