using System.Globalization;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Directory;

/// <summary>An organisation as partner ranking sees it: its sectors (every scheme, with weights) and member mix.</summary>
public sealed record PartnerProfile(string Id, string Name, string? Country, IReadOnlyList<SectorAssignment> Sectors, MemberCounts? Members);

/// <summary>A suggested partner with its score and the reasons for it.</summary>
public sealed record PartnerSuggestion(string Id, string Name, string? Country, double Score, IReadOnlyList<string> Reasons);

/// <summary>
/// Ranks organisations on the other side of the Atlantic by weighted sector overlap. Sectors meet through the
/// crosswalk: a European organisation's ecosystems and NACE codes carry derived U.S. benchmark clusters (weights
/// below 1), so overlap is counted on U.S. clusters, and on EU ecosystems and NACE codes where both sides have them.
/// A complementary member mix (one side mostly research, the other mostly companies) adds a small bonus.
/// </summary>
public static class PartnerRanking
{
    /// <summary>Bonus for a complementary member mix, against an overlap score that is at most about 1 per shared sector.</summary>
    public const double ComplementaryMixBonus = 0.1;

    public static IReadOnlyList<PartnerSuggestion> Rank(PartnerProfile organisation, IEnumerable<PartnerProfile> candidates, int limit, Func<string, string, string?> sectorName)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(sectorName);
        var own = Weights(organisation.Sectors);
        var suggestions = new List<PartnerSuggestion>();
        foreach (var candidate in candidates)
        {
            if (candidate.Id == organisation.Id)
            {
                continue;
            }

            var score = 0.0;
            var reasons = new List<(double Weight, string Text)>();
            foreach (var (key, weight) in Weights(candidate.Sectors))
            {
                if (own.TryGetValue(key, out var mine))
                {
                    var overlap = mine * weight;
                    score += overlap;
                    var name = sectorName(key.Scheme, key.Code) ?? key.Code;
                    reasons.Add((overlap, string.Create(CultureInfo.InvariantCulture,
                        $"shares {key.Scheme} {key.Code} ({name}): weight {mine:0.00} here, {weight:0.00} there")));
                }
            }

            if (score <= 0)
            {
                continue;
            }

            if (Complementary(organisation.Members, candidate.Members) is { } mix)
            {
                score += ComplementaryMixBonus;
                reasons.Add((ComplementaryMixBonus, mix));
            }

            suggestions.Add(new PartnerSuggestion(candidate.Id, candidate.Name, candidate.Country, Math.Round(score, 4),
                [.. reasons.OrderByDescending(r => r.Weight).Select(r => r.Text)]));
        }

        return [.. suggestions.OrderByDescending(s => s.Score).ThenBy(s => s.Id, StringComparer.Ordinal).Take(limit)];
    }

    private static Dictionary<(string Scheme, string Code), double> Weights(IReadOnlyList<SectorAssignment> sectors)
    {
        var weights = new Dictionary<(string, string), double>();
        foreach (var sector in sectors)
        {
            if (sector.Scheme is SectorSchemes.UsCluster or SectorSchemes.EuEcosystem or SectorSchemes.Nace2)
            {
                var key = (sector.Scheme, sector.Code);
                weights[key] = Math.Max(weights.GetValueOrDefault(key), sector.Weight);
            }
        }

        return weights;
    }

    private static string? Complementary(MemberCounts? mine, MemberCounts? theirs)
    {
        var a = ResearchShare(mine);
        var b = ResearchShare(theirs);
        if (a is null || b is null)
        {
            return null;
        }

        return (a >= 0.5 && b < 0.5) ? "complementary member mix: mostly research here, mostly companies there"
            : (a < 0.5 && b >= 0.5) ? "complementary member mix: mostly companies here, mostly research there"
            : null;
    }

    private static double? ResearchShare(MemberCounts? members)
    {
        if (members is null)
        {
            return null;
        }

        var research = members.ResearchOrganisations ?? 0;
        var companies = (members.Smes ?? 0) + (members.LargeCompanies ?? 0);
        return research + companies == 0 ? null : (double)research / (research + companies);
    }
}
