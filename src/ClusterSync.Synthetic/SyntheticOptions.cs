namespace ClusterSync.Synthetic;

/// <summary>What <see cref="SyntheticDirectory.Generate"/> produces: how many records, how many duplicates, which seed.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Largest supported <see cref="DuplicateRate"/>: beyond it there are too few entities to carry the copies.</summary>
    public const double MaxDuplicateRate = 0.6;

    /// <summary>Exact number of records to produce.</summary>
    public int Count { get; init; } = 1_000;

    /// <summary>Fraction of records that are extra copies of an entity already present (0 to 0.6).</summary>
    public double DuplicateRate { get; init; } = 0.20;

    /// <summary>Same seed, same options: byte-identical output.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Fraction of entities named almost like another, different entity (other city, sector or noun).</summary>
    public double HardNegativeRate { get; init; } = 0.08;

    /// <summary>Fraction of entities whose website and e-mail live on a regional agency's shared domain.</summary>
    public double AgencyHostedRate { get; init; } = 0.04;

    /// <summary>Fraction of entities housed at the address of an unrelated earlier entity (same building, same city).</summary>
    public double SharedBuildingRate { get; init; } = 0.04;

    /// <summary>Probabilities of each kind of noise in a duplicate.</summary>
    public NoiseRates Noise { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Count);
        if (DuplicateRate is < 0 or > MaxDuplicateRate || double.IsNaN(DuplicateRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(DuplicateRate), DuplicateRate, $"Must be between 0 and {MaxDuplicateRate}.");
        }

        NoiseRates.CheckProbability(HardNegativeRate, nameof(HardNegativeRate));
        NoiseRates.CheckProbability(AgencyHostedRate, nameof(AgencyHostedRate));
        NoiseRates.CheckProbability(SharedBuildingRate, nameof(SharedBuildingRate));
        ArgumentNullException.ThrowIfNull(Noise);
        Noise.Validate();
    }
}
