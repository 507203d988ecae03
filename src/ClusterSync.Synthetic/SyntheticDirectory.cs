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
        var layout = new RecordLayout(options.Count, options.DuplicateRate, (ulong)options.Seed);
        var factory = new EntityFactory(Catalogue.Shared, options, layout.Entities);
        var noise = new DuplicateNoise(factory, options.Noise);
        for (var position = 0; position < options.Count; position++)
        {
            var (index, copy) = layout.At(position);
            var entity = factory.Create(index);
            var id = "r" + position.ToString("D7", CultureInfo.InvariantCulture);
            if (copy == 0)
            {
                var draft = RecordDraft.From(entity);
                draft.ToScript(entity.Script, factory.Names.Places);
                yield return draft.ToRecord(id, 0, NoiseKinds.None);
            }
            else
            {
                yield return noise.Apply(entity, copy, id);
            }
        }
    }
}
