using ClusterSync.IntegrationTests.Infrastructure;
using ClusterSync.IntegrationTests.Sync;
using ClusterSync.Storage;

namespace ClusterSync.IntegrationTests.Queries;

/// <summary>The export verb writes what the API's export writes, through the same exporter.</summary>
public sealed class ExportCommandTests
{
    [Test]
    public async Task The_export_verb_writes_the_same_csv_as_the_export_endpoint()
    {
        var host = await SharedDirectory.GetAsync(StorageProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("clustersync-export-");
        try
        {
            var file = Path.Combine(folder.FullName, "directory.csv");
            var settings = host.Database.Settings.Select(s => $"--{s.Key}={s.Value}").ToArray();

            var (code, _, stderr) = await HostProcess.RunAsync(["export", "--format", "csv", "--output", file, .. settings], folder.FullName);

            var served = await host.Client.GetStringAsync("/v1/organisations/export?format=csv");
            Assert.That(code, Is.Zero, stderr);
            Assert.That(await File.ReadAllTextAsync(file), Is.EqualTo(served));
            Assert.That(stderr, Does.Contain("consistent with feed cursor"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task An_unknown_export_format_is_one_error_line_and_exit_code_2()
    {
        var folder = Directory.CreateTempSubdirectory("clustersync-export-");
        try
        {
            var (code, _, stderr) = await HostProcess.RunAsync(["export", "--format", "xlsx"], folder.FullName);

            Assert.That((code, stderr.Trim()), Is.EqualTo((2, "error: --format must be csv, jsonl or geojson.")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
