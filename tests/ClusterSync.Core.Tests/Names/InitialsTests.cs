using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Core.Tests.Names;

public class InitialsTests
{
    [TestCase("Cluster for Unmanned Vehicles and Robotics", "US", "cuvr")]
    [TestCase("Verband der Automobilindustrie und Zulieferer für Sachsen", "DE", "vazs")]
    [TestCase("Pôle de Compétitivité des Industries du Commerce et la Logistique", "FR", "pcicl")]
    [TestCase("Asociación Clúster de la Industria del Automóvil y Movilidad", "ES", "aciam")]
    [TestCase("Distretto Tecnologico della Regione di Sicilia e Puglia", "IT", "dtrsp")]
    [TestCase("Associação para o Desenvolvimento das Energias do Mar", "PT", "adem")]
    [TestCase("Vereniging van Bedrijven voor Hightech en Energie", "NL", "vbhe")]
    [TestCase("Klaster Technologii dla Zdrowia i Środowiska w Polsce", "PL", "ktzsp")]
    [TestCase("Asociace pro Inovace a Technologie ve Strojírenství", "CZ", "aits")]
    [TestCase("Klaster za informacione tehnologije i inovacije", "RS", "kiti")]
    [TestCase("Σύνδεσμος Επιχειρήσεων Πληροφορικής της Ελλάδος", "GR", "sepe")]
    public void Initials_skip_stop_words(string name, string country, string expected)
    {
        var analysis = NameAnalyser.Default.Analyse(name, country);

        Assert.That(analysis.Initials, Is.EqualTo(expected));
    }

    [Test]
    public void Initials_keep_all_digits_of_a_number()
    {
        var analysis = NameAnalyser.Default.Analyse("Cluster 2030 Energy Storage", "US");

        Assert.That(analysis.Initials, Is.EqualTo("c2030es"));
    }

    [Test]
    public void Initials_leave_out_the_legal_form()
    {
        var analysis = NameAnalyser.Default.Analyse("Silicon Saxony e.V.", "DE");

        Assert.That(analysis.Initials, Is.EqualTo("ss"));
    }

    [Test]
    public void Initials_of_stop_words_only_are_empty()
    {
        var analysis = NameAnalyser.Default.Analyse("Of The And", "US");

        Assert.That(analysis.Initials, Is.Empty);
    }
}
