using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Publication;

/// <summary>
/// Scores one ad-hoc organisation record — a name, and whatever else is known: country, city, postal code,
/// street, website, e-mail, phone — against the published directory, for analysts reconciling their own
/// lists: the organisations most likely to be the same, best first, each with its probability and the
/// explanation of its best-matching source records. The record is normalised as ad-hoc input (its country
/// may be unknown), never added, never published, and nothing held changes.
/// </summary>
public sealed class DirectoryLookup(DirectoryIndex index, OrganisationNormaliser? normaliser = null)
{
    /// <summary>The most organisations one lookup returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>Scores the record against the warm index (built first if needed), under the index's lock.</summary>
    /// <param name="record">The record to score; its <c>Source</c> and <c>SourceId</c> only name it (a held record with the same key is left out).</param>
    /// <param name="limit">How many organisations to return, 1 to <see cref="MaxLimit"/>.</param>
    public Task<DirectoryLookupResult> ScoreAsync(RawOrganisation record, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        return index.UseAsync((resolver, membership) => Task.FromResult(Score(resolver, membership, record, limit, normaliser)), cancellationToken);
    }

    /// <summary>Scores the record against a resolver and the directory membership it was published with.</summary>
    public static DirectoryLookupResult Score(
        IEntityResolver resolver, DirectoryMembership membership, RawOrganisation record, int limit, OrganisationNormaliser? normaliser = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(record);
        var outcome = (normaliser ?? OrganisationNormaliser.Default).Normalise(record with { CountryRequired = false });
        if (outcome.Record is not { } normalised)
        {
            return new DirectoryLookupResult([], outcome.QuarantineReason);
        }

        // An organisation may hold several of the best records: ask for enough records to fill the list.
        var candidates = resolver.Score(normalised, limit * RecordsPerOrganisation);
        var organisations = new List<OrganisationCandidate>();
        foreach (var group in candidates.GroupBy(c => membership.TryGetOrganisation(c.Key, out var id) ? id : null))
        {
            if (group.Key is null)
            {
                continue;
            }

            var records = group.OrderByDescending(c => c.Weight).ToList();
            organisations.Add(new OrganisationCandidate(group.Key, records[0].Probability, records[0].Outcome, records));
        }

        return new DirectoryLookupResult(
            [.. organisations.OrderByDescending(o => o.Records[0].Weight).ThenBy(o => o.OrganisationId, StringComparer.Ordinal).Take(limit)], null);
    }

    private const int RecordsPerOrganisation = 5;
}

/// <summary>The outcome of a <see cref="DirectoryLookup"/>.</summary>
/// <param name="Candidates">Organisations best first; empty when none is close or the record was rejected.</param>
/// <param name="RejectedBecause">Why the record cannot be scored (no usable name), or null.</param>
public sealed record DirectoryLookupResult(IReadOnlyList<OrganisationCandidate> Candidates, string? RejectedBecause);

/// <summary>A directory organisation scored against a looked-up record.</summary>
/// <param name="Probability">Match probability of its best source record.</param>
/// <param name="Outcome"><c>match</c>, <c>review</c> or <c>non-match</c> by the matching thresholds.</param>
/// <param name="Records">Its source records among the candidates, best first, each explained.</param>
public sealed record OrganisationCandidate(string OrganisationId, double Probability, string Outcome, IReadOnlyList<CandidateMatch> Records);
