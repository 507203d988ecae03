namespace ClusterSync.Core.Matching;

/// <summary>Accuracy of a clustering against the truth: pairwise precision, recall and F1, and B-cubed F1.</summary>
public sealed record LinkageMetrics(
    long TruePairs,
    long PredictedPairs,
    long CorrectPairs,
    double Precision,
    double Recall,
    double F1,
    double BCubedPrecision,
    double BCubedRecall,
    double BCubedF1)
{
    /// <summary>Compares predicted and true cluster labels given per record (same order).</summary>
    public static LinkageMetrics Compute(IReadOnlyList<string> predicted, IReadOnlyList<string> truth)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        if (predicted.Count != truth.Count)
        {
            throw new ArgumentException("Predicted and true labels must cover the same records.", nameof(predicted));
        }

        var predictedSizes = Sizes(predicted);
        var trueSizes = Sizes(truth);
        var both = new Dictionary<(string, string), long>();
        for (var i = 0; i < predicted.Count; i++)
        {
            var key = (predicted[i], truth[i]);
            both[key] = both.GetValueOrDefault(key) + 1;
        }

        var truePairs = trueSizes.Values.Sum(Pairs);
        var predictedPairs = predictedSizes.Values.Sum(Pairs);
        var correct = both.Values.Sum(Pairs);
        var precision = predictedPairs == 0 ? 1 : (double)correct / predictedPairs;
        var recall = truePairs == 0 ? 1 : (double)correct / truePairs;

        double bPrecision = 0, bRecall = 0;
        foreach (var ((p, t), n) in both)
        {
            // Each of the n records in (p, t) contributes n/|p| to precision and n/|t| to recall.
            bPrecision += (double)n * n / predictedSizes[p];
            bRecall += (double)n * n / trueSizes[t];
        }

        bPrecision /= Math.Max(1, predicted.Count);
        bRecall /= Math.Max(1, predicted.Count);
        return new LinkageMetrics(truePairs, predictedPairs, correct, precision, recall, Harmonic(precision, recall),
            bPrecision, bRecall, Harmonic(bPrecision, bRecall));
    }

    private static Dictionary<string, long> Sizes(IReadOnlyList<string> labels)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            sizes[label] = sizes.GetValueOrDefault(label) + 1;
        }

        return sizes;
    }

    private static long Pairs(long n) => n * (n - 1) / 2;

    private static double Harmonic(double a, double b) => a + b == 0 ? 0 : 2 * a * b / (a + b);
}
