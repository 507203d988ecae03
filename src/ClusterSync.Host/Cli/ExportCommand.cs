using System.CommandLine;
using ClusterSync.Host.Apis;
using ClusterSync.Storage;

namespace ClusterSync.Host.Cli;

/// <summary>The <c>export</c> verb: the whole directory through the API's exporter, to a file or standard output.</summary>
internal static class ExportCommand
{
    internal static Command Create()
    {
        var format = new Option<string>("--format") { Description = "csv, jsonl or geojson.", Required = true };
        var output = new Option<string?>("--output") { Description = "The file to write; standard output when absent." };
        var command = new Command("export", "Exports the active directory (one snapshot, streamed) and prints its feed cursor.\n" + HostCommandLine.SettingsNote)
        {
            format,
            output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            if (ExportFormats.Parse(parse.GetValue(format)!) is not { } exportFormat)
            {
                await Console.Error.WriteLineAsync("error: --format must be csv, jsonl or geojson.");
                return ExitCodes.Configuration;
            }

            using var host = VerbCommands.BuildStorageHost(parse);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var path = parse.GetValue(output);
            await using var file = path is null ? Console.OpenStandardOutput() : File.Create(path);
            var header = await host.Services.GetRequiredService<DirectoryExporter>()
                .ExportAsync(exportFormat, DirectoryFilter.None, DirectorySort.Id, (_, _) => Task.FromResult(file), ct);
            await Console.Error.WriteLineAsync(
                $"Exported {header.Count} organisation(s), consistent with feed cursor {header.FeedCursor}"
                + (header.WithoutCoordinates > 0 ? $"; {header.WithoutCoordinates} without coordinates left out" : "")
                + ". Attribution: " + string.Join("; ", header.Attribution));
            return ExitCodes.Success;
        });
        return command;
    }
}
