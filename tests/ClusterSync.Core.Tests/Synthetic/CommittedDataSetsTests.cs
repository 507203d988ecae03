using System.Text;
using ClusterSync.Synthetic;

namespace ClusterSync.Core.Tests.Synthetic;

/// <summary>
/// The labelled files under tests/data are exactly what the code produces. After a deliberate change to
/// the generator or the converter, rewrite them with CLUSTERSYNC_WRITE_TEST_DATA=1 (see tests/data READMEs).
/// </summary>
public class CommittedDataSetsTests
{
    [TestCase("synthetic-1k.csv", 1_000)]
    [TestCase("synthetic-10k.csv", 10_000)]
    public void Committed_synthetic_set_is_what_the_generator_produces(string file, int count)
    {
        var expected = Csv(SyntheticDirectory.Generate(new SyntheticOptions { Count = count, Seed = 42, DuplicateRate = 0.20 }));

        AssertCommitted(Path.Combine("tests", "data", "synthetic", file), expected);
    }

    [TestCase("febrl1.csv", "dataset1.csv")]
    [TestCase("febrl2.csv", "dataset2.csv")]
    public void Committed_febrl_set_is_what_the_converter_produces(string file, string original)
    {
        using var reader = File.OpenText(Original(original));

        AssertCommitted(Path.Combine("tests", "data", "febrl", file), Csv(FebrlConverter.Convert(reader)));
    }

    [Test]
    public void Committed_febrl_linkage_set_is_what_the_converter_produces()
    {
        using var first = File.OpenText(Original("dataset4a.csv"));
        using var second = File.OpenText(Original("dataset4b.csv"));

        AssertCommitted(Path.Combine("tests", "data", "febrl", "febrl4.csv"), Csv(FebrlConverter.ConvertLinkage(first, second)));
    }

    private static void AssertCommitted(string relativePath, string expected)
    {
        var path = RepositoryFiles.PathOf(relativePath);
        if (Environment.GetEnvironmentVariable("CLUSTERSYNC_WRITE_TEST_DATA") == "1")
        {
            File.WriteAllText(path, expected, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.That(File.ReadAllText(path), Is.EqualTo(expected), $"{relativePath} differs from the code's output.");
    }

    private static string Csv(IEnumerable<SyntheticRecord> records)
    {
        using var writer = new StringWriter();
        SyntheticCsv.Write(records, writer, includeTruth: true);
        return writer.ToString();
    }

    private static string Original(string file) => RepositoryFiles.PathOf(Path.Combine("tests", "data", "febrl", "original", file));
}
