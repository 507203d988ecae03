using System.Security.Cryptography;

namespace ClusterSync.Storage;

/// <summary>This process's identity among the instances sharing a database (host, process id and a random part).</summary>
public sealed class InstanceIdentity
{
    public InstanceIdentity()
    {
        Id = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
    }

    public string Id { get; }
}
