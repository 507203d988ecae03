using System.Globalization;
using System.Text;
using ClusterSync.Synthetic.Vocabulary;

namespace ClusterSync.Synthetic.Generation;

/// <summary>A street address with coordinates (Latin script for Serbian; converted when written).</summary>
internal readonly record struct StreetAddress(City City, string Street, string PostalCode, double Latitude, double Longitude);

/// <summary>Streets in the national style, postal codes of the national shape (city-specific prefix), coordinates in the city.</summary>
internal sealed class AddressComposer(Catalogue catalogue, ulong seed)
{
    private const double KilometresPerDegree = 111.32;

    public StreetAddress Compose(CountryProfile country, City city, ref SeededRandom random)
    {
        var street = Street(country, ref random);
        var postalCode = PostalCode(country, city, ref random);
        var radius = Math.Min(1.5 + Math.Sqrt(city.Population) / 250, 12);
        var (latitude, longitude) = Jitter(city.Latitude, city.Longitude, radius, ref random);
        return new StreetAddress(city, street, postalCode, latitude, longitude);
    }

    /// <summary>A new address in the same city or one of the nearest cities of the country.</summary>
    public StreetAddress Moved(CountryProfile country, City city, ref SeededRandom random)
    {
        var target = random.Chance(0.5) ? city : Nearby(city, ref random);
        return Compose(country, target, ref random);
    }

    /// <summary>Moves a point by up to <paramref name="kilometres"/> in a random direction.</summary>
    public static (double Latitude, double Longitude) Jitter(double latitude, double longitude, double kilometres, ref SeededRandom random)
    {
        var distance = kilometres * Math.Sqrt(random.NextDouble());
        var angle = random.NextDouble() * 2 * Math.PI;
        var lat = latitude + distance * Math.Sin(angle) / KilometresPerDegree;
        var lon = longitude + distance * Math.Cos(angle) / (KilometresPerDegree * Math.Cos(latitude * Math.PI / 180));
        return (Math.Round(lat, 5), Math.Round(lon, 5));
    }

    public string Street(CountryProfile country, ref SeededRandom random)
    {
        var style = catalogue.StreetStyles[country.StreetStyle];
        var pattern = random.Pick(style.Patterns);
        var streetBase = random.Pick(style.Bases);
        var number = random.Chance(0.6) ? random.Between(1, 40) : random.Between(41, 320);
        var builder = new StringBuilder(pattern.Length + 24);
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '{' || i + 2 >= pattern.Length || pattern[i + 2] != '}')
            {
                builder.Append(pattern[i]);
                continue;
            }

            switch (pattern[i + 1])
            {
                case 'S':
                    builder.Append(streetBase);
                    if (streetBase.EndsWith('-') && i + 3 < pattern.Length)
                    {
                        builder.Append(char.ToUpperInvariant(pattern[i + 3]));
                        i++;
                    }

                    break;
                case 'N':
                    builder.Append(number.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(random.Between(1, 24).ToString(CultureInfo.InvariantCulture));
                    break;
            }

            i += 2;
        }

        return builder.ToString();
    }

    public string PostalCode(CountryProfile country, City city, ref SeededRandom random)
    {
        var cityRandom = SeededRandom.For(seed, city.Index, 7200);
        var pattern = cityRandom.Pick(country.PostalPatterns);
        var builder = new StringBuilder(pattern.Length);
        var placeholders = 0;
        foreach (var c in pattern)
        {
            if (c is not ('9' or 'A'))
            {
                builder.Append(c);
                continue;
            }

            // The first two characters belong to the city, so neighbours share them.
            ref var source = ref placeholders++ < 2 ? ref cityRandom : ref random;
            builder.Append(c == 'A' ? source.Letter() : placeholders == 1 ? (char)('1' + source.Next(9)) : source.Digit());
        }

        return builder.ToString();
    }

    private City Nearby(City city, ref SeededRandom random)
    {
        var cities = catalogue.Gazetteer.In(city.Country).Cities;
        Span<int> nearest = stackalloc int[5];
        Span<double> distances = stackalloc double[5];
        distances.Fill(double.MaxValue);
        for (var i = 0; i < cities.Length; i++)
        {
            var other = cities[i];
            if (other.Index == city.Index)
            {
                continue;
            }

            var dLat = other.Latitude - city.Latitude;
            var dLon = (other.Longitude - city.Longitude) * Math.Cos(city.Latitude * Math.PI / 180);
            var distance = dLat * dLat + dLon * dLon;
            var worst = MaxIndex(distances);
            if (distance < distances[worst])
            {
                distances[worst] = distance;
                nearest[worst] = i;
            }
        }

        var found = distances.Length - distances.Count(double.MaxValue);
        return found == 0 ? city : cities[nearest[random.Next(found)]];
    }

    private static int MaxIndex(Span<double> values)
    {
        var max = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[max])
            {
                max = i;
            }
        }

        return max;
    }
}
