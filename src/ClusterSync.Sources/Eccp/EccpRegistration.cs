using Microsoft.Extensions.Options;

namespace ClusterSync.Sources.Eccp;

/// <summary>The European Cluster Collaboration Platform (clustercollaboration.eu).</summary>
public sealed class EccpRegistration()
    : SourceRegistration<EccpOptions, IEccpApi, EccpConnector>(SourceId, SectionName)
{
    /// <summary>The source id written on every ECCP record.</summary>
    public const string SourceId = "eccp";

    /// <summary>The configuration section <see cref="EccpOptions"/> are bound from.</summary>
    public const string SectionName = "Sources:Eccp";

    /// <summary>Daily at 03:00 UTC.</summary>
    public override string DefaultSchedule => "0 0 3 * * ?";

    private protected override IValidateOptions<EccpOptions> Validator { get; } = new EccpOptionsValidator();
}
