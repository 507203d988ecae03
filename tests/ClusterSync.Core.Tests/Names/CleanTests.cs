using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public class CleanTests
{
    [Test]
    public void Clean_collapses_every_kind_of_whitespace_to_one_space_and_trims()
    {
        var text = " \tAcme\u00A0\u00A0Cluster\r\n\u2003Network\u3000 ";

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo("Acme Cluster Network"));
    }

    [Test]
    public void Clean_removes_control_and_format_characters()
    {
        var text = "Ac\u0000me\u200B Clus\u00ADter\u200E\uFEFF";

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo("Acme Cluster"));
    }

    [Test]
    public void Clean_applies_compatibility_normalisation()
    {
        var text = "Ｃｌｕｓｔｅｒ ﬁnance e\u0301";

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo("Cluster finance é"));
    }

    [Test]
    public void Clean_keeps_case_diacritics_and_punctuation()
    {
        var text = "Pôle Véhicule du Futur (PVF) – Région Grand-Est, S.A.S.";

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo(text));
    }

    [Test]
    public void Clean_keeps_characters_outside_the_basic_plane()
    {
        var text = "Cluster 𝔸 \U000E0001 Hub";

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo("Cluster A Hub"));
    }

    [Test]
    public void Clean_of_long_text_collapses_whitespace_throughout()
    {
        var text = string.Concat(Enumerable.Repeat("Acme \t Cluster\u00A0 ", 40));

        var cleaned = NameAnalyser.Clean(text);

        Assert.That(cleaned, Is.EqualTo(string.Join(' ', Enumerable.Repeat("Acme Cluster", 40))));
    }

    [Test]
    public void Clean_of_whitespace_only_is_empty()
    {
        var cleaned = NameAnalyser.Clean(" \t\u00A0 ");

        Assert.That(cleaned, Is.Empty);
    }

    [Test]
    public void Clean_rejects_null()
    {
        Assert.That(() => NameAnalyser.Clean(null!), Throws.ArgumentNullException);
    }
}
