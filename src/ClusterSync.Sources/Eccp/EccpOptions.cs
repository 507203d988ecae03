using ClusterSync.Sources.Resilience;

namespace ClusterSync.Sources.Eccp;

/// <summary>Settings of the ECCP connector, bound from <see cref="EccpRegistration.SectionName"/>.</summary>
public sealed class EccpOptions : UpstreamOptions
{
    /// <summary>Largest <c>page[limit]</c> Drupal's JSON:API serves.</summary>
    public const int MaximumPageLimit = 50;

    /// <summary>Defaults: the platform's public host, at most one request per second.</summary>
    public EccpOptions()
    {
        BaseAddress = new Uri("https://clustercollaboration.eu/");
        RequestsPerSecond = 1;
    }

    /// <summary>Resources per page (<c>page[limit]</c>), 1–50.</summary>
    public int PageLimit { get; set; } = MaximumPageLimit;

    /// <summary>
    /// Subtracted from an incremental read's <c>ChangedSince</c>, so that a record changed while the
    /// previous run was reading is read again rather than missed.
    /// </summary>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Public site that profile paths are relative to, for each record's source URL.</summary>
    public Uri SiteAddress { get; set; } = new("https://clustercollaboration.eu/");
}

internal sealed class EccpOptionsValidator() : UpstreamOptionsValidator<EccpOptions>(EccpRegistration.SectionName)
{
    protected override void AddSpecificFailures(List<string> failures, EccpOptions options)
    {
        Require(failures, options.PageLimit is > 0 and <= EccpOptions.MaximumPageLimit, nameof(options.PageLimit), "must be between 1 and 50.");
        Require(failures, options.OverlapWindow >= TimeSpan.Zero, nameof(options.OverlapWindow), "must not be negative.");
        Require(failures, options.SiteAddress is { IsAbsoluteUri: true }, nameof(options.SiteAddress), "must be an absolute address.");
    }
}
