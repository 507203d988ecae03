using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public class LegalFormRecognitionTests
{
    private static readonly NameAnalyser Analyser = NameAnalyser.Default;

    [TestCase("Silicon Saxony e.V.", "DE", "Silicon Saxony", "e.V.")]
    [TestCase("Silicon Saxony eV", "DE", "Silicon Saxony", "e.V.")]
    [TestCase("Silicon Saxony e. V.", "DE", "Silicon Saxony", "e.V.")]
    [TestCase("Medical Valley Gemeinnützige GmbH", "DE", "Medical Valley", "gGmbH")]
    [TestCase("BioRegio STERN Management gGmbH", "DE", "BioRegio STERN Management", "gGmbH")]
    [TestCase("Kunststoff-Institut GmbH & Co. KG", "DE", "Kunststoff-Institut", "GmbH & Co. KG")]
    [TestCase("Business Upper Austria - OÖ Wirtschaftsagentur GmbH", "AT", "Business Upper Austria - OÖ Wirtschaftsagentur", "GmbH")]
    [TestCase("Swiss Food Research AG", "CH", "Swiss Food Research", "AG")]
    [TestCase("Moravskoslezský automobilový klastr, z.s.", "CZ", "Moravskoslezský automobilový klastr", "z.s.")]
    [TestCase("Czech Photonics z. s.", "CZ", "Czech Photonics", "z.s.")]
    [TestCase("Klaster Obróbki Metali Sp. z o.o.", "PL", "Klaster Obróbki Metali", "Sp. z o.o.")]
    [TestCase("Clúster de Automoción de Euskadi AIE", "ES", "Clúster de Automoción de Euskadi", "AIE")]
    [TestCase("Innovación Agroalimentaria S.L.", "ES", "Innovación Agroalimentaria", "S.L.")]
    [TestCase("Ohio Aerospace Partners Inc.", "US", "Ohio Aerospace Partners", "Inc.")]
    [TestCase("Drive Oregon LLC", "US", "Drive Oregon", "LLC")]
    [TestCase("Flanders Food asbl", "BE", "Flanders Food", "asbl")]
    [TestCase("Flanders Food vzw", "BE", "Flanders Food", "vzw")]
    [TestCase("Cluster Tecnologico Lombardo S.r.l.", "IT", "Cluster Tecnologico Lombardo", "S.r.l.")]
    [TestCase("Tehnološki park Ljubljana d.o.o.", "SI", "Tehnološki park Ljubljana", "d.o.o.")]
    [TestCase("Klaster Drvo d.o.o.", "HR", "Klaster Drvo", "d.o.o.")]
    [TestCase("Pannon Autóipari Klaszter Kft.", "HU", "Pannon Autóipari Klaszter", "Kft.")]
    [TestCase("Tallinna Tehnoloogiapark OÜ", "EE", "Tallinna Tehnoloogiapark", "OÜ")]
    [TestCase("Suomen Biokaasuyhdistys ry", "FI", "Suomen Biokaasuyhdistys", "ry")]
    [TestCase("Compraser AB", "SE", "Compraser", "AB")]
    [TestCase("Клъстер Мехатроника ООД", "BG", "Клъстер Мехатроника", "ООД")]
    [TestCase("Klaster Mehatronika OOD", "BG", "Klaster Mehatronika", "OOD")]
    [TestCase("Τεχνολογικό Πάρκο Α.Ε.", "GR", "Τεχνολογικό Πάρκο", "Α.Ε.")]
    [TestCase("Danish Wind Industry A/S", "DK", "Danish Wind Industry", "A/S")]
    [TestCase("Brainport Development N.V.", "NL", "Brainport Development", "N.V.")]
    [TestCase("Pôle Mer Méditerranée SAS", "FR", "Pôle Mer Méditerranée", "SAS")]
    [TestCase("Produtech Lda", "PT", "Produtech", "Lda.")]
    [TestCase("Slovenský plastikársky klaster s.r.o.", "SK", "Slovenský plastikársky klaster", "s.r.o.")]
    [TestCase("Norsk Havbruk AS", "NO", "Norsk Havbruk", "AS")]
    [TestCase("Íslenski Sjávarklasinn ehf.", "IS", "Íslenski Sjávarklasinn", "ehf.")]
    [TestCase("Technology Ireland CLG", "IE", "Technology Ireland", "CLG")]
    [TestCase("Northern Powerhouse Ltd", "GB", "Northern Powerhouse", "Ltd")]
    [TestCase("Malta Marittima Ltd", "MT", "Malta Marittima", "Ltd")]
    [TestCase("Luxinnovation asbl", "LU", "Luxinnovation", "asbl")]
    [TestCase("Clusterul Regional ETREC SRL", "RO", "Clusterul Regional ETREC", "SRL")]
    [TestCase("Savunma Sanayi Kümelenmesi A.Ş.", "TR", "Savunma Sanayi Kümelenmesi", "A.Ş.")]
    [TestCase("ИТ Кластер ТОВ", "UA", "ИТ Кластер", "ТОВ")]
    [TestCase("ИКТ Кластер ДООЕЛ", "MK", "ИКТ Кластер", "ДООЕЛ")]
    [TestCase("Klaster Drvo d.o.o.", "BA", "Klaster Drvo", "d.o.o.")]
    [TestCase("Montenegro Tech d.o.o.", "ME", "Montenegro Tech", "d.o.o.")]
    [TestCase("Vojvođanski IKT klaster d.o.o.", "RS", "Vojvođanski IKT klaster", "d.o.o.")]
    [TestCase("Laserinstitut AG", "LI", "Laserinstitut", "AG")]
    [TestCase("Baltic Sea Tech SIA", "LV", "Baltic Sea Tech", "SIA")]
    public void Legal_form_at_the_end_is_recognised_and_removed(string name, string country, string core, string abbreviation)
    {
        var analysis = Analyser.Analyse(name, country);

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo((core, abbreviation)));
    }

    [TestCase("Acme, Inc.", "US", "Acme")]
    [TestCase("Nanotech Cluster, s.r.o.", "CZ", "Nanotech Cluster")]
    [TestCase("Automotive Cluster - GmbH", "DE", "Automotive Cluster")]
    [TestCase("Automotive Cluster (GmbH)", "DE", "Automotive Cluster")]
    public void Separators_before_the_legal_form_are_removed_with_it(string name, string country, string core)
    {
        var analysis = Analyser.Analyse(name, country);

        Assert.That(analysis.Core, Is.EqualTo(core));
    }

    [Test]
    public void Legal_form_before_a_trailing_acronym_is_removed_and_the_acronym_kept()
    {
        var analysis = Analyser.Analyse("Silicon Saxony e.V. (SiSax)", "DE");

        Assert.That(
            (analysis.Core, analysis.LegalForm?.Abbreviation, analysis.MatchingKey),
            Is.EqualTo(("Silicon Saxony (SiSax)", "e.V.", "silicon saxony sisax")));
    }

    [TestCase("АД Кластер Мехатроника и Автоматизация", "BG", "Кластер Мехатроника и Автоматизация", "АД")]
    [TestCase("UAB Lietuvos Lazeriai", "LT", "Lietuvos Lazeriai", "UAB")]
    [TestCase("SIA Latvijas Koks", "LV", "Latvijas Koks", "SIA")]
    [TestCase("AB Volvo", "SE", "Volvo", "AB")]
    [TestCase("Udruženje građana Klaster Zrenjanin", "RS", "Klaster Zrenjanin", "udruženje građana")]
    public void Legal_form_at_the_start_is_recognised_and_removed(string name, string country, string core, string abbreviation)
    {
        var analysis = Analyser.Analyse(name, country);

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo((core, abbreviation)));
    }

    [Test]
    public void Legal_form_is_not_looked_for_at_the_start_where_forms_trail()
    {
        var analysis = Analyser.Analyse("Co Lab Cluster", "US");

        Assert.That(analysis.LegalForm, Is.Null);
    }

    [TestCase("Ohio Aerospace Association", "US")]
    [TestCase("Stowarzyszenie Klaster Edukacyjny", "PL")]
    [TestCase("Klaster Edukacyjny Stowarzyszenie", "PL")]
    [TestCase("Udruženje Klaster Zrenjanin", "RS")]
    [TestCase("Automobil Cluster Verein", "AT")]
    [TestCase("Fundación Cluster Aeroespacial Fundación", "ES")]
    [TestCase("Associazione Distretto Tecnologico Associazione", "IT")]
    [TestCase("Wood Cluster Cooperative", "US")]
    public void Generic_organisation_nouns_are_never_stripped(string name, string country)
    {
        var analysis = Analyser.Analyse(name, country);

        Assert.That((analysis.Core, analysis.LegalForm), Is.EqualTo((name, (global::ClusterSync.Core.Records.LegalForm?)null)));
    }

    [Test]
    public void Multi_word_legal_form_ending_in_a_generic_noun_is_stripped()
    {
        var analysis = Analyser.Analyse("Solarcluster eingetragener Verein", "DE");

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo(("Solarcluster", "e.V.")));
    }

    [TestCase("GmbH", "DE")]
    [TestCase("The Company", "US")]
    [TestCase("Association sans but lucratif", "BE")]
    public void Name_that_is_only_a_legal_form_keeps_it(string name, string country)
    {
        var analysis = Analyser.Analyse(name, country);

        Assert.That((analysis.Core, analysis.LegalForm), Is.EqualTo((name, (global::ClusterSync.Core.Records.LegalForm?)null)));
    }

    [Test]
    public void Longest_legal_form_wins()
    {
        var analysis = Analyser.Analyse("Plastics Cluster GmbH & Co. KG", "DE");

        Assert.That((analysis.Core, analysis.LegalForm?.ElfCode), Is.EqualTo(("Plastics Cluster", "8Z6G")));
    }

    [Test]
    public void Legal_form_carries_its_ELF_code_and_country()
    {
        var analysis = Analyser.Analyse("Medical Valley GmbH", "DE");

        Assert.That(analysis.LegalForm, Is.EqualTo(new global::ClusterSync.Core.Records.LegalForm("GmbH", "2HBR", "DE")));
    }

    [Test]
    public void Legal_form_with_several_codes_in_its_country_has_no_ELF_code()
    {
        var analysis = Analyser.Analyse("Ball Aerospace & Technologies Corp.", "US");

        Assert.That(analysis.LegalForm, Is.EqualTo(new global::ClusterSync.Core.Records.LegalForm("Corp.", null, "US")));
    }

    [Test]
    public void Legal_form_spelled_out_is_written_as_its_abbreviation()
    {
        var analysis = Analyser.Analyse("Nanotech Společnost s ručením omezeným", "CZ");

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo(("Nanotech", "s.r.o.")));
    }

    [Test]
    public void Country_code_is_read_case_insensitively_and_EL_means_Greece()
    {
        var analysis = Analyser.Analyse("Τεχνολογικό Πάρκο ΑΕ", "el");

        Assert.That(analysis.LegalForm, Is.EqualTo(new global::ClusterSync.Core.Records.LegalForm("Α.Ε.", "W2NK", "GR")));
    }

    [Test]
    public void Foreign_abbreviation_is_recognised_when_written_with_dots()
    {
        var analysis = Analyser.Analyse("Automobil-Cluster e.V.", "AT");

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo(("Automobil-Cluster", "e.V.")));
    }

    [Test]
    public void Foreign_abbreviation_of_three_letters_is_recognised()
    {
        var analysis = Analyser.Analyse("Microsoft Development Inc", "RS");

        Assert.That(analysis.LegalForm, Is.EqualTo(new global::ClusterSync.Core.Records.LegalForm("Inc.", null, "US")));
    }

    [Test]
    public void Foreign_bare_two_letter_abbreviation_is_not_recognised()
    {
        var analysis = Analyser.Analyse("Baltic Cluster AB", "DE");

        Assert.That((analysis.Core, analysis.LegalForm), Is.EqualTo(("Baltic Cluster AB", (global::ClusterSync.Core.Records.LegalForm?)null)));
    }

    [Test]
    public void Any_country_abbreviation_is_recognised_when_the_country_is_unknown()
    {
        var analysis = Analyser.Analyse("Baltic Cluster AB", null);

        Assert.That((analysis.Core, analysis.LegalForm?.Abbreviation), Is.EqualTo(("Baltic Cluster", "AB")));
    }

    [Test]
    public void Matching_key_leaves_out_the_legal_form()
    {
        var analysis = Analyser.Analyse("Pôle Véhicule du Futur, S.A.S.", "FR");

        Assert.That(analysis.MatchingKey, Is.EqualTo("pole vehicule du futur"));
    }

    [Test]
    public void Display_keeps_the_legal_form()
    {
        var analysis = Analyser.Analyse("  Drive  Oregon LLC ", "US");

        Assert.That(analysis.Display, Is.EqualTo("Drive Oregon LLC"));
    }

    [Test]
    public void Name_without_legal_form_has_the_display_as_core()
    {
        var analysis = Analyser.Analyse("Cluster for Unmanned Vehicles and Robotics", "US");

        Assert.That((analysis.Core, analysis.LegalForm), Is.EqualTo((analysis.Display, (global::ClusterSync.Core.Records.LegalForm?)null)));
    }

    [Test]
    public void Empty_name_analyses_to_empty_parts()
    {
        var analysis = Analyser.Analyse(" \u200B ", null);

        Assert.That(analysis, Is.EqualTo(new NameAnalysis("", "", null, "", "")));
    }

    [Test]
    public void Analyse_rejects_null()
    {
        Assert.That(() => Analyser.Analyse(null!, "DE"), Throws.ArgumentNullException);
    }
}
