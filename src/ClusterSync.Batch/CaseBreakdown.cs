using System.Globalization;
using ClusterSync.Core.Csv;
using nietras.SeparatedValues;

namespace ClusterSync.Batch;

/// <summary>
/// Pairwise accuracy on the pairs that touch the records of one case: the true pairs and the linked pairs
/// with at least one record of it. <see cref="FalseLinks"/> are linked pairs of different true clusters.
/// </summary>
public sealed record CaseMetrics(string Case, int Records, long TruePairs, long LinkedPairs, long CorrectPairs)
{
    public double Precision => LinkedPairs == 0 ? 1 : (double)CorrectPairs / LinkedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)CorrectPairs / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public long FalseLinks => LinkedPairs - CorrectPairs;
}

/// <summary>
/// The <c>case</c> column of a labelled file (<c>generate --cases</c> names each record's hard case: a
/// frequent name, a split-off, ...) and <c>evaluate</c>'s accuracy per case. Pairs are counted per cluster,
/// never enumerated: a case of n records in a cluster of N touches N(N-1)/2 - (N-n)(N-n-1)/2 of its pairs.
/// </summary>
public static class CaseBreakdown
{
    public const string Column = "case";

    /// <summary>
    /// The case of each row of <paramref name="path"/> in file order (blank lines skipped, as
    /// <see cref="ResolveInput"/> skips them), an empty string for none; null when the file has no
    /// <c>case</c> column. Reads only that column, for a file <see cref="ResolveInput.Read"/> has accepted.
    /// </summary>
    /// <exception cref="ResolveInputException">The rows are not the <paramref name="rowCount"/> rows read before.</exception>
    public static string[]? ReadCases(string path, int rowCount)
    {
        using var reader = StrictCsv.Reader.FromFile(path);
        string[]? header = null;
        var column = -1;
        var cases = new List<string>(rowCount);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var row in reader)
        {
            if (StrictCsv.IsBlank(row))
            {
                continue;
            }

            if (header is null)
            {
                header = StrictCsv.Cells(row, null);
                column = Array.FindIndex(header, n => n.Trim().TrimStart('\uFEFF').Equals(Column, StringComparison.OrdinalIgnoreCase));
                if (column < 0)
                {
                    return null;
                }

                continue;
            }

            var cell = row[column].Span;
            var value = (cell.Contains('"') ? StrictCsv.Cell(row, column, header).AsSpan() : cell).Trim();
            if (!lookup.TryGetValue(value, out var name))
            {
                name = value.ToString();
                names[name] = name;
            }

            cases.Add(name);
        }

        return cases.Count == rowCount
            ? [.. cases]
            : throw new ResolveInputException($"cannot read the case column of '{path}': {cases.Count:N0} rows where {rowCount:N0} were read.");
    }

    /// <summary>
    /// Accuracy per case (every non-empty value of <paramref name="cases"/>, in ordinal order) of the
    /// clusters <paramref name="predicted"/> against <paramref name="truth"/>, all three given per record.
    /// </summary>
    public static IReadOnlyList<CaseMetrics> Compute(IReadOnlyList<string> predicted, IReadOnlyList<string> truth, IReadOnlyList<string> cases)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(cases);
        if (predicted.Count != truth.Count || cases.Count != truth.Count)
        {
            throw new ArgumentException("Predicted clusters, true clusters and cases must cover the same records.", nameof(cases));
        }

        var names = cases.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var caseOf = new int[cases.Count];
        var records = new int[names.Length];
        for (var i = 0; i < cases.Count; i++)
        {
            caseOf[i] = cases[i].Length == 0 ? -1 : Array.BinarySearch(names, cases[i], StringComparer.Ordinal);
            if (caseOf[i] >= 0)
            {
                records[caseOf[i]]++;
            }
        }

        var predictedGroups = GroupIds(predicted);
        var trueGroups = GroupIds(truth);
        var bothGroups = GroupIds(predictedGroups, trueGroups);
        var truePairs = TouchingPairs(trueGroups, caseOf, names.Length);
        var linkedPairs = TouchingPairs(predictedGroups, caseOf, names.Length);
        var correctPairs = TouchingPairs(bothGroups, caseOf, names.Length);
        return [.. names.Select((name, c) => new CaseMetrics(name, records[c], truePairs[c], linkedPairs[c], correctPairs[c]))];
    }

    /// <summary>Writes the table <c>evaluate</c> prints under its totals, one line per case.</summary>
    public static async Task WriteAsync(IReadOnlyList<CaseMetrics> metrics, string method, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"{method} by case (pairs with at least one record of the case):");
        await output.WriteLineAsync("case                       records  true pairs  linked pairs  pair-P  pair-R  pair-F1  false links");
        foreach (var m in metrics)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{m.Case,-24} {m.Records,9:N0}  {m.TruePairs,10:N0}  {m.LinkedPairs,12:N0}  {m.Precision,6:0.0000}  {m.Recall,6:0.0000}  {m.F1,7:0.0000}  {m.FalseLinks,11:N0}"));
        }
    }

    /// <summary>A dense group number per record: records with equal labels get equal numbers.</summary>
    private static int[] GroupIds(IReadOnlyList<string> labels)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            if (!numbers.TryGetValue(labels[i], out groups[i]))
            {
                groups[i] = numbers[labels[i]] = numbers.Count;
            }
        }

        return groups;
    }

    /// <summary>A dense group number per record for the pair of its two groups (the cells of the contingency table).</summary>
    private static int[] GroupIds(int[] first, int[] second)
    {
        var numbers = new Dictionary<(int, int), int>();
        var groups = new int[first.Length];
        for (var i = 0; i < first.Length; i++)
        {
            var key = (first[i], second[i]);
            if (!numbers.TryGetValue(key, out groups[i]))
            {
                groups[i] = numbers[key] = numbers.Count;
            }
        }

        return groups;
    }

    /// <summary>For each case, the pairs within groups that hold at least one of its records.</summary>
    private static long[] TouchingPairs(int[] groups, int[] caseOf, int caseCount)
    {
        var sizes = new long[groups.Length];
        var ofCase = new Dictionary<(int Group, int Case), long>();
        for (var i = 0; i < groups.Length; i++)
        {
            sizes[groups[i]]++;
            if (caseOf[i] >= 0)
            {
                var key = (groups[i], caseOf[i]);
                ofCase[key] = ofCase.GetValueOrDefault(key) + 1;
            }
        }

        var pairs = new long[caseCount];
        foreach (var ((group, c), n) in ofCase)
        {
            var size = sizes[group];
            pairs[c] += Pairs(size) - Pairs(size - n);
        }

        return pairs;
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
