using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>Member counts by type: only non-negative counts are kept.</summary>
public static class MemberCountsNormaliser
{
    /// <summary>The counts with every negative one removed; null when none is left.</summary>
    public static MemberCounts? Normalise(MemberCounts? counts)
    {
        if (counts is null)
        {
            return null;
        }

        var kept = new MemberCounts(
            Valid(counts.Total), Valid(counts.Smes), Valid(counts.LargeCompanies), Valid(counts.ResearchOrganisations), Valid(counts.Others));
        return kept is { Total: null, Smes: null, LargeCompanies: null, ResearchOrganisations: null, Others: null } ? null : kept;
    }

    private static int? Valid(int? count) => count >= 0 ? count : null;
}
