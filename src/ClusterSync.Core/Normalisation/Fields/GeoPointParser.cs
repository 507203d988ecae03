using System.Globalization;
using ClusterSync.Core.Records;

namespace ClusterSync.Core.Normalisation.Fields;

/// <summary>Reads coordinates given as text in the invariant culture (decimal point).</summary>
public static class GeoPointParser
{
    /// <summary>
    /// The point at <paramref name="latitude"/>, <paramref name="longitude"/>; null when either is
    /// missing, not a number, out of range (±90, ±180), or the point is (0, 0), the usual stand-in
    /// for "unknown".
    /// </summary>
    public static GeoPoint? Parse(string? latitude, string? longitude)
    {
        if (!TryParse(latitude, 90, out var lat) || !TryParse(longitude, 180, out var lon) || (lat == 0 && lon == 0))
        {
            return null;
        }

        return new GeoPoint(lat, lon);
    }

    private static bool TryParse(string? text, double limit, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value)
        && Math.Abs(value) <= limit;
}
