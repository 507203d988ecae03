using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ClusterSync.Core.Directory;
using ClusterSync.Core.Records;
using ClusterSync.Storage.Feed;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace ClusterSync.Storage;

/// <summary>Formats the directory exports in.</summary>
public enum ExportFormat
{
    Csv,
    JsonLines,
    GeoJson,
}

/// <summary>What an export states before its first row: the snapshot it reads and whom it credits.</summary>
/// <param name="FeedCursor">The change feed's cursor (<see cref="Feed.FeedCursor"/>) the export is consistent with.</param>
/// <param name="Attribution">One line per source whose records the export holds.</param>
/// <param name="Count">Organisations the export writes.</param>
/// <param name="WithoutCoordinates">GeoJSON: matching organisations left out because they have no coordinates (0 for other formats).</param>
public sealed record ExportHeader(string FeedCursor, IReadOnlyList<string> Attribution, int Count, int WithoutCoordinates);

/// <summary>
/// Streams the directory (the same filters and order as the paged API) as CSV, JSON Lines or GeoJSON, reading one
/// snapshot in constant memory. The one exporter: the API's export endpoints and the <c>export</c> verb both use it.
/// CSV columns are documented in docs/exports.md.
/// </summary>
public sealed class DirectoryExporter(IClusterSyncDbContextFactory contexts)
{
    /// <summary>The CSV columns, in order.</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
    [
        "id", "name", "acronym", "alternate_names", "country", "region", "locality", "postal_code", "street", "latitude", "longitude",
        "website", "us_clusters", "eu_ecosystems", "nace2", "labels", "year_founded", "members_total", "sources", "source_records",
        "version", "updated_at",
    ];

    private const int FlushChars = 1 << 16;
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = false };

    /// <summary>
    /// Writes the organisations matching <paramref name="filter"/> in <paramref name="sort"/> order. <paramref name="open"/> receives the
    /// header before the first byte is written and returns the stream to write to.
    /// </summary>
    public async Task<ExportHeader> ExportAsync(
        ExportFormat format, DirectoryFilter filter, DirectorySort sort, Func<ExportHeader, CancellationToken, Task<Stream>> open, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(open);
        await using var db = contexts.CreateDbContext();
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);
        var sequence = await DirectoryStore.LastSequenceAsync(db, cancellationToken);
        var ranked = DirectoryQueries.Ranked(db, filter, Core.Normalisation.SearchText.QueryWords(filter.Text));
        var count = ranked is null ? 0 : await ranked.CountAsync(cancellationToken);
        var withoutCoordinates = ranked is null || format != ExportFormat.GeoJson ? 0
            : await ranked.CountAsync(r => r.Row.Latitude == null || r.Row.Longitude == null, cancellationToken);
        var sources = ranked is null ? [] : await db.DirectoryTerms
            .Where(t => t.Facet == DirectoryFacets.Source && ranked.Select(r => r.Row.Id).Contains(t.OrganisationId))
            .Select(t => t.Value).Distinct().ToListAsync(cancellationToken);
        var header = new ExportHeader(FeedCursor.Encode(sequence), [.. sources.Order(StringComparer.Ordinal).Select(SourceAttribution.Of)],
            count - withoutCoordinates, withoutCoordinates);
        var output = await open(header, cancellationToken);
        var rows = ranked is null ? AsyncEnumerable.Empty<RankedOrganisation>()
            : DirectoryQueries.Ordered(format == ExportFormat.GeoJson ? ranked.Where(r => r.Row.Latitude != null && r.Row.Longitude != null) : ranked, sort)
                .AsAsyncEnumerable();
        switch (format)
        {
            case ExportFormat.Csv:
                await WriteCsvAsync(rows, output, cancellationToken);
                break;
            case ExportFormat.JsonLines:
                await WriteJsonLinesAsync(rows, output, cancellationToken);
                break;
            default:
                await WriteGeoJsonAsync(rows, header, output, cancellationToken);
                break;
        }

        await output.FlushAsync(cancellationToken);
        return header;
    }

    private static async Task<IAsyncDisposable> BeginSnapshotAsync(ClusterSyncDbContext db, CancellationToken ct)
    {
        if (db.Provider == StorageProvider.Postgres)
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        // A deferred transaction reads one WAL snapshot and takes no write lock: publication goes on meanwhile.
        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return await db.Database.UseTransactionAsync(transaction, ct) ?? throw new InvalidOperationException("No transaction.");
    }

    private static async Task WriteCsvAsync(IAsyncEnumerable<RankedOrganisation> rows, Stream output, CancellationToken ct)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            writer.Header.Add([.. CsvColumns]);
            writer.Header.Write();
            await foreach (var item in rows.WithCancellation(ct))
            {
                var golden = RecordJson.DeserializeGolden(item.Row.GoldenJson);
                using (var row = writer.NewRow())
                {
                    foreach (var (column, value) in CsvValues(item, golden))
                    {
                        row[column].Set(value);
                    }
                }

                if (text.GetStringBuilder().Length >= FlushChars)
                {
                    await FlushAsync(text, output, ct);
                }
            }
        }

        await FlushAsync(text, output, ct);
    }

    private static IEnumerable<(string, string)> CsvValues(RankedOrganisation item, Core.Publication.GoldenRecord golden)
    {
        static string Join(IEnumerable<string> values) => string.Join('|', values);
        string Codes(string scheme) => Join(golden.Sectors.Where(s => s.Scheme == scheme).Select(s => s.Code));
        yield return ("id", item.Row.Id);
        yield return ("name", golden.Name);
        yield return ("acronym", golden.Acronym ?? "");
        yield return ("alternate_names", Join(golden.AlternateNames));
        yield return ("country", golden.Address?.Country ?? "");
        yield return ("region", golden.Address?.RegionCode ?? "");
        yield return ("locality", golden.Address?.Locality ?? "");
        yield return ("postal_code", golden.Address?.PostalCode ?? "");
        yield return ("street", golden.Address?.Street ?? "");
        yield return ("latitude", golden.Coordinates?.Latitude.ToString("R", CultureInfo.InvariantCulture) ?? "");
        yield return ("longitude", golden.Coordinates?.Longitude.ToString("R", CultureInfo.InvariantCulture) ?? "");
        yield return ("website", golden.Website ?? "");
        yield return ("us_clusters", Codes(SectorSchemes.UsCluster));
        yield return ("eu_ecosystems", Codes(SectorSchemes.EuEcosystem));
        yield return ("nace2", Codes(SectorSchemes.Nace2));
        yield return ("labels", Join(golden.Labels));
        yield return ("year_founded", golden.YearFounded?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return ("members_total", golden.Members?.Total?.ToString(CultureInfo.InvariantCulture) ?? "");
        yield return ("sources", Join(golden.SourceRecords.Select(m => m.Source).Distinct()));
        yield return ("source_records", Join(golden.SourceRecords.Select(m => $"{m.Source}:{m.SourceId}")));
        yield return ("version", item.Row.Version.ToString(CultureInfo.InvariantCulture));
        yield return ("updated_at", item.Row.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
    }

    private static async Task FlushAsync(StringWriter text, Stream output, CancellationToken ct)
    {
        var builder = text.GetStringBuilder();
        foreach (var chunk in builder.GetChunks())
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(chunk.ToArray()), ct);
        }

        builder.Clear();
    }

    private static async Task WriteJsonLinesAsync(IAsyncEnumerable<RankedOrganisation> rows, Stream output, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await foreach (var item in rows.WithCancellation(ct))
        {
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            {
                WriteResource(json, item);
            }

            buffer.WriteByte((byte)'\n');
            if (buffer.Length >= FlushChars)
            {
                await DrainAsync(buffer, output, ct);
            }
        }

        await DrainAsync(buffer, output, ct);
    }

    private static async Task WriteGeoJsonAsync(IAsyncEnumerable<RankedOrganisation> rows, ExportHeader header, Stream output, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        using var json = new Utf8JsonWriter(buffer, JsonOptions);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteString("feedCursor", header.FeedCursor);
        json.WriteStartArray("attribution");
        foreach (var line in header.Attribution)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        json.WriteNumber("withoutCoordinates", header.WithoutCoordinates);
        json.WriteStartArray("features");
        await foreach (var item in rows.WithCancellation(ct))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteString("id", item.Row.Id);
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(item.Row.Longitude!.Value);
            json.WriteNumberValue(item.Row.Latitude!.Value);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WritePropertyName("properties");
            WriteResource(json, item);
            json.WriteEndObject();
            await json.FlushAsync(ct);
            if (buffer.Length >= FlushChars)
            {
                await DrainAsync(buffer, output, ct);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        await DrainAsync(buffer, output, ct);
    }

    /// <summary>An organisation as the API's list returns it.</summary>
    private static void WriteResource(Utf8JsonWriter json, RankedOrganisation item)
    {
        json.WriteStartObject();
        json.WriteString("id", item.Row.Id);
        json.WriteString("status", item.Row.Status);
        json.WriteNumber("version", item.Row.Version);
        json.WriteString("updatedAt", item.Row.UpdatedAt);
        json.WritePropertyName("organisation");
        json.WriteRawValue(item.Row.GoldenJson, skipInputValidation: true);
        json.WriteEndObject();
    }

    private static async Task DrainAsync(MemoryStream buffer, Stream output, CancellationToken ct)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }
}
