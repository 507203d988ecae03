using ClusterSync.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ClusterSync.IntegrationTests.Host;

/// <summary>No kill leaves a service that cannot start: a migration lock left by a dead process never blocks the next start.</summary>
public class StartupMigrationTests
{
    private DirectoryInfo _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clustersync-start-");

    [TearDown]
    public void DeleteFolder() => _folder.Delete(recursive: true);

    private string DatabasePath => Path.Combine(_folder.FullName, "data", "clustersync.db");

    [Test]
    public async Task A_lock_row_left_by_a_killed_migration_is_cleared_and_migrate_completes()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // What EF Core's SQLite migrator leaves behind when its process dies while holding the lock.
            command.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-01-01 00:00:00');
                """;
            await command.ExecuteNonQueryAsync();
        }

        var (code, stdout, stderr) = await HostProcess.RunAsync(["migrate"], _folder.FullName, TimeSpan.FromSeconds(45));

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("applied"));
    }

    [Test]
    public async Task Every_start_after_a_kill_during_the_startup_migration_serves_within_30_seconds()
    {
        var random = new Random(20261204);
        for (var kill = 0; kill < 10; kill++)
        {
            using (var host = HostProcess.Start([], _folder.FullName))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150 + random.Next(900)));
                host.Kill();
            }

            if (kill % 3 == 2 && Directory.Exists(Path.GetDirectoryName(DatabasePath)))
            {
                // Start over from no database, so that later kills land in a migration again.
                foreach (var file in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!))
                {
                    File.Delete(file);
                }
            }
        }

        using var survivor = HostProcess.Start([], _folder.FullName);
        await survivor.WaitUntilAsync(
            async client => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "ready after 10 kills during start-up");
    }

    [Test]
    public async Task A_start_with_nothing_to_migrate_takes_no_lock()
    {
        Assert.That((await HostProcess.RunAsync(["migrate"], _folder.FullName)).ExitCode, Is.Zero);
        using var held = new FileStream(DatabasePath + ".migrate.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var (code, stdout, stderr) = await HostProcess.RunAsync(["migrate"], _folder.FullName, TimeSpan.FromSeconds(20));

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("nothing to apply"));
    }
}
