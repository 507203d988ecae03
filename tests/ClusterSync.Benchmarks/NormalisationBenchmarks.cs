using System.Globalization;
using BenchmarkDotNet.Attributes;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;

namespace ClusterSync.Benchmarks;

/// <summary>
/// Normalisation throughput on 1,000 varied organisations, half shaped like U.S. registry rows and
/// half like European platform profiles. Each benchmark reports the cost of one record.
/// </summary>
[MemoryDiagnoser]
public class NormalisationBenchmarks
{
    private const int Count = 1000;

    private static readonly string[] UsStates = ["Ohio", "CA", "Texas", "NY", "Michigan", "WA", "Georgia", "MA", "North Carolina", "CO"];
    private static readonly string[] UsAreaCodes = ["614", "415", "512", "212", "313", "206", "404", "617", "919", "303"];
    private static readonly string[] UsTypes = ["Regional Cluster Initiative", "Industry Association", "Business Incubator", "University Outreach/Tech Transfer"];
    private static readonly string[] NaicsCodes = ["336411", "325412", "541511", "311421", "334413", "921110"];

    private static readonly (string Country, string Nuts, string Phone, string Tld)[] Europe =
    [
        ("Deutschland", "DE21", "+49 89 {0} {1}", "de"),
        ("FR", "FR10", "01 {0} {1}", "fr"),
        ("España", "ES51", "+34 93 {0} {1}", "es"),
        ("Polska", "PL91", "22 {0} {1}", "pl"),
        ("Ελλάδα", "EL30", "210 {0} {1}", "gr"),
        ("Србија", "RS11", "011 {0} {1}", "rs"),
        ("Österreich", "AT13", "+43 1 {0} {1}", "at"),
        ("ITA", "ITC4", "02 {0} {1}", "it"),
        ("Česká republika", "CZ01", "+420 2 {0} {1}", "cz"),
        ("Suomi", "FI1B", "09 {0} {1}", "fi"),
    ];

    private static readonly string[] Ecosystems = ["Aerospace & Defence", "Digital", "Health", "Agrifood", "Renewable Energy", "Textiles", "Mobility, Transport, Automotive"];
    private static readonly string[] NaceCodes = ["62.01", "J62.01", "3030", "21.20", "C10.51", "28", "72.19"];

    private readonly OrganisationNormaliser _normaliser = OrganisationNormaliser.Default;
    private RawOrganisation[] _organisations = [];
    private SourceRecord[] _records = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250301);
        _organisations = [.. Enumerable.Range(0, Count).Select(i => i % 2 == 0 ? UsOrganisation(i, random) : EuropeanOrganisation(i, random))];
        _records = [.. _organisations.Select(o => _normaliser.Normalise(o).Record).OfType<SourceRecord>()];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int NormaliseOrganisation()
    {
        var accepted = 0;
        foreach (var organisation in _organisations)
        {
            if (!_normaliser.Normalise(organisation).IsQuarantined)
            {
                accepted++;
            }
        }

        return accepted;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ContentHashOnly()
    {
        var length = 0;
        foreach (var record in _records)
        {
            length += RecordJson.ComputeContentHash(record).Length;
        }

        return length;
    }

    private static RawOrganisation UsOrganisation(int i, Random random)
    {
        var state = UsStates[i % UsStates.Length];
        var slug = $"cluster{i}";
        return new RawOrganisation
        {
            Source = "us-cluster-mapping",
            SourceId = i.ToString(CultureInfo.InvariantCulture),
            SourceUrl = $"http://clustermapping.example/organization/{slug}",
            Name = $"{state} Advanced Manufacturing Partnership {i}",
            OrganisationType = UsTypes[i % UsTypes.Length],
            Locality = "Springfield",
            Region = state,
            PostalCode = random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
            DefaultCountry = "US",
            Latitude = (30 + (random.NextDouble() * 15)).ToString("F6", CultureInfo.InvariantCulture),
            Longitude = (-120 + (random.NextDouble() * 45)).ToString("F6", CultureInfo.InvariantCulture),
            Phone = $"({UsAreaCodes[i % UsAreaCodes.Length]}) {random.Next(200, 999)}-{random.Next(1000, 9999)}",
            Website = i % 3 == 0 ? $"www.{slug}.org" : $"https://www.{slug}.com/about/?utm_source=registry",
            Email = i % 4 == 0 ? $"jane.doe{i}@gmail.com" : $"info@{slug}.org",
            ContactName = $"Jane Doe {i}",
            YearFounded = (1950 + (i % 70)).ToString(CultureInfo.InvariantCulture),
            Sectors =
            [
                new RawSector("us-cluster", (1 + (i % 51)).ToString("00", CultureInfo.InvariantCulture)),
                new RawSector("naics2012", NaicsCodes[i % NaicsCodes.Length]),
            ],
        };
    }

    private static RawOrganisation EuropeanOrganisation(int i, Random random)
    {
        var (country, nuts, phone, tld) = Europe[i % Europe.Length];
        var slug = $"klaster-{i}";
        return new RawOrganisation
        {
            Source = "eccp",
            SourceId = $"node-{i}",
            Name = $"Cluster Innovación Tecnológica {i} e.V.",
            Acronym = $"CIT{i}",
            AlternateNames = [$"Technology Innovation Cluster {i}"],
            LegalForm = "e.V.",
            OrganisationType = "Cluster organisation",
            Street = $"Hauptstraße {i % 200}",
            Locality = "Città",
            Region = nuts,
            PostalCode = random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
            Country = country,
            Latitude = (40 + (random.NextDouble() * 20)).ToString("F5", CultureInfo.InvariantCulture),
            Longitude = (-5 + (random.NextDouble() * 30)).ToString("F5", CultureInfo.InvariantCulture),
            Phone = string.Format(CultureInfo.InvariantCulture, phone, random.Next(100, 999), random.Next(1000, 9999)),
            Website = i % 5 == 0 ? $"http://www.{slug}.{tld}/" : $"{slug}.{tld}",
            Email = $"office@{slug}.{tld}",
            ContactName = $"Ana Petrović {i}",
            YearFounded = $"{1990 + (i % 35)}-01-01",
            Members = new MemberCounts(40 + (i % 100), 30, 5, 3, 2),
            Labels = i % 3 == 0 ? ["ESCA Gold label"] : ["Bronze"],
            Partnerships = ["ESCP-4i", "Euroclusters"],
            Sectors =
            [
                new RawSector("eu-ecosystem", Ecosystems[i % Ecosystems.Length]),
                new RawSector("nace2", NaceCodes[i % NaceCodes.Length]),
            ],
        };
    }
}
