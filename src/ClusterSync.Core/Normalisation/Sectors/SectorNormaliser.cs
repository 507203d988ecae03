using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Sectors;

/// <summary>
/// Turns the sector codes a source gives into schema v1 sector assignments: each valid code kept in
/// its canonical form with weight 1, plus the U.S. benchmark clusters it corresponds to (weight 1
/// for a NAICS code's owning cluster, below 1 for candidates derived from NACE or an ecosystem).
/// Unknown schemes and codes are dropped. Thread-safe.
/// </summary>
public sealed class SectorNormaliser
{
    private readonly UsBenchmarkClusters _clusters;
    private readonly NaceCrosswalk _nace;
    private readonly EcosystemCrosswalk _ecosystems;

    public SectorNormaliser(UsBenchmarkClusters clusters, NaceCrosswalk nace, EcosystemCrosswalk ecosystems)
    {
        _clusters = clusters;
        _nace = nace;
        _ecosystems = ecosystems;
    }

    /// <summary>The normaliser over the embedded tables.</summary>
    public static SectorNormaliser Default { get; } =
        new(UsBenchmarkClusters.Default, NaceCrosswalk.Default, EcosystemCrosswalk.Default);

    /// <summary>
    /// The assignments of <paramref name="sectors"/>, duplicates merged (highest weight wins), ordered by
    /// scheme, then weight (highest first), then code.
    /// </summary>
    public IReadOnlyList<SectorAssignment> Normalise(IReadOnlyList<RawSector> sectors)
    {
        ArgumentNullException.ThrowIfNull(sectors);
        if (sectors.Count == 0)
        {
            return [];
        }

        var result = new List<SectorAssignment>(sectors.Count * 4);
        foreach (var sector in sectors)
        {
            Add(result, sector);
        }

        result.Sort(static (a, b) =>
        {
            var order = string.CompareOrdinal(a.Scheme, b.Scheme);
            if (order == 0)
            {
                order = b.Weight.CompareTo(a.Weight);
            }

            return order != 0 ? order : string.CompareOrdinal(a.Code, b.Code);
        });
        return result;
    }

    private void Add(List<SectorAssignment> merged, RawSector sector)
    {
        var label = Fields.FieldText.Clean(sector.Label);
        switch (sector.Scheme?.Trim().ToLowerInvariant())
        {
            case SectorSchemes.UsCluster when _clusters.Normalise(sector.Code) is { } cluster:
                AddCluster(merged, cluster, 1.0);
                break;
            case SectorSchemes.Naics2012 when NaicsCode(sector.Code) is { } naics:
                var owner = _clusters.OwnerOfNaics(naics);
                Put(merged, new SectorAssignment(SectorSchemes.Naics2012, naics, owner?.Label ?? label, 1.0));
                if (owner is { } found)
                {
                    AddCluster(merged, found.Cluster, 1.0);
                }

                break;
            case SectorSchemes.Nace2 when _nace.Normalise(sector.Code) is { } nace:
                Put(merged, new SectorAssignment(SectorSchemes.Nace2, nace, label, 1.0));
                foreach (var candidate in _nace.CandidatesOf(nace))
                {
                    AddCluster(merged, candidate.ClusterCode, candidate.Weight);
                }

                break;
            case SectorSchemes.EuEcosystem when _ecosystems.Normalise(sector.Code) is { } ecosystem:
                Put(merged, new SectorAssignment(SectorSchemes.EuEcosystem, ecosystem, null, 1.0));
                foreach (var candidate in _ecosystems.CandidatesOf(ecosystem))
                {
                    AddCluster(merged, candidate.ClusterCode, candidate.Weight);
                }

                break;
        }
    }

    private void AddCluster(List<SectorAssignment> merged, string cluster, double weight) =>
        Put(merged, new SectorAssignment(SectorSchemes.UsCluster, cluster, _clusters.NameOf(cluster), weight));

    // Few assignments per record: a linear search beats hashing.
    private static void Put(List<SectorAssignment> merged, SectorAssignment assignment)
    {
        var index = merged.Count - 1;
        while (index >= 0 && (merged[index].Code != assignment.Code || merged[index].Scheme != assignment.Scheme))
        {
            index--;
        }

        if (index < 0)
        {
            merged.Add(assignment);
            return;
        }

        var existing = merged[index];
        if (assignment.Weight > existing.Weight || (existing.Label is null && assignment.Label is not null))
        {
            merged[index] = existing with
            {
                Weight = Math.Max(existing.Weight, assignment.Weight),
                Label = existing.Label ?? assignment.Label,
            };
        }
    }

    private static string? NaicsCode(string? code)
    {
        var text = code.AsSpan().Trim();
        if (text.Length != 6)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return null;
            }
        }

        return text.ToString();
    }
}
