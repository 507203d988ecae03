using ClusterSync.Core.Matching;

namespace ClusterSync.Core.Tests.Matching;

public class InternerTests
{
    [Test]
    public void Room_made_chunk_by_chunk_grows_geometrically_not_to_each_exact_size()
    {
        // A load fed 16,384 records at a time asks for room for each chunk in turn; growing to each exact size
        // would rehash the whole vocabulary at every chunk (quadratic in the number of chunks).
        var dictionary = new Dictionary<string, int>();
        var capacity = Interner.Grown(dictionary, 0, 16_384);
        var next = Interner.Grown(dictionary, capacity, capacity + 100);
        Assert.Multiple(() =>
        {
            Assert.That(capacity, Is.GreaterThanOrEqualTo(16_384));
            Assert.That(next, Is.GreaterThanOrEqualTo(2 * capacity));
            Assert.That(Interner.Grown(dictionary, next, next - 1), Is.EqualTo(next), "no growth while there is room");
        });
    }

    [Test]
    public void An_interner_given_room_in_steps_still_gives_each_value_one_id_and_counts_its_uses()
    {
        var interner = new Interner();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            interner.EnsureCapacity(interner.Count + 1_000);
            for (var i = 0; i < 1_000; i++)
            {
                interner.Use($"v{(chunk * 1_000) + i}");
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(interner.Count, Is.EqualTo(5_000));
            Assert.That(interner.Use("v4321"), Is.EqualTo(4_321));
            Assert.That(interner.Count, Is.EqualTo(5_000));
            Assert.That(interner.UsesOf(4_321), Is.EqualTo(2));
        });
    }
}
