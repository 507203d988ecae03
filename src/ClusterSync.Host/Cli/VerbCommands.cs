using System.CommandLine;
using ClusterSync.Batch;
using ClusterSync.Core.Matching;
using ClusterSync.Host.Security;
using ClusterSync.Storage;
using Microsoft.Extensions.Options;

namespace ClusterSync.Host.Cli;

/// <summary>Command verbs: each runs once and exits. Unrecognised <c>--Section:Key=value</c> tokens become configuration.</summary>
internal static class VerbCommands
{
    internal static Command Migrate()
    {
        var command = new Command("migrate", "Applies pending database migrations for the configured provider, then exits.\n" + HostCommandLine.SettingsNote)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = BuildStorageHost(parse);
            var applied = await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var provider = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.ParsedProvider;
            await Console.Out.WriteLineAsync(applied.Count == 0
                ? $"{provider}: schema is current; nothing to apply."
                : $"{provider}: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }

    internal static Command ApiKey()
    {
        var name = new Option<string>("--name") { Description = "Who or what the key is for.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "Scopes to grant (read, partner, operator, admin); repeat for several.",
            DefaultValueFactory = _ => [ApiKeys.OperatorScope],
            AllowMultipleArgumentsPerToken = true,
        };
        var create = new Command("create", "Creates an API key, stores only its hash, and prints the key once.\n" + HostCommandLine.SettingsNote) { name, scopes };
        create.TreatUnmatchedTokensAsErrors = false;
        create.SetAction(async (parse, ct) =>
        {
            var granted = parse.GetValue(scopes)!.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
            var unknown = granted.Except(ApiKeys.KnownScopes).ToList();
            if (unknown.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: unknown scope(s) {string.Join(", ", unknown)}; known: {string.Join(", ", ApiKeys.KnownScopes)}");
                return ExitCodes.Configuration;
            }

            using var host = BuildStorageHost(parse);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var (id, key) = ApiKeys.Create();
            await host.Services.GetRequiredService<ApiKeyStore>().AddAsync(id, parse.GetValue(name)!, ApiKeys.Hash(key), granted, ct);

            await Console.Out.WriteLineAsync(key);
            await Console.Error.WriteLineAsync($"Created key {id} with scope(s) {string.Join(' ', granted)}. It is shown once; only its hash is stored.");
            return 0;
        });
        return new Command("api-key", "Manages API keys.") { create, ListApiKeys(), RevokeApiKey() };
    }

    private static Command ListApiKeys()
    {
        var list = new Command("list", "Lists the stored API keys: id, name, scopes, created, revoked (never the keys).\n" + HostCommandLine.SettingsNote)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        list.SetAction(async (parse, ct) =>
        {
            using var host = BuildStorageHost(parse);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            var keys = await host.Services.GetRequiredService<ApiKeyStore>().ListAsync(ct);
            await Console.Out.WriteLineAsync("id\tname\tscopes\tcreated\trevoked");
            foreach (var key in keys)
            {
                await Console.Out.WriteLineAsync(string.Join('\t', key.Id, key.Name.ReplaceLineEndings(" "), string.Join(' ', key.Scopes),
                    key.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    key.RevokedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
            }

            return ExitCodes.Success;
        });
        return list;
    }

    private static Command RevokeApiKey()
    {
        var id = new Argument<string>("id") { Description = "The key's id (the part after csk_ and before the next _)." };
        var revoke = new Command("revoke", "Revokes a stored API key: it is refused from the next request on.\n" + HostCommandLine.SettingsNote) { id };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction(async (parse, ct) =>
        {
            var keyId = parse.GetValue(id)!;
            using var host = BuildStorageHost(parse);
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            if (!await host.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(keyId, ct))
            {
                await Console.Error.WriteLineAsync($"error: there is no active key '{keyId}'.");
                return ExitCodes.Refused;
            }

            await Console.Error.WriteLineAsync($"Revoked key {keyId}.");
            return ExitCodes.Success;
        });
        return revoke;
    }

    internal static Command Resolve()
    {
        var input = new Option<string>("--input") { Description = "CSV with an id column and any of the resolve columns.", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write id,cluster_id for every input row.", Required = true };
        var command = new Command("resolve", "Clusters the records of a CSV file (no database, no server needed).\n" + HostCommandLine.SettingsNote) { input, output };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => RunBatchAsync(() =>
            BatchResolution.ResolveAsync(parse.GetValue(input)!, parse.GetValue(output)!, MatchingSettingsFrom(parse), Console.Out, Console.Error)));
        return command;
    }

    private static async Task<int> RunBatchAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (ResolveInputException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.Configuration;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message.ReplaceLineEndings(" "));
            return ExitCodes.Configuration;
        }
    }

    /// <summary>Matching settings from the <c>Matching</c> section (appsettings, environment, <c>--Matching:…</c> tokens).</summary>
    private static MatchingSettings MatchingSettingsFrom(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. parse.UnmatchedTokens])
            .Build();
        return configuration.GetSection("Matching").Get<MatchingSettings>() ?? new MatchingSettings();
    }

    /// <summary>A host with configuration (appsettings, environment, unmatched command-line tokens) and storage.</summary>
    internal static IHost BuildStorageHost(ParseResult parse)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = [.. parse.UnmatchedTokens], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddClusterSyncStorage(builder.Configuration);
        var host = builder.Build();
        _ = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return host;
    }
}
