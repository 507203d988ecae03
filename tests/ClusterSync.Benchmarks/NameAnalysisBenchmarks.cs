using BenchmarkDotNet.Attributes;
using ClusterSync.Core.Normalisation.Names;

namespace ClusterSync.Benchmarks;

/// <summary>
/// Name cleaning, folding and analysis over a realistic mix of cluster-organisation names: mostly
/// Latin script (two thirds plain ASCII), a quarter with legal forms, some Cyrillic and Greek.
/// Each benchmark processes every name once; figures are per name.
/// </summary>
[MemoryDiagnoser]
[OperationsPerSecond]
public class NameAnalysisBenchmarks
{
    private const int NameCount = 64;

    private static readonly (string Name, string? Country)[] Names =
    [
        ("Cluster for Unmanned Vehicles and Robotics", "US"),
        ("Ohio Aerospace Institute", "US"),
        ("Ball Aerospace & Technologies Corp.", "US"),
        ("Colorado Association For Manufacturing And Technology", "US"),
        ("Maine's North Star Alliance Initiative", "US"),
        ("Sierra Nevada Corporation", "US"),
        ("New York Battery and Energy Storage Technology Consortium", "US"),
        ("Drive Oregon LLC", "US"),
        ("Interoperability & Integration Innovation Lab (I3L)", "US"),
        ("Florida High Tech Corridor", "US"),
        ("Austin Technology Incubator", "US"),
        ("Kentucky Highlands Investment Corporation", "US"),
        ("Mid-Oregon Production Arts Network", "US"),
        ("Massachusetts Medical Device Industry Council", "US"),
        ("BioFlorida", "US"),
        ("The Water Council", "US"),
        ("Silicon Saxony e.V.", "DE"),
        ("Medical Valley EMN e.V. (MVE)", "DE"),
        ("Bayern Innovativ Gesellschaft für Innovation und Wissenstransfer mbH", "DE"),
        ("Kunststoff-Cluster GmbH & Co. KG", "DE"),
        ("Automobil-Cluster Oberösterreich", "AT"),
        ("Swiss Food Research AG", "CH"),
        ("Pôle Véhicule du Futur", "FR"),
        ("Pôle Mer Méditerranée SAS", "FR"),
        ("Flanders Food vzw", "BE"),
        ("Luxinnovation asbl", "LU"),
        ("Brainport Development N.V.", "NL"),
        ("Clúster de Automoción de Euskadi AIE", "ES"),
        ("Basque Energy Cluster", "ES"),
        ("Distretto Ligure delle Tecnologie Marine Scarl", "IT"),
        ("Cluster Tecnologico Nazionale Fabbrica Intelligente", "IT"),
        ("Produtech - Pólo das Tecnologias de Produção", "PT"),
        ("Klaster Obróbki Metali Sp. z o.o.", "PL"),
        ("Stowarzyszenie Klaster Edukacyjny", "PL"),
        ("Moravskoslezský automobilový klastr, z.s.", "CZ"),
        ("Slovenský plastikársky klaster", "SK"),
        ("Pannon Autóipari Klaszter Kft.", "HU"),
        ("Tehnološki park Ljubljana d.o.o.", "SI"),
        ("Klaster Drvo d.o.o.", "HR"),
        ("Vojvođanski IKT klaster", "RS"),
        ("Кластер за информационе технологије Ђорђе", "RS"),
        ("Udruženje građana Klaster Zrenjanin", "RS"),
        ("ИКТ Кластер ДООЕЛ", "MK"),
        ("Клъстер Мехатроника и Автоматизация ООД", "BG"),
        ("АД Клъстер Информационни и Комуникационни Технологии", "BG"),
        ("Σύνδεσμος Επιχειρήσεων Πληροφορικής Ελλάδος", "GR"),
        ("Τεχνολογικό Πάρκο Θεσσαλονίκης Α.Ε.", "GR"),
        ("Громадська організація ІТ Кластер Харкова", "UA"),
        ("Estonian ICT Cluster MTÜ", "EE"),
        ("SIA Latvijas Kokrūpniecības Klasteris", "LV"),
        ("UAB Lietuvos Lazerių Klasteris", "LT"),
        ("Suomen Biokaasuyhdistys ry", "FI"),
        ("Compraser Sverige AB", "SE"),
        ("Energy Cluster Denmark A/S", "DK"),
        ("Norsk Havbruksklynge AS", "NO"),
        ("Íslenski Sjávarklasinn ehf.", "IS"),
        ("Technology Ireland CLG", "IE"),
        ("Northern Powerhouse Partnership Ltd", "GB"),
        ("Savunma Sanayi Kümelenmesi A.Ş.", "TR"),
        ("Clusterul Regional Inovativ de Tehnologii Emergente", "RO"),
        ("Malta Marittima Agency", "MT"),
        ("Cyprus Marine and Maritime Institute", "CY"),
        ("European Cluster Collaboration Platform", null),
        ("Innovation Norway Trust", "NO"),
    ];

    [GlobalSetup]
    public void LoadResources()
    {
        if (Names.Length != NameCount)
        {
            throw new InvalidOperationException($"{nameof(NameCount)} must be {Names.Length}.");
        }

        NameAnalyser.Default.Analyse("Warm-up GmbH", "DE");
    }

    [Benchmark(OperationsPerInvoke = NameCount)]
    public int Clean()
    {
        var length = 0;
        foreach (var (name, _) in Names)
        {
            length += NameAnalyser.Clean(name).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = NameCount)]
    public int Fold()
    {
        var length = 0;
        foreach (var (name, country) in Names)
        {
            length += NameAnalyser.Fold(name, country).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = NameCount)]
    public int Analyse()
    {
        var length = 0;
        foreach (var (name, country) in Names)
        {
            length += NameAnalyser.Default.Analyse(name, country).MatchingKey.Length;
        }

        return length;
    }
}
