namespace ClusterSync.Core.Matching;

/// <summary>The profile comparisons: sectors and founding year.</summary>
internal static class ProfileComparisons
{
    private const sbyte Missing = Comparisons.Missing;

    public static sbyte SectorLevel(RecordFeatures a, RecordFeatures b)
    {
        if (a.Sectors.Length == 0 || b.Sectors.Length == 0)
        {
            return Missing;
        }

        double common = 0, totalA = 0, totalB = 0;
        foreach (var (code, weight) in a.Sectors)
        {
            totalA += weight;
            foreach (var (other, otherWeight) in b.Sectors)
            {
                if (code == other)
                {
                    common += Math.Min(weight, otherWeight);
                    break;
                }
            }
        }

        foreach (var (_, weight) in b.Sectors)
        {
            totalB += weight;
        }

        var overlap = common / Math.Max(1e-9, Math.Min(totalA, totalB));
        return overlap >= 0.5 ? (sbyte)2 : overlap > 0 ? (sbyte)1 : (sbyte)0;
    }

    public static sbyte FoundedLevel(RecordFeatures a, RecordFeatures b) =>
        a.Founded == 0 || b.Founded == 0 ? Missing : (sbyte)(Math.Abs(a.Founded - b.Founded) switch { 0 => 2, 1 => 1, _ => 0 });
}
