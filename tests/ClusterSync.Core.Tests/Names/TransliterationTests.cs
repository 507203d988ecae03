using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public class TransliterationTests
{
    [TestCase("RS")]
    [TestCase(null)]
    public void Serbian_Cyrillic_and_Serbian_Latin_give_the_same_key(string? country)
    {
        var cyrillic = NameAnalyser.Fold("Кластер за информационе технологије Ђорђе", country);

        var latin = NameAnalyser.Fold("Klaster za informacione tehnologije Đorđe", country);

        Assert.That(cyrillic, Is.EqualTo(latin));
    }

    [TestCase("Љубљана Њива Џеп Ћуприја Жича Шабац Хоргош Чачак", "ljubljana njiva dzep cuprija zica sabac horgos cacak")]
    [TestCase("ЂУРЂЕВДАН", "djurdjevdan")]
    public void Serbian_letters_fold_like_their_Latin_counterparts(string text, string expected)
    {
        var key = NameAnalyser.Fold(text, "RS");

        Assert.That(key, Is.EqualTo(expected));
    }

    [Test]
    public void Serbian_rules_apply_to_Bosnian_and_Montenegrin_records()
    {
        var bosnian = NameAnalyser.Fold("Хемијски Центар", "BA");

        var montenegrin = NameAnalyser.Fold("Хемијски Центар", "ME");

        Assert.That(new[] { bosnian, montenegrin }, Is.All.EqualTo("hemijski centar"));
    }

    [TestCase("MK")]
    [TestCase(null)]
    public void Macedonian_letters_follow_the_Macedonian_romanisation(string? country)
    {
        var key = NameAnalyser.Fold("Ѓорѓи Ќерка Ѕвезда Љубов Њива Џамија", country);

        Assert.That(key, Is.EqualTo("gjorgji kjerka dzvezda ljubov njiva dzamija"));
    }

    [TestCase("Щастие", "shtastie")]
    [TestCase("ЩЕ", "shte")]
    [TestCase("Ъгъл", "agal")]
    [TestCase("Юг Ябълка", "yug yabalka")]
    [TestCase("Желязо ЖЕЛЯЗО", "zhelyazo zhelyazo")]
    [TestCase("Хасково Цанков Чепеларе Шумен Йордан Пловдивь", "haskovo tsankov chepelare shumen yordan plovdivy")]
    [TestCase("България София", "balgaria sofia")]
    public void Bulgarian_follows_the_streamlined_system(string text, string expected)
    {
        var key = NameAnalyser.Fold(text, "BG");

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Київ", "kyiv")]
    [TestCase("Запоріжжя", "zaporizhzhia")]
    [TestCase("Згорани", "zghorany")]
    [TestCase("Юрій Яготин Єнакієве Їжакевич Йосипівка", "yurii yahotyn yenakiieve yizhakevych yosypivka")]
    [TestCase("Харків Щербухи Ґалаґан", "kharkiv shcherbukhy galagan")]
    [TestCase("Мар'янівка", "marianivka")]
    public void Ukrainian_follows_the_national_system(string text, string expected)
    {
        var key = NameAnalyser.Fold(text, "UA");

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Москва Химки", "moskva khimki")]
    [TestCase("Щёлково Объединение", "shchelkovo obedinenie")]
    [TestCase("ЦЕНТР ЧЕРНОГОЛОВКА", "tsentr chernogolovka")]
    public void Other_Cyrillic_follows_common_rules(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [Test]
    public void Greek_follows_ELOT_743()
    {
        var key = NameAnalyser.Fold("Σύνδεσμος Επιχειρήσεων Πληροφορικής Ελλάδος", "GR");

        Assert.That(key, Is.EqualTo("syndesmos epicheiriseon pliroforikis ellados"));
    }

    [TestCase("ΑΘΗΝΑ", "athina")]
    [TestCase("ΘΕΣΣΑΛΟΝΙΚΗ", "thessaloniki")]
    [TestCase("Ψυχή Ξάνθη", "psychi xanthi")]
    public void Greek_upper_case_folds_like_lower_case(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Ευρώπη", "evropi")]
    [TestCase("Παύλος", "pavlos")]
    [TestCase("ηύρα", "ivra")]
    [TestCase("αυτό", "afto")]
    [TestCase("ευχαριστώ", "efcharisto")]
    [TestCase("ΕΥΚΑΙΡΙΑ", "efkairia")]
    [TestCase("Ζευς", "zefs")]
    public void Greek_au_eu_iu_become_v_before_voiced_letters_and_f_otherwise(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("Αϋπνία", "aypnia")]
    [TestCase("Πρωτεΐνη", "proteini")]
    public void Greek_diaeresis_keeps_vowels_apart(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [TestCase("ΜΠΑΜΠΗΣ", "bampis")]
    [TestCase("Μπουρνάζι", "bournazi")]
    [TestCase("Άγγελος Σφίγξ Μελαγχολία", "angelos sfinx melancholia")]
    [TestCase("Αγκώνας", "agkonas")]
    [TestCase("Ουρανός", "ouranos")]
    public void Greek_digraphs_follow_ELOT_743(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }

    [Test]
    public void Greek_polytonic_letters_fold_like_monotonic_ones()
    {
        var key = NameAnalyser.Fold("Ἀθῆναι Εὐρώπη");

        Assert.That(key, Is.EqualTo("athinai evropi"));
    }

    [TestCase("東京", "dongjing")]
    [TestCase("Москва", "moskva")]
    [TestCase("서울", "seoul")]
    [TestCase("トヨタ", "toyota")]
    public void Other_scripts_are_transliterated(string text, string expected)
    {
        var key = NameAnalyser.Fold(text);

        Assert.That(key, Is.EqualTo(expected));
    }
}
