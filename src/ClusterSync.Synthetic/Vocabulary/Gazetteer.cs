using System.Globalization;
using ClusterSync.Synthetic.Generation;

namespace ClusterSync.Synthetic.Vocabulary;

/// <summary>A populated place from GeoNames.</summary>
internal sealed record City(
    int Index, string Name, string AsciiName, string Country, string Admin1, string Region,
    double Latitude, double Longitude, int Population)
{
    /// <summary>Local names of the city, indexed like <see cref="Languages.All"/>; null where GeoNames' name is used.</summary>
    public string?[] LocalNames { get; } = new string?[Languages.All.Length];

    /// <summary>Local names of the city's region, indexed like <see cref="Languages.All"/>.</summary>
    public string?[] LocalRegionNames { get; } = new string?[Languages.All.Length];
}

/// <summary>The cities of one country, picked with weight population^⅓: big cities host more organisations, towns still get some.</summary>
internal sealed class CountryCities(string country, City[] cities)
{
    public string Country { get; } = country;

    public City[] Cities { get; } = cities;

    public Weighted<City> Picker { get; } = new(cities.Select(c => (c, Math.Pow(c.Population, 0.33))));

    public Dictionary<string, City[]> ByRegion { get; } =
        cities.GroupBy(c => c.Region, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
}

/// <summary>Cities by country and the local-language names of cities and regions.</summary>
internal sealed class Gazetteer
{
    private readonly Dictionary<string, CountryCities> _byCountry;

    private Gazetteer(List<City> cities)
    {
        Cities = cities;
        _byCountry = cities.GroupBy(c => c.Country, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CountryCities(g.Key, g.ToArray()), StringComparer.Ordinal);
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

        foreach (var row in ResourceTable.Read("geo/local-names.tsv"))
        {
            var language = Array.IndexOf(Languages.All, row[3]);
            foreach (var city in cities)
            {
                if (language >= 0 && city.Country == row[0])
                {
                    if (row[1] == "city" && city.Name == row[2])
                    {
                        city.LocalNames[language] = row[4];
                    }
                    else if (row[1] == "region" && city.Region == row[2])
                    {
                        city.LocalRegionNames[language] = row[4];
                    }
                }
            }
        }

        return new Gazetteer(cities);
    }

    public CountryCities In(string country) =>
        _byCountry.TryGetValue(country, out var cities)
            ? cities
            : throw new InvalidDataException($"No city of country {country} in the gazetteer.");

    public bool HasCountry(string country) => _byCountry.ContainsKey(country);

    /// <summary>The city's name in a language, or null when the gazetteer knows no local form.</summary>
    public string? LocalCityName(City city, string language) => city.LocalNames[Languages.IndexOf(language)];

    public string? LocalRegionName(City city, string language) => city.LocalRegionNames[Languages.IndexOf(language)];
}
