using System.Globalization;
using ClusterSync.Synthetic.Generation;
using ClusterSync.Synthetic.Noise;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic;

/// <summary>
/// A seeded synthetic directory of organisation records with ground truth, for testing, evaluating and
/// benchmarking de-duplication. Entities are rebuilt from the seed on demand, so memory stays flat
/// (one int per record for the shuffle) however many records are streamed.
/// </summary>
public static class SyntheticDirectory
{
    /// <summary>Copy numbers of the frequent name's records start here, far above the layout's copies.</summary>
    private const int FrequentCopyBase = 1_000_000;

    /// <summary>
    /// Streams exactly <see cref="SyntheticOptions.Count"/> records in a seeded shuffled order; the same
    /// options always give the same sequence. Options are validated before the first record.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IEnumerable<SyntheticRecord> Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Stream(options);
    }

    private static IEnumerable<SyntheticRecord> Stream(SyntheticOptions options)
    {
        var frequent = options.FrequentNameCopies;
        var layout = new RecordLayout(options.Count - frequent, options.DuplicateRate, (ulong)options.Seed);
        var factory = new EntityFactory(Catalogue.Shared, options, layout.Entities);
        var noise = new DuplicateNoise(factory, options.Noise);
        var exactName = new DuplicateNoise(factory, options.Noise with
        {
            NameTypo = 0,
            NameAcronym = 0,
            NameWithAcronym = 0,
            LegalFormChange = 0,
            CaseChange = 0,
            DiacriticsStripped = 0,
            WordOrderSwap = 0,
            GenericNounTranslated = 0,
            NameTranslated = 0,
            Transliterated = 0,
        });

        // A re-joined part's record: at the organisation's address, in its city, under its name and the city's.
        var rejoined = new DuplicateNoise(factory, options.Noise with
        {
            NameAcronym = 0,
            NameTranslated = 0,
            AddressMoved = 0,
            FieldMissing = 0,
        });
        var ordinary = 0;
        for (var position = 0; position < options.Count; position++)
        {
            var id = "r" + position.ToString("D7", CultureInfo.InvariantCulture);
            var extra = (long)(position + 1) * frequent / options.Count - ((long)position * frequent / options.Count);
            if (extra > 0)
            {
                // Copies of entity 0, numbered past any copy the layout gives it.
                var copyNumber = FrequentCopyBase + (int)((long)position * frequent / options.Count);
                yield return exactName.Apply(factory.Create(0), copyNumber, id);
                continue;
            }

            var (index, copy) = layout.At(ordinary++);
            var entity = factory.Create(index);
            if (copy == 0)
            {
                var draft = RecordDraft.From(entity);
                draft.ToScript(entity.Script, factory.Names.Places);
                yield return draft.ToRecord(id, 0, NoiseKinds.None);
            }
            else if (factory.RejoinQualifier(entity, copy) is { } city)
            {
                yield return rejoined.Apply(entity, copy, id, city);
            }
            else
            {
                yield return noise.Apply(entity, copy, id);
            }
        }
    }
}
