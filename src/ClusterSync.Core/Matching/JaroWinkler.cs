namespace ClusterSync.Core.Matching;

/// <summary>
/// Jaro-Winkler similarity without allocation (prefix scale 0.1, prefix up to 4, boost above 0.7). Hand-written rather than
/// taken from a string-similarity package because it runs millions of times per resolution:
/// tests/ClusterSync.Benchmarks compares it with F23.StringSimilarity's implementation.
/// </summary>
public static class JaroWinkler
{
    private const int StackLimit = 256;

    /// <summary>Winkler's prefix bonus applies only above this Jaro similarity (as in Winkler 1990).</summary>
    private const double BoostThreshold = 0.7;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        if (a.SequenceEqual(b))
        {
            return 1;
        }

        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }

        var window = Math.Max(0, (b.Length / 2) - 1);
        Span<bool> aFlags = a.Length <= StackLimit ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bFlags = b.Length <= StackLimit ? stackalloc bool[b.Length] : new bool[b.Length];
        aFlags.Clear();
        bFlags.Clear();

        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var start = Math.Max(0, i - window);
            var end = Math.Min(b.Length - 1, i + window);
            for (var j = start; j <= end; j++)
            {
                if (!bFlags[j] && a[i] == b[j])
                {
                    aFlags[i] = true;
                    bFlags[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aFlags[i])
            {
                continue;
            }

            while (!bFlags[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                transpositions++;
            }

            k++;
        }

        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2)) / m)) / 3.0;
        if (jaro <= BoostThreshold)
        {
            return jaro;
        }

        var prefix = 0;
        var limit = Math.Min(4, a.Length);
        while (prefix < limit && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>An upper bound of the similarity from the lengths alone (for skipping hopeless pairs).</summary>
    public static double UpperBound(int lengthA, int lengthB)
    {
        if (lengthA == 0 || lengthB == 0)
        {
            return lengthA == lengthB ? 1 : 0;
        }

        var ratio = (double)Math.Min(lengthA, lengthB) / Math.Max(lengthA, lengthB);
        var jaro = (1 + ratio + 1) / 3.0;
        return jaro + (0.4 * (1 - jaro));
    }
}
