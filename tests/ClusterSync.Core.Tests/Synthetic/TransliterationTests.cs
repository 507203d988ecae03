using ClusterSync.Synthetic.Noise;

namespace ClusterSync.Core.Tests.Synthetic;

public class TransliterationTests
{
    [TestCase("Klaster informacionih tehnologija Novi Sad", "Кластер информационих технологија Нови Сад")]
    [TestCase("Udruženje Njegoševa Ljubljana Džep", "Удружење Његошева Љубљана Џеп")]
    public void Serbian_Latin_becomes_Cyrillic_letter_for_letter(string latin, string cyrillic)
    {
        Assert.That(Scripts.SerbianToCyrillic(latin), Is.EqualTo(cyrillic));
    }

    [TestCase("Кластер ИКТ Војводина д.о.о.")]
    [TestCase("Пословно удружење шумарства Ниш")]
    public void Serbian_Cyrillic_round_trips_through_Latin(string cyrillic)
    {
        Assert.That(Scripts.SerbianToCyrillic(Scripts.SerbianToLatin(cyrillic)), Is.EqualTo(cyrillic));
    }

    [TestCase("Θεσσαλονίκη", "Thessaloniki")]
    [TestCase("Σύμπλεγμα Τροφίμων Κρήτη", "Symplegma Trofimon Kriti")]
    [TestCase("Ένωση Ευρωπαϊκού Μπορεί", "Enosi Evropaikou Mporei")]
    public void Greek_becomes_Latin_by_ELOT_rules(string greek, string latin)
    {
        Assert.That(Scripts.GreekToLatin(greek), Is.EqualTo(latin));
    }

    [TestCase("Düsseldorf Straße", "Dusseldorf Strasse")]
    [TestCase("Łódź Żółć", "Lodz Zolc")]
    [TestCase("Αθήνα", "Αθηνα")]
    [TestCase("plain ascii", "plain ascii")]
    public void Stripping_diacritics_keeps_base_letters(string text, string expected)
    {
        Assert.That(TextNoise.StripDiacritics(text), Is.EqualTo(expected));
    }
}
