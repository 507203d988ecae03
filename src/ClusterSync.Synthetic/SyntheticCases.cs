namespace ClusterSync.Synthetic;

/// <summary>
/// The hard case a generated record stands for, as the <c>case</c> column of <c>generate --cases</c> names
/// it; a record of several takes the first of <see cref="All"/>.
/// </summary>
public static class SyntheticCases
{
    /// <summary>A record of the organisation whose name <see cref="SyntheticOptions.FrequentNameCopies"/> repeats.</summary>
    public const string FrequentName = "frequent-name";

    /// <summary>A part split off another organisation (<see cref="EntityTraits.SplitOff"/>).</summary>
    public const string SplitOff = "split-off";

    /// <summary>A record written while a part of the organisation was separate (<see cref="NoiseKinds.Rejoined"/>).</summary>
    public const string Rejoined = "rejoined";

    /// <summary>A near-namesake housed at the address of the organisation it is named after.</summary>
    public const string SameAddressNamesake = "same-address-namesake";

    /// <summary>An organisation on a regional agency's shared domain (<see cref="EntityTraits.AgencyHosted"/>).</summary>
    public const string AgencyDomain = "agency-domain";

    /// <summary>An organisation at the address of an unrelated one (<see cref="EntityTraits.SharedBuilding"/>).</summary>
    public const string SharedBuilding = "shared-building";

    /// <summary>Any other near-namesake (<see cref="EntityTraits.HardNegative"/>).</summary>
    public const string Namesake = "namesake";

    /// <summary>Every case, hardest first.</summary>
    public static IReadOnlyList<string> All { get; } =
        [FrequentName, SplitOff, Rejoined, SameAddressNamesake, AgencyDomain, SharedBuilding, Namesake];

    /// <summary>The record's case, or the empty string when it stands for none.</summary>
    public static string Of(SyntheticRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var traits = record.Traits;
        return traits.HasFlag(EntityTraits.FrequentName) ? FrequentName
            : traits.HasFlag(EntityTraits.SplitOff) ? SplitOff
            : record.Noise.HasFlag(NoiseKinds.Rejoined) ? Rejoined
            : traits.HasFlag(EntityTraits.HardNegative | EntityTraits.SharedBuilding) ? SameAddressNamesake
            : traits.HasFlag(EntityTraits.AgencyHosted) ? AgencyDomain
            : traits.HasFlag(EntityTraits.SharedBuilding) ? SharedBuilding
            : traits.HasFlag(EntityTraits.HardNegative) ? Namesake
            : "";
    }
}
