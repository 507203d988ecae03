using ClusterSync.Synthetic.Noise;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>The script a record's text fields are written in.</summary>
internal enum Script
{
    Latin,
    Cyrillic,
    Greek,
}

/// <summary>City and region names as an organisation of a given language writes them.</summary>
internal sealed class PlaceNames(Gazetteer gazetteer)
{
    public string CityInName(City city, string language)
    {
        var local = gazetteer.LocalCityName(city, language);
        if (local is not null)
        {
            return local;
        }

        // A Greek name needs a Greek place; the region always has one, most towns do not.
        return language == Languages.Greek ? RegionInName(city, language) : city.Name;
    }

    public string RegionInName(City city, string language) =>
        gazetteer.LocalRegionName(city, language) ?? city.Region;

    /// <summary>The city column: local form in the record's script.</summary>
    public string CityField(City city, string language, Script script) => script switch
    {
        Script.Cyrillic => Scripts.SerbianToCyrillic(gazetteer.LocalCityName(city, Languages.Serbian) ?? city.Name),
        Script.Greek => gazetteer.LocalCityName(city, Languages.Greek) ?? city.Name,
        _ => language == Languages.Greek ? city.Name : gazetteer.LocalCityName(city, language) ?? city.Name,
    };

    /// <summary>The region column: USPS code in the US, otherwise the region's name in the record's script.</summary>
    public string RegionField(City city, string language, Script script) => script switch
    {
        _ when city.Country == "US" => city.Admin1,
        Script.Cyrillic => Scripts.SerbianToCyrillic(gazetteer.LocalRegionName(city, Languages.Serbian) ?? city.Region),
        Script.Greek => gazetteer.LocalRegionName(city, Languages.Greek) ?? city.Region,
        _ => language == Languages.Greek ? city.Region : gazetteer.LocalRegionName(city, language) ?? city.Region,
    };
}
