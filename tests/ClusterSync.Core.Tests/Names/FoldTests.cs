using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public class FoldTests
{
    [TestCase("Pôle Véhicule du Futur", "pole vehicule du futur")]
    [TestCase("ČESKÁ ŘEPKA Ünïcødé", "ceska repka unicode")]
    [TestCase("Łódź Żółć", "lodz zolc")]
    [TestCase("Ærøskøbing Œuvre", "aeroskobing oeuvre")]
    [TestCase("Þingvellir Eðli", "thingvellir edli")]
    [TestCase("Diyarbakır İstanbul Şişli", "diyarbakir istanbul sisli")]
    [TestCase("Straße STRASSE Maßstab", "strasse strasse massstab")]
    [TestCase("Đorđe Đurić", "djordje djuric")]
    [TestCase("Bucureşti Timișoara", "bucuresti timisoara")]
    public void Fold_removes_diacritics_and_case(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Maine's Technology Cluster", "maines technology cluster")]
    [TestCase("Maine’s Technology Cluster", "maines technology cluster")]
    [TestCase("L'Oréal d'Azur", "loreal dazur")]
    public void Fold_removes_apostrophes_inside_words_without_a_space(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Silicon Saxony e.V.", "silicon saxony ev")]
    [TestCase("Acme Inc.", "acme inc")]
    [TestCase("S.r.l. 1.000", "srl 1000")]
    [TestCase("St. Louis", "st louis")]
    public void Fold_removes_dots_inside_words_without_a_space(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Research & Development", "research development")]
    [TestCase("Baden-Württemberg", "baden wurttemberg")]
    [TestCase("Aerospace/Defence, (Cluster) \"Hub\"", "aerospace defence cluster hub")]
    [TestCase("A+B_C#D@E", "a b c d e")]
    [TestCase("Energy – Renewables — Storage", "energy renewables storage")]
    public void Fold_turns_other_punctuation_and_symbols_into_word_breaks(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [Test]
    public void Fold_collapses_whitespace_of_any_kind()
    {
        var key = NameAnalyser.Fold("  Acme\u00A0\u2003Cluster\t\nNetwork  ");

        Assert.That(key, Is.EqualTo("acme cluster network"));
    }

    [Test]
    public void Fold_transliterates_each_script_of_a_mixed_text()
    {
        var key = NameAnalyser.Fold("Cluster Ελλάδα Київ 北京 Δ-Hub");

        Assert.That(key, Is.EqualTo("cluster ellada kyiv beijing d hub"));
    }

    [Test]
    public void Fold_applies_compatibility_forms()
    {
        var key = NameAnalyser.Fold("Ｃｌｕｓｔｅｒ ﬁnance Ⅻ ²");

        Assert.That(key, Is.EqualTo("cluster finance xii 2"));
    }

    [Test]
    public void Fold_treats_combining_marks_like_precomposed_letters()
    {
        var key = NameAnalyser.Fold("Cafe\u0301 Кии\u0306", "BG");

        Assert.That(key, Is.EqualTo(NameAnalyser.Fold("Café Кий", "BG")));
    }

    [Test]
    public void Fold_turns_emoji_into_a_word_break()
    {
        var key = NameAnalyser.Fold("Green😀Energy");

        Assert.That(key, Is.EqualTo("green energy"));
    }

    [Test]
    public void Fold_keeps_digits()
    {
        var key = NameAnalyser.Fold("Industry 4.0 Cluster 2030");

        Assert.That(key, Is.EqualTo("industry 40 cluster 2030"));
    }

    [Test]
    public void Fold_of_punctuation_only_is_empty()
    {
        var key = NameAnalyser.Fold(" - & / . ");

        Assert.That(key, Is.Empty);
    }

    [Test]
    public void Fold_returns_the_same_instance_when_text_is_already_a_key()
    {
        var text = string.Concat("acme ", "cluster");

        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.SameAs(text));
    }

    [Test]
    public void Fold_of_long_text_matches_the_fold_of_its_parts()
    {
        var part = "Forschungs- und Entwicklungsgesellschaft für Straßenbau ";
        var text = string.Concat(Enumerable.Repeat(part, 20));

        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(string.Join(' ', Enumerable.Repeat(NameAnalyser.Fold(part), 20))));
    }

    [Test]
    public void Fold_of_long_ASCII_text_matches_the_fold_of_its_parts()
    {
        var part = "Research & Development Cluster, Inc. ";
        var text = string.Concat(Enumerable.Repeat(part, 20));

        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(string.Join(' ', Enumerable.Repeat(NameAnalyser.Fold(part), 20))));
    }

    [Test]
    public void Fold_rejects_null()
    {
        Assert.That(() => NameAnalyser.Fold(null!), Throws.ArgumentNullException);
    }
}
