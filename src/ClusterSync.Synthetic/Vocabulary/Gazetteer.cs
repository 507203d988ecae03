using System.Globalization;
using ClusterSync.Synthetic.Generation;

namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>A populated place from GeoNames.</summary>
internal sealed record City(
    int Index, string Name, string AsciiName, string Country, string Admin1, string Region,
    double Latitude, double Longitude, int Population);

/// <summary>The cities of one country, picked with weight √population so small towns still get organisations.</summary>
internal sealed class CountryCities(string country, City[] cities)
{
    public string Country { get; } = country;

    public City[] Cities { get; } = cities;

    public Weighted<City> Picker { get; } = new(cities.Select(c => (c, Math.Sqrt(c.Population))));

    public Dictionary<string, City[]> ByRegion { get; } =
        cities.GroupBy(c => c.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}

/// <summary>Cities by country and the local-language names of cities and regions.</summary>
internal sealed class Gazetteer
{
    private readonly Dictionary<string, CountryCities> _byCountry;
    private readonly Dictionary<string, string> _localNames;

    private Gazetteer(List<City> cities, Dictionary<string, string> localNames)
    {
        Cities = cities;
        _byCountry = cities.GroupBy(c => c.Country, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CountryCities(g.Key, g.ToArray()), StringComparer.Ordinal);
        _localNames = localNames;
    }

    public IReadOnlyList<City> Cities { get; }

    public static Gazetteer Load()
    {
        var cities = new List<City>();
        foreach (var row in ResourceTable.Read("geo/cities.csv"))
        {
            cities.Add(new City(
                cities.Count, row[1], row[2], row[3], row[4], row[5],
                double.Parse(row[6], CultureInfo.InvariantCulture),
                double.Parse(row[7], CultureInfo.InvariantCulture),
                int.Parse(row[8], CultureInfo.InvariantCulture)));
        }

        var local = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in ResourceTable.Read("geo/local-names.tsv"))
        {
            local[Key(row[0], row[1], row[2], row[3])] = row[4];
        }

        return new Gazetteer(cities, local);
    }

    public CountryCities In(string country) =>
        _byCountry.TryGetValue(country, out var cities)
            ? cities
            : throw new InvalidDataException($"No city of country {country} in the gazetteer.");

    public bool HasCountry(string country) => _byCountry.ContainsKey(country);

    /// <summary>The city's name in a language, or null when the gazetteer knows no local form.</summary>
    public string? LocalCityName(City city, string language) =>
        _localNames.GetValueOrDefault(Key(city.Country, "city", city.Name, language));

    public string? LocalRegionName(City city, string language) =>
        _localNames.GetValueOrDefault(Key(city.Country, "region", city.Region, language));

    private static string Key(string country, string kind, string name, string language) =>
        string.Concat(country, "|", kind, "|", name, "|", language);
}
