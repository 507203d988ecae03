using System.ComponentModel.DataAnnotations;

namespace ClusterSync.Host.Security;

/// <summary>What callers without a key may do (section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>Read the directory (organisations, match explanations) without a key.</summary>
    public bool AnonymousDirectory { get; set; } = true;

    /// <summary>Read the change feed and its snapshot without a key.</summary>
    public bool AnonymousFeed { get; set; }

    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>Rate limits (section <c>RateLimits</c>): per key, and per client address for callers without a key.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one key may make per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerKey { get; set; } = 1200;

    /// <summary>Requests one client address without a key may make per <see cref="Window"/>.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerAddress { get; set; } = 300;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
