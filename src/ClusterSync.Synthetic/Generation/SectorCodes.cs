using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>Sector codes as a source of the given country would state them (<c>scheme:code</c>).</summary>
internal static class SectorCodes
{
    public static List<string> For(CountryProfile country, SectorConcept primary, SectorConcept? secondary, ref SeededRandom random)
    {
        var codes = new List<string>(4);
        if (country.Code is "US" or "CA")
        {
            codes.Add(UsCluster(primary));
            if (random.Chance(0.4))
            {
                codes.Add(Naics(primary));
            }
        }
        else
        {
            if (random.Chance(0.8))
            {
                codes.Add(Nace(primary));
            }

            if (codes.Count == 0 || random.Chance(0.7))
            {
                codes.Add(Ecosystem(primary));
            }

            if (random.Chance(0.1))
            {
                codes.Add(UsCluster(primary));
            }
        }

        if (secondary is not null)
        {
            AddDistinct(codes, codes[0].StartsWith("us-cluster", StringComparison.Ordinal) ? UsCluster(secondary) : Nace(secondary));
        }

        return codes;
    }

    /// <summary>A code of the same sector in another scheme, or a code of a related sector.</summary>
    public static string Related(SectorConcept sector, ref SeededRandom random) => random.Next(4) switch
    {
        0 => UsCluster(sector),
        1 => Nace(sector),
        2 => Naics(sector),
        _ => Ecosystem(sector),
    };

    public static void AddDistinct(List<string> codes, string code)
    {
        if (!codes.Contains(code))
        {
            codes.Add(code);
        }
    }

    public static string UsCluster(SectorConcept sector) => sector.UsClusterCode;

    private static string Naics(SectorConcept sector) => sector.Naics2012Code;

    private static string Nace(SectorConcept sector) => sector.Nace2Code;

    private static string Ecosystem(SectorConcept sector) => sector.EcosystemCode;
}
