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

    /// <summary>
    /// Fraction of hard negatives (entities named almost like an earlier one) housed at that entity's own
    /// address: "Environmental Business Cluster" and "Northwest Environmental Business Council" in one
    /// building. 0 by default, so that the default output stays as it was.
    /// </summary>
    public double SiblingAtSameAddressRate { get; init; }

    /// <summary>
    /// Extra records of one organisation under one name and country (a name repeated hundreds or
    /// thousands of times: branches, yearly re-registrations, a list joined with itself). They take the
    /// place of as many ordinary records, spread evenly through the file; their name is written exactly,
    /// everything else gets the usual noise. 0 by default.
    /// </summary>
    public int FrequentNameCopies { get; init; }

    /// <summary>
    /// Fraction of entities that are a part split off an earlier organisation: another organisation, named
    /// like it plus its own city ("Baltic Maritime Cluster Szczecin" beside "Baltic Maritime Cluster" of
    /// Gdańsk), at its own address in that city, still on the old organisation's web and e-mail domain.
    /// 0 by default.
    /// </summary>
    public double SplitRate { get; init; }

    /// <summary>
    /// Fraction of duplicates written while a part of the organisation was separate and has since re-joined:
    /// its name plus the organisation's own city ("Baltic Maritime Cluster Gdańsk"), at the organisation's
    /// address, on its domain. Only duplicates whose name does not already name the city. 0 by default.
    /// </summary>
    public double RejoinRate { get; init; }

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
        NoiseRates.CheckProbability(SiblingAtSameAddressRate, nameof(SiblingAtSameAddressRate));
        NoiseRates.CheckProbability(SplitRate, nameof(SplitRate));
        NoiseRates.CheckProbability(RejoinRate, nameof(RejoinRate));
        if (FrequentNameCopies < 0 || (FrequentNameCopies > 0 && FrequentNameCopies >= Count))
        {
            throw new ArgumentOutOfRangeException(nameof(FrequentNameCopies), FrequentNameCopies, "Must be at least 0 and less than Count.");
        }

        ArgumentNullException.ThrowIfNull(Noise);
        Noise.Validate();
    }
}
