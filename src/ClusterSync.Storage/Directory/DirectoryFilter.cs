namespace ClusterSync.Storage;

/// <summary>What an analyst narrows the directory by; every filter set must hold (null: any).</summary>
/// <param name="Text">Search words (folded like the search text; any order, each a word prefix).</param>
/// <param name="Country">ISO 3166-1 alpha-2, upper case.</param>
/// <param name="Region">USPS state or NUTS 2 code, upper case.</param>
/// <param name="Source">A source id, e.g. <c>eccp</c>.</param>
/// <param name="Sector">A sector of one scheme (<c>us-cluster</c>, <c>eu-ecosystem</c>, <c>nace2</c>).</param>
/// <param name="Label">A quality label as published, e.g. <c>ESCA Gold</c>.</param>
/// <param name="FoundedFrom">Founded in this year or later.</param>
/// <param name="FoundedTo">Founded in this year or earlier.</param>
/// <param name="UpdatedSince">Published (created or changed) at or after this instant.</param>
/// <param name="Box">Coordinates within this box.</param>
public sealed record DirectoryFilter(
    string? Text = null,
    string? Country = null,
    string? Region = null,
    string? Source = null,
    SectorCode? Sector = null,
    string? Label = null,
    int? FoundedFrom = null,
    int? FoundedTo = null,
    DateTimeOffset? UpdatedSince = null,
    BoundingBox? Box = null)
{
    public static DirectoryFilter None { get; } = new();
}

/// <summary>A sector code of one scheme, written <c>scheme:code</c>.</summary>
public sealed record SectorCode(string Scheme, string Code)
{
    public override string ToString() => $"{Scheme}:{Code}";
}

/// <summary>A longitude/latitude box (GeoJSON order: west, south, east, north); west greater than east crosses the antimeridian.</summary>
public sealed record BoundingBox(double West, double South, double East, double North);
