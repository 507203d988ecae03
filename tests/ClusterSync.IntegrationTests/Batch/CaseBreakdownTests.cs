using ClusterSync.Batch;

namespace ClusterSync.IntegrationTests.Batch;

/// <summary><c>evaluate</c>'s accuracy per case: pairs with at least one record of the case, counted per cluster.</summary>
public class CaseBreakdownTests
{
    // Seven records. Predicted clusters A {1,2,3}, B {4}, C {5,6}, D {7}; true clusters X {1,4}, Y {2,3}, Z {5,6,7}.
    private static readonly string[] Predicted = ["A", "A", "A", "B", "C", "C", "D"];
    private static readonly string[] Truth = ["X", "Y", "Y", "X", "Z", "Z", "Z"];
    private static readonly string[] Cases = ["split-off", "namesake", "namesake", "", "rejoined", "", ""];

    private string _path = null!;

    [SetUp]
    public void CreateFile() => _path = Path.Combine(Path.GetTempPath(), $"clustersync-cases-{Guid.NewGuid():N}.csv");

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    [Test]
    public void Cases_are_listed_in_ordinal_order_with_their_records()
    {
        var metrics = CaseBreakdown.Compute(Predicted, Truth, Cases);

        Assert.That(metrics.Select(m => (m.Case, m.Records)), Is.EqualTo(new[] { ("namesake", 2), ("rejoined", 1), ("split-off", 1) }));
    }

    [Test]
    public void A_case_linked_into_the_wrong_cluster_has_no_correct_pair()
    {
        // Record 1: true pair (1,4) missed; linked (1,2) and (1,3) are false.
        var splitOff = CaseBreakdown.Compute(Predicted, Truth, Cases).Single(m => m.Case == "split-off");

        Assert.That((splitOff.TruePairs, splitOff.LinkedPairs, splitOff.CorrectPairs, splitOff.FalseLinks), Is.EqualTo((1L, 2L, 0L, 2L)));
        Assert.That((splitOff.Precision, splitOff.Recall, splitOff.F1), Is.EqualTo((0.0, 0.0, 0.0)));
    }

    [Test]
    public void Precision_counts_linked_pairs_and_recall_true_pairs()
    {
        // Record 5: true pairs (5,6) and (5,7); linked (5,6) only, which is right.
        var rejoined = CaseBreakdown.Compute(Predicted, Truth, Cases).Single(m => m.Case == "rejoined");

        Assert.That((rejoined.TruePairs, rejoined.LinkedPairs, rejoined.CorrectPairs, rejoined.FalseLinks), Is.EqualTo((2L, 1L, 1L, 0L)));
        Assert.That(rejoined.Precision, Is.EqualTo(1.0));
        Assert.That(rejoined.Recall, Is.EqualTo(0.5));
        Assert.That(rejoined.F1, Is.EqualTo(2.0 / 3).Within(1e-12));
    }

    [Test]
    public void A_pair_of_two_records_of_a_case_counts_once()
    {
        // Records 2 and 3: true pair (2,3); linked (1,2), (1,3) and (2,3), of which (2,3) is right.
        var namesake = CaseBreakdown.Compute(Predicted, Truth, Cases).Single(m => m.Case == "namesake");

        Assert.That((namesake.TruePairs, namesake.LinkedPairs, namesake.CorrectPairs, namesake.FalseLinks), Is.EqualTo((1L, 3L, 1L, 2L)));
        Assert.That(namesake.Precision, Is.EqualTo(1.0 / 3).Within(1e-12));
        Assert.That(namesake.Recall, Is.EqualTo(1.0));
    }

    [Test]
    public void Counts_equal_those_of_every_pair_enumerated()
    {
        var random = new Random(7);
        var predicted = Enumerable.Range(0, 400).Select(_ => "p" + random.Next(60)).ToArray();
        var truth = Enumerable.Range(0, 400).Select(_ => "t" + random.Next(50)).ToArray();
        var cases = Enumerable.Range(0, 400).Select(_ => random.Next(4) switch { 0 => "a", 1 => "b", _ => "" }).ToArray();

        var metrics = CaseBreakdown.Compute(predicted, truth, cases);

        foreach (var m in metrics)
        {
            long truePairs = 0, linked = 0, correct = 0;
            for (var i = 0; i < 400; i++)
            {
                for (var j = i + 1; j < 400; j++)
                {
                    if (cases[i] != m.Case && cases[j] != m.Case)
                    {
                        continue;
                    }

                    var same = truth[i] == truth[j];
                    var link = predicted[i] == predicted[j];
                    truePairs += same ? 1 : 0;
                    linked += link ? 1 : 0;
                    correct += same && link ? 1 : 0;
                }
            }

            Assert.That((m.TruePairs, m.LinkedPairs, m.CorrectPairs), Is.EqualTo((truePairs, linked, correct)), m.Case);
        }
    }

    [Test]
    public void The_case_column_is_read_in_row_order_past_blank_lines_and_quotes()
    {
        File.WriteAllText(_path, "id,name,true_cluster,Case\n1,A,x,split-off\n\n2,\"B, C\",x,\n3,D,y,\"rejoined\"\n");

        var cases = CaseBreakdown.ReadCases(_path, 3);

        Assert.That(cases, Is.EqualTo(new[] { "split-off", "", "rejoined" }));
    }

    [Test]
    public void A_file_without_a_case_column_has_no_cases()
    {
        File.WriteAllText(_path, "id,name,true_cluster\n1,A,x\n");

        Assert.That(CaseBreakdown.ReadCases(_path, 1), Is.Null);
    }
}
