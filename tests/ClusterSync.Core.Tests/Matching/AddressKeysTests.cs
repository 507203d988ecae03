using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Tests.Matching;

public class AddressKeysTests
{
    [TestCase("Hauptstraße 5", "Hauptstr. 5")]
    [TestCase("Berliner Straße 12", "Berliner Str. 12")]
    [TestCase("435 South La Cienega Boulevard", "435 S. La Cienega Blvd.")]
    [TestCase("12 Main Street, Suite 4", "12 Main St, Ste 4")]
    [TestCase("Calle Mayor 20", "C/ Mayor 20")]
    [TestCase("Avenida de Europa 3", "Avda. de Europa 3")]
    [TestCase("Parque Tecnológico Walqa, 5", "P.T. Walqa, 5")]
    [TestCase("Viale Roma 3", "V.le Roma 3")]
    [TestCase("Praça da Liberdade, 4", "Pç. da Liberdade, 4")]
    [TestCase("303 boulevard de Paris", "303 bd de Paris")]
    [TestCase("ul. Długa 5/3", "Długa 5/3")]
    [TestCase("Kerkstraat 3", "Kerkstr. 3")]
    [TestCase("Storgatan 4", "Storg. 4")]
    [TestCase("Storgata 4", "Storgt. 4")]
    [TestCase("Hämeentie 3", "Hämeent. 3")]
    [TestCase("Náměstí Míru 4", "nám. Míru 4")]
    [TestCase("Λεωφόρος Συγγρού 12", "Λεωφ. Συγγρού 12")]
    public void A_street_written_in_full_and_abbreviated_has_one_key(string full, string abbreviated) =>
        Assert.That(AddressKeys.Street(abbreviated), Is.EqualTo(AddressKeys.Street(full)));

    [TestCase("Hauptstraße 5", "Hauptweg 5")]
    [TestCase("12 Main Street", "12 Main Avenue")]
    [TestCase("Gate 7", "Gt 7")]
    public void Different_streets_keep_different_keys(string a, string b) =>
        Assert.That(AddressKeys.Street(a), Is.Not.EqualTo(AddressKeys.Street(b)));

    [TestCase(null)]
    [TestCase("  ")]
    [TestCase("ul.")]
    public void A_street_of_nothing_but_blanks_or_a_street_word_has_no_key(string? street) =>
        Assert.That(AddressKeys.Street(street), Is.Null);

    [TestCase("Saint Louis", "St. Louis")]
    [TestCase("Sankt Gallen", "St. Gallen")]
    [TestCase("Fort Worth", "Ft. Worth")]
    [TestCase("Mount Vernon", "Mt Vernon")]
    [TestCase("West Hollywood", "W. Hollywood")]
    [TestCase("Colorado Springs", "Colorado Spgs")]
    [TestCase("Sainte-Foy", "Ste-Foy")]
    public void A_locality_written_in_full_and_abbreviated_has_one_key(string full, string abbreviated) =>
        Assert.That(AddressKeys.Locality(abbreviated), Is.EqualTo(AddressKeys.Locality(full)));

    [TestCase("San Jose", "St Jose")]
    [TestCase("Frankfurt", "Fort")]
    public void Different_localities_keep_different_keys(string a, string b) =>
        Assert.That(AddressKeys.Locality(a), Is.Not.EqualTo(AddressKeys.Locality(b)));

    [Test]
    public void A_locality_abbreviated_is_the_same_place_where_its_folded_text_alone_is_not()
    {
        // "ft worth" and "fort worth" are too far apart for the locality comparison's Jaro-Winkler threshold.
        Assert.That(JaroWinkler.Similarity("ft worth", "fort worth"), Is.LessThan(0.92));
        Assert.That(PlaceComparisons.CityMatch(In("Fort Worth", 1), In("Ft. Worth", 2)), Is.EqualTo(1));
    }

    [TestCase("12 main st", "14 main st", true)]
    [TestCase("unit 5 king business park", "unit 7 king business park", true)]
    [TestCase("12 main st", "12 main st ste 4", false)]
    [TestCase("dluga 5", "dluga 5 3", false)]
    [TestCase("main st", "14 main st", false)]
    [TestCase("main st", "main av", false)]
    [TestCase("120 main st", "12 main st", true)]
    public void House_numbers_conflict_only_when_both_have_some_and_share_none(string a, string b, bool conflict)
    {
        Assert.That(AddressKeys.NumbersConflict(a, b), Is.EqualTo(conflict));
        Assert.That(AddressKeys.NumbersConflict(b, a), Is.EqualTo(conflict));
    }

    [Test]
    public void Two_house_numbers_on_one_street_are_at_most_a_similar_street_and_one_number_written_two_ways_is_the_same()
    {
        Assert.Multiple(() =>
        {
            // Nearly the same text, two addresses: without the house-number check this is "very similar" (2).
            Assert.That(PlaceComparisons.StreetLevel(At("123 Innovation Boulevard"), At("125 Innovation Boulevard")), Is.EqualTo(1));
            Assert.That(PlaceComparisons.StreetLevel(At("123 Innovation Boulevard"), At("123 Innovation Blvd.")), Is.EqualTo(3));
            Assert.That(PlaceComparisons.StreetLevel(At("123 Innovation Boulevard"), At("123 Inovation Blvd")), Is.EqualTo(2));
        });
    }

    [Test]
    public void The_table_gives_no_folded_word_two_forms()
    {
        var table = CsvTable.Parse("kind,canonical,variants,languages\nword,st,street|str,en\nword,sq,square|str,en\n");
        Assert.That(() => AddressWords.Parse(table), Throws.TypeOf<FormatException>().With.Message.Contains("'str'"));
        Assert.That(AddressKeys.Street("Market Square 1"), Is.EqualTo("market sq 1"), "the embedded table loads");
    }

    [Test]
    public void An_unknown_kind_in_the_table_is_refused()
    {
        var table = CsvTable.Parse("kind,canonical,variants,languages\nprefix,st,street,en\n");
        Assert.That(() => AddressWords.Parse(table), Throws.TypeOf<FormatException>().With.Message.Contains("unknown kind 'prefix'"));
    }

    /// <summary>A record in <paramref name="locality"/>, interned as <paramref name="id"/> (two ids: the keys decide).</summary>
    private static RecordFeatures In(string locality, int id) => new()
    {
        Key = new SourceRecordKey("test", locality),
        NameKey = "x",
        Tokens = [],
        AltTokens = [],
        PlaceTokens = [],
        AltKeys = [],
        Initials = "",
        Sectors = [],
        City = id,
        CityKey = AddressKeys.Locality(locality),
    };

    private static RecordFeatures At(string street) => new()
    {
        Key = new SourceRecordKey("test", street),
        NameKey = "x",
        Tokens = [],
        AltTokens = [],
        PlaceTokens = [],
        AltKeys = [],
        Initials = "",
        Sectors = [],
        StreetKey = AddressKeys.Street(street),
    };
}
