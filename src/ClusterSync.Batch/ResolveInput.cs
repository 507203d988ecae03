using System.Runtime.CompilerServices;
using ClusterSync.Core.Csv;
using ClusterSync.Core.Matching;
using ClusterSync.Core.Normalisation;
using ClusterSync.Core.Records;
using nietras.SeparatedValues;

namespace ClusterSync.Batch;

/// <summary>
/// Reads the CSV of the <c>resolve</c> and <c>evaluate</c> commands: a header naming any of
/// <c>id,name,acronym,country,region,city,postal_code,street,website,email,phone,lat,lon,sectors,founded</c>
/// (plus <c>true_cluster</c> for evaluation); unknown columns are ignored and any value may be empty.
/// Each row becomes the service's <see cref="RawOrganisation"/> and goes through the service's
/// <see cref="OrganisationNormaliser"/>, so that a measurement measures what production runs; a row the
/// normaliser quarantines (no name, no known country, ...) is kept, with its reason, as its own cluster.
/// </summary>
public static class ResolveInput
{
    public const string Source = "input";

    public static readonly string[] Columns =
        ["id", "name", "acronym", "country", "region", "city", "postal_code", "street", "website", "email", "phone", "lat", "lon", "sectors", "founded"];

    /// <summary>
    /// Rows read before they are prepared in parallel, while the next chunk is read: the raw text of a large
    /// file is never held whole.
    /// </summary>
    private const int ChunkSize = 16_384;

    /// <summary>
    /// Reads and prepares every row. Throws <see cref="ResolveInputException"/> with a one-line reason. Without
    /// <paramref name="keepInputs"/> only the engine's prepared form of each row is kept (<see cref="ResolveRows.Inputs"/>
    /// is empty): a million rows then hold a fraction of the memory. With <paramref name="take"/>, the prepared
    /// rows of each chunk are handed to it as soon as they are ready (in file order, one call at a time) and not
    /// kept (<see cref="ResolveRows.Prepared"/> is empty): a bulk load then never holds them all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ResolveRows Read(string path, bool requireTruth, bool keepInputs = true, Action<IReadOnlyList<PreparedInput>>? take = null)
    {
        if (!File.Exists(path))
        {
            throw new ResolveInputException($"cannot read '{path}': no such file.");
        }

        var lastRow = 0;
        try
        {
            using var reader = StrictCsv.Reader.FromFile(path);
            string[]? header = null;
            var columns = Array.Empty<int>();
            var rows = new List<ResolveRow>();
            var chunk = new List<(string[] Cells, int Row)>(ChunkSize);
            var preparing = Task.CompletedTask;
            var shared = new SharedStrings();
            foreach (var row in reader)
            {
                lastRow = row.RowIndex + 1;
                if (StrictCsv.IsBlank(row))
                {
                    continue;
                }

                if (header is null)
                {
                    header = StrictCsv.Cells(row, null);
                    columns = Map(header, requireTruth);
                    continue;
                }

                var cells = StrictCsv.Cells(row, header);
                StrictCsv.CheckWidth(row, header.Length);
                chunk.Add((cells, lastRow));
                if (chunk.Count == ChunkSize)
                {
                    preparing.GetAwaiter().GetResult();
                    var full = chunk;
                    preparing = Task.Run(() => Prepare(full, columns, rows, keepInputs, shared, take));
                    chunk = new List<(string[] Cells, int Row)>(ChunkSize);
                }
            }

            if (header is null)
            {
                throw new ResolveInputException($"cannot read '{path}': the file is empty; it needs a header row with an 'id' column.");
            }

            preparing.GetAwaiter().GetResult();
            Prepare(chunk, columns, rows, keepInputs, shared, take);
            Check(rows, requireTruth);
            return ResolveRows.From(rows);
        }
        catch (NotSupportedException ex)
        {
            // Sep's longest row: past it, almost always a quote that is never closed.
            throw new ResolveInputException($"cannot read '{path}': row {lastRow + 1}: {ex.Message.ReplaceLineEndings(" ")}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException)
        {
            throw new ResolveInputException($"cannot read '{path}': {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>Prepares a chunk of rows in parallel and appends them in their order (one chunk at a time).</summary>
    private static void Prepare(
        List<(string[] Cells, int Row)> chunk, int[] columns, List<ResolveRow> rows, bool keepInputs, SharedStrings shared, Action<IReadOnlyList<PreparedInput>>? take)
    {
        var prepared = new ResolveRow[chunk.Count];
        Parallel.For(0, chunk.Count, i => prepared[i] = Parse(chunk[i].Cells, chunk[i].Row, columns, keepInputs, shared));
        if (take is not null)
        {
            var ready = new List<PreparedInput>(prepared.Length);
            for (var i = 0; i < prepared.Length; i++)
            {
                if (prepared[i].Prepared is { } row)
                {
                    ready.Add(row);
                    prepared[i] = prepared[i] with { Prepared = null };
                }
            }

            take(ready);
        }

        rows.AddRange(prepared);
    }

    private static void Check(List<ResolveRow> rows, bool requireTruth)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Id.Length == 0)
            {
                throw new ResolveInputException($"row {row.Row} has an empty id.");
            }

            if (!ids.Add(row.Id))
            {
                throw new ResolveInputException($"duplicate id '{row.Id}' (row {row.Row}); every id must be unique.");
            }

            if (requireTruth && string.IsNullOrEmpty(row.TrueCluster))
            {
                throw new ResolveInputException($"row {row.Row} has no true_cluster.");
            }
        }
    }

    private static int[] Map(string[] header, bool requireTruth)
    {
        var names = header.Select(n => n.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        if (!names.Contains("id"))
        {
            throw new ResolveInputException($"the header has no 'id' column (found: {string.Join(", ", header)}).");
        }

        if (requireTruth && !names.Contains("true_cluster"))
        {
            throw new ResolveInputException("the header has no 'true_cluster' column, which evaluation needs.");
        }

        return [.. Columns.Append("true_cluster").Select(c => names.IndexOf(c))];
    }

    /// <summary>The row as a connector would hand it to the service, normalised as the service normalises it.</summary>
    private static ResolveRow Parse(string[] row, int number, int[] columns, bool keepInputs, SharedStrings shared)
    {
        var id = Get(row, columns, 0) ?? "";
        var raw = new RawOrganisation
        {
            Source = Source,
            SourceId = id,
            Name = Get(row, columns, 1),
            Acronym = Get(row, columns, 2),
            Country = Get(row, columns, 3),
            CountryRequired = false,
            Region = Get(row, columns, 4),
            Locality = Get(row, columns, 5),
            PostalCode = Get(row, columns, 6),
            Street = Get(row, columns, 7),
            Website = Get(row, columns, 8),
            Email = Get(row, columns, 9),
            Phone = Get(row, columns, 10),
            Latitude = Get(row, columns, 11),
            Longitude = Get(row, columns, 12),
            Sectors = Sectors(Get(row, columns, 13)),
            YearFounded = Get(row, columns, 14),
        };
        // No content hash (nothing is stored), and the normaliser's name analysis is handed to the engine.
        var outcome = OrganisationNormaliser.Default.Normalise(raw, withContentHash: false);
        var input = outcome.Record is { } record ? MatchInput.From(record) with { NameAnalysis = outcome.NameAnalysis } : null;
        var prepared = input is null ? null : PreparedInput.From(input, shared);
        var reason = prepared is null ? outcome.QuarantineReason ?? "not normalised" : null;
        return new ResolveRow(id, number, keepInputs ? input : null, prepared, reason, Get(row, columns, 15));
    }

    private static string? Get(string[] row, int[] columns, int column)
    {
        var index = columns[column];
        if (index < 0)
        {
            return null;
        }

        var value = row[index].Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary><c>scheme:code</c> pairs separated by <c>;</c>; the normaliser drops unknown schemes and codes.</summary>
    private static IReadOnlyList<RawSector> Sectors(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var result = new List<RawSector>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            result.Add(colon < 0 ? new RawSector("", part) : new RawSector(part[..colon].Trim(), part[(colon + 1)..].Trim()));
        }

        return result;
    }
}

/// <summary>
/// One input row: its id, its number in the file (the header is row 1), what the engine compares (null when
/// normalisation quarantined the row, with the reason, which is null otherwise; <see cref="Input"/> also null when
/// the reader was not asked to keep it, <see cref="Prepared"/> when it was handed on) and, for evaluation, its true cluster.
/// </summary>
public sealed record ResolveRow(string Id, int Row, MatchInput? Input, PreparedInput? Prepared, string? QuarantineReason, string? TrueCluster);

/// <summary>A row the normaliser would not accept: it is no record of the engine and stays its own cluster.</summary>
public sealed record QuarantinedRow(string Id, int Row, string Reason);

/// <summary>
/// The rows of an input file, column-wise. <see cref="Prepared"/> holds the normalised rows in file order, prepared
/// for the engine, <see cref="Inputs"/> the same rows as read (when kept; else empty) and <see cref="InputRows"/> the
/// index of each in <see cref="Ids"/>; the entries of both may be cleared once the engine has them.
/// </summary>
public sealed record ResolveRows(
    string[] Ids, MatchInput[] Inputs, PreparedInput[] Prepared, int[] InputRows, string?[] TrueClusters, IReadOnlyList<QuarantinedRow> Quarantined)
{
    public int Count => Ids.Length;

    internal static ResolveRows From(List<ResolveRow> rows)
    {
        var inputs = new List<MatchInput>(rows.Count);
        var prepared = new List<PreparedInput>(rows.Count);
        var inputRows = new List<int>(rows.Count);
        var quarantined = new List<QuarantinedRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].QuarantineReason is not { } reason)
            {
                if (rows[i].Prepared is { } ready)
                {
                    prepared.Add(ready);
                }

                if (rows[i].Input is { } input)
                {
                    inputs.Add(input);
                }

                inputRows.Add(i);
            }
            else
            {
                quarantined.Add(new QuarantinedRow(rows[i].Id, rows[i].Row, reason));
            }
        }

        return new ResolveRows([.. rows.Select(r => r.Id)], [.. inputs], [.. prepared], [.. inputRows], [.. rows.Select(r => r.TrueCluster)], quarantined);
    }
}

/// <summary>The input cannot be used; the message is one line for the user.</summary>
public sealed class ResolveInputException(string message) : Exception(message);
