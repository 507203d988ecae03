using System.CommandLine;
using System.Text;
using ClusterSync.Batch;
using ClusterSync.Core.Matching;
using ClusterSync.Synthetic;
using Microsoft.Extensions.Configuration;

namespace ClusterSync.Lab;

/// <summary>
/// The lab's verbs: <c>evaluate</c> measures the matcher on labelled data, <c>generate</c> writes that data.
/// Unrecognised <c>--Matching:Key=value</c> tokens of <c>evaluate</c> become matching settings.
/// </summary>
public static class LabCommands
{
    /// <summary>Exit code for a command line that does not parse (unknown verb, missing option).</summary>
    public const int UsageError = 1;

    /// <summary>Exit code for input or settings the user can fix (unreadable or malformed file, bad value).</summary>
    public const int InputError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = new RootCommand("ClusterSync lab: measures duplicate resolution on labelled data. The service is ClusterSync.Host.")
        {
            Evaluate(stdout, stderr),
            Generate(stdout, stderr),
        };
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync("error: " + FirstError(parse, root).ReplaceLineEndings(" "));
            string[] help = parse.CommandResult.Command == root ? ["--help"] : [parse.CommandResult.Command.Name, "--help"];
            await root.Parse(help).InvokeAsync(invocation);
            return UsageError;
        }

        return await parse.InvokeAsync(invocation);
    }

    /// <summary>An unknown verb is named as such; otherwise the parser's first complaint.</summary>
    private static string FirstError(ParseResult parse, RootCommand root) =>
        parse.CommandResult.Command == root && parse.Tokens.Count > 0 && !parse.Tokens[0].Value.StartsWith('-')
            ? $"unknown command '{parse.Tokens[0].Value}'; the lab's commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))}."
            : parse.Errors[0].Message;

    private static Command Evaluate(TextWriter stdout, TextWriter stderr)
    {
        var input = new Option<string>("--input")
        {
            Description = "CSV in the resolve format with a true_cluster column (and optionally a case column, as generate --cases writes).",
            Required = true,
        };
        var output = new Option<string>("--output") { Description = "Optionally, where to write id,cluster_id." };
        var model = new Option<bool>("--model") { Description = "Also print the estimated model: the priors and every comparison level's m, u and weight." };
        var command = new Command("evaluate", "Prints pairwise and B-cubed precision, recall and F1 of ClusterSync and two naive baselines, the quality of blocking and, when the input has a case column, ClusterSync's pairwise figures per case.")
        {
            input, output, model,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, _) => RunAsync(stderr, () =>
            BatchResolution.EvaluateAsync(parse.GetValue(input)!, parse.GetValue(output), MatchingSettingsFrom(parse), stdout, stderr, parse.GetValue(model))));
        return command;
    }

    private static Command Generate(TextWriter stdout, TextWriter stderr)
    {
        var count = new Option<int>("--count") { Description = "How many records to write.", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--output") { Description = "CSV file to write (resolve format, with true_cluster).", Required = true };
        var rate = new Option<double>("--duplicate-rate") { Description = "Share of records that are extra copies of another.", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed writes the same file.", DefaultValueFactory = _ => 42 };
        var frequent = new Option<int>("--frequent-name-copies")
        {
            Description = "Extra records of one organisation under one exact name and country, in place of as many ordinary records.",
        };
        var sameAddress = new Option<double>("--sibling-same-address-rate")
        {
            Description = "Share of near-namesakes (hard negatives) housed at the address of the organisation they are named after.",
        };
        var split = new Option<double>("--split-rate")
        {
            Description = "Share of organisations that are a part split off another: its name plus their own city, its web domain, an address in that city.",
        };
        var rejoin = new Option<double>("--rejoin-rate")
        {
            Description = "Share of duplicates written while a part of the organisation was separate: its name plus its own city, at its address.",
        };
        var cases = new Option<bool>("--cases")
        {
            Description = "Add a last column, case, naming each record's hard case (frequent-name, split-off, rejoined, same-address-namesake, agency-domain, shared-building, namesake) or none.",
        };
        var command = new Command("generate", "Writes seeded synthetic organisation records with ground truth (for tests and benchmarks).")
        {
            count, output, rate, seed, frequent, sameAddress, split, rejoin, cases,
        };
        command.SetAction(async (parse, _) =>
        {
            var options = new SyntheticOptions
            {
                Count = parse.GetValue(count),
                DuplicateRate = parse.GetValue(rate),
                Seed = parse.GetValue(seed),
                FrequentNameCopies = parse.GetValue(frequent),
                SiblingAtSameAddressRate = parse.GetValue(sameAddress),
                SplitRate = parse.GetValue(split),
                RejoinRate = parse.GetValue(rejoin),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync("error: " + ex.Message.ReplaceLineEndings(" "));
                return InputError;
            }

            return await RunAsync(stderr, async () =>
            {
                await using var writer = new StreamWriter(parse.GetValue(output)!, false, new UTF8Encoding(false), 1 << 16);
                var written = SyntheticCsv.Write(SyntheticDirectory.Generate(options), writer, includeTruth: true, includeCase: parse.GetValue(cases));
                await stdout.WriteLineAsync($"wrote {written:N0} records to {parse.GetValue(output)}");
                return 0;
            });
        });
        return command;
    }

    /// <summary>Runs a verb; a problem with its files is one <c>error:</c> line, never a stack trace.</summary>
    private static async Task<int> RunAsync(TextWriter stderr, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (ResolveInputException ex)
        {
            await stderr.WriteLineAsync("error: " + ex.Message);
            return InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync("error: " + ex.Message.ReplaceLineEndings(" "));
            return InputError;
        }
    }

    /// <summary>Matching settings from <c>Matching__…</c> environment variables and <c>--Matching:…</c> tokens.</summary>
    private static MatchingSettings MatchingSettingsFrom(ParseResult parse)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine([.. parse.UnmatchedTokens])
            .Build();
        return configuration.GetSection("Matching").Get<MatchingSettings>() ?? new MatchingSettings();
    }
}
