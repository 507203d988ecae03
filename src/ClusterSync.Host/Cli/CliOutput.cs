using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace ClusterSync.Host.Cli;

/// <summary>
/// How the operator verbs answer: a table and a spinner on a terminal; tab-separated lines and plain progress lines
/// when the output is redirected (a script, a log); JSON in the API's shapes with <c>--json</c>.
/// </summary>
internal static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool Interactive => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static Task WriteJsonAsync<T>(T value) => Console.Out.WriteLineAsync(JsonSerializer.Serialize(value, Json));

    public static async Task WriteTableAsync(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        if (!Interactive)
        {
            await Console.Out.WriteLineAsync(string.Join('\t', headers));
            foreach (var row in rows)
            {
                await Console.Out.WriteLineAsync(string.Join('\t', row.Select(c => (c ?? "").ReplaceLineEndings(" ").Replace('\t', ' '))));
            }

            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(c => Markup.Escape(c ?? ""))]);
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on a terminal, or announces it on one line of standard error.</summary>
    public static async Task<T> WithProgressAsync<T>(string what, Func<Task<T>> work)
    {
        if (!Interactive)
        {
            await Console.Error.WriteLineAsync(what + "…");
            return await work();
        }

        return await AnsiConsole.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what) + "…", _ => work());
    }

    public static string When(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
