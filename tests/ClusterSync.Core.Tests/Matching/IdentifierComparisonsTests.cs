using ClusterSync.Core.Matching;

namespace ClusterSync.Core.Tests.Matching;

public class IdentifierComparisonsTests
{
    [TestCase("bavaria", "bavaria", true)]
    [TestCase("bayerninnovativ", "bayern innovativ", true)]
    [TestCase("abc", "a b c", true)]
    [TestCase("bayern", "bayern innovativ", false)]
    [TestCase("bayerninnovativx", "bayern innovativ", false)]
    [TestCase("bayernxnnovativ", "bayern innovativ", false)]
    [TestCase("abc", "ab", false)]
    [TestCase("abc", "", false)]
    public void An_acronym_equals_a_name_key_only_when_the_key_without_spaces_is_the_acronym(string joined, string key, bool equal) =>
        Assert.That(IdentifierComparisons.EqualsWithoutSpaces(joined, key), Is.EqualTo(equal));
}
