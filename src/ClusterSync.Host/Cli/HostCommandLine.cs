using System.CommandLine;
using System.CommandLine.Parsing;

namespace ClusterSync.Host.Cli;

/// <summary>
/// The executable's command line: <c>serve</c> (the default) and the one-shot verbs. Tokens the verbs do not
/// know, such as <c>--Section:Key=value</c>, are configuration. <c>--help</c> anywhere prints help and starts nothing.
/// </summary>
public static class HostCommandLine
{
    internal const string SettingsNote = "Settings: --Section:Key=value overrides appsettings.json and the environment (README.md, Configuration).";

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb; returns the process exit code.</summary>
    /// <param name="serve">Runs the service with the given configuration tokens until it stops.</param>
    public static async Task<int> RunAsync(string[] args, Func<string[], CancellationToken, Task<int>> serve)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(serve);
        var root = new RootCommand("ClusterSync: the transatlantic directory of cluster organisations. Without a verb it serves the directory (as `serve`).\n" + SettingsNote)
        {
            Serve(serve),
            VerbCommands.Migrate(),
            VerbCommands.ApiKey(),
            VerbCommands.Resolve(),
            ExportCommand.Create(),
        };
        foreach (var verb in OperatorCommands.All())
        {
            root.Subcommands.Add(verb);
        }

        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => ServeUnlessUnknownVerbAsync(parse, serve, ct));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync("error: " + parse.Errors[0].Message);
            PrintHelp(parse);
            return ExitCodes.Configuration;
        }

        try
        {
            // The service handles SIGTERM itself (graceful shutdown); the one-shot verbs end with the process.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception ex) when (ex is not OperationCanceledException && StartupFailure.Describe(ex) is { } failure)
        {
            await Console.Error.WriteLineAsync("error: " + failure.Message);
            return failure.ExitCode;
        }
    }

    private static Command Serve(Func<string[], CancellationToken, Task<int>> serve)
    {
        var command = new Command("serve", "Serves the directory over HTTP and runs the syncs (the default when no verb is given).\n" + SettingsNote)
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => serve([.. parse.UnmatchedTokens], ct));
        return command;
    }

    /// <summary>A bare word where a verb belongs is a mistyped verb, not configuration: say so instead of starting the service.</summary>
    private static async Task<int> ServeUnlessUnknownVerbAsync(ParseResult parse, Func<string[], CancellationToken, Task<int>> serve, CancellationToken ct)
    {
        var tokens = parse.UnmatchedTokens;
        if (tokens.Count > 0 && IsBareWord(tokens[0]))
        {
            await Console.Error.WriteLineAsync($"error: '{tokens[0]}' is not a command. Commands: {string.Join(", ", parse.RootCommandResult.Command.Subcommands.Select(c => c.Name))}.");
            PrintHelp(parse);
            return ExitCodes.Configuration;
        }

        return await serve([.. tokens], ct);
    }

    private static bool IsBareWord(string token) =>
        !token.StartsWith('-') && !token.StartsWith('/') && !token.Contains('=', StringComparison.Ordinal);

    /// <summary>Prints the help of the command <paramref name="parse"/> stopped at, as <c>--help</c> would.</summary>
    private static void PrintHelp(ParseResult parse)
    {
        var path = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            path.Insert(0, result.Command.Name);
        }

        parse.RootCommandResult.Command.Parse([.. path, "--help"]).Invoke();
    }
}
