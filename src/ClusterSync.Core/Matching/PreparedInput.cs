using System.Collections.Concurrent;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Matching;

/// <summary>
/// A record with its comparable strings already extracted (name keys and words, places, identifiers): what a bulk
/// <see cref="MatchingEngine.Load(PreparedInput[], IReadOnlyCollection{MatchDecision}, bool, IProgress{string})"/>
/// takes. A reader prepares each record as it reads it and keeps this, not the larger <see cref="MatchInput"/>.
/// </summary>
public sealed class PreparedInput
{
    private PreparedInput(FeatureDraft draft) => Draft = draft;

    internal FeatureDraft Draft { get; }

    public SourceRecordKey Key => Draft.Key;

    /// <summary>
    /// Prepares one record (pure; safe to call from many threads). With <paramref name="shared"/>, the strings that
    /// many records repeat (name and place words, country, region, city, postal code, initials, sector codes) are
    /// kept once for all the records prepared with it: a million prepared records then hold each word once, and
    /// the copies die young instead of surviving into the older generations.
    /// </summary>
    public static PreparedInput From(MatchInput input, SharedStrings? shared = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = FeatureDraft.From(input);
        return new PreparedInput(shared is null ? draft : shared.Share(draft));
    }
}

/// <summary>
/// One instance of each repeated string among records prepared in bulk (<see cref="PreparedInput.From"/>); safe to
/// use from many threads. It lives as long as the bulk load that uses it.
/// </summary>
public sealed class SharedStrings
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>How many distinct strings are held.</summary>
    public int Count => _strings.Count;

    internal FeatureDraft Share(FeatureDraft draft)
    {
        ShareAll(draft.NameTokens);
        ShareAll(draft.PlaceTokens);
        var sectors = draft.Sectors;
        for (var i = 0; i < sectors.Length; i++)
        {
            sectors[i] = (Share(sectors[i].Code)!, sectors[i].Weight);
        }

        return draft with
        {
            Initials = Share(draft.Initials)!,
            Country = Share(draft.Country),
            Region = Share(draft.Region),
            CityKey = Share(draft.CityKey),
            Postal = Share(draft.Postal),
        };
    }

    private void ShareAll(string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Share(values[i])!;
        }
    }

    private string? Share(string? value) =>
        value is null ? null : _strings.GetOrAdd(value, value);
}
