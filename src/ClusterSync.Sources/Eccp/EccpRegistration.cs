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

    private protected override IValidateOptions<EccpOptions> Validator { get; } = new EccpOptionsValidator();
}
