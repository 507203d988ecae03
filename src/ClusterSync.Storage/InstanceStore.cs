using ClusterSync.Storage.Entities;
using ClusterSync.Storage.ReadModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClusterSync.Storage;

/// <summary>The instances sharing the database: each registers, beats while alive and says when it stops cleanly.</summary>
public sealed class InstanceStore(IClusterSyncDbContextFactory contexts, TimeProvider time, InstanceIdentity instance, IOptions<InstanceOptions> options)
{
    public string InstanceId => instance.Id;

    /// <summary>Records this instance as alive now (registering it on the first beat).</summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        var updated = await db.Instances.Where(i => i.Id == instance.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.HeartbeatAt, now).SetProperty(i => i.StoppedAt, (DateTimeOffset?)null), cancellationToken);
        if (updated == 0)
        {
            db.Instances.Add(new InstanceRow
            {
                Id = instance.Id,
                Host = Environment.MachineName,
                ProcessId = Environment.ProcessId,
                StartedAt = now,
                HeartbeatAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Records that this instance stopped cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var now = time.GetUtcNow();
        await db.Instances.Where(i => i.Id == instance.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.StoppedAt, now), cancellationToken);
    }

    /// <summary>Instances seen alive within the lapse, newest first.</summary>
    public async Task<IReadOnlyList<InstanceView>> ListAliveAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var lapsed = time.GetUtcNow() - options.Value.LapseAfter;
        return await db.Instances.AsNoTracking().Where(i => i.StoppedAt == null && i.HeartbeatAt >= lapsed)
            .OrderByDescending(i => i.StartedAt)
            .Select(i => new InstanceView(i.Id, i.Host, i.ProcessId, i.StartedAt, i.HeartbeatAt, i.Id == instance.Id))
            .ToListAsync(cancellationToken);
    }
}
