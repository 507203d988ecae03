using System.CommandLine;
using System.Runtime.InteropServices;
using ClusterSync.Core.Sync;
using ClusterSync.Host.Scheduling;
using ClusterSync.Host.Sync;
using ClusterSync.Sources;
using ClusterSync.Storage;
using ClusterSync.Storage.Paging;
using ClusterSync.Storage.ReadModels;
using Quartz;

namespace ClusterSync.Host.Cli;

/// <summary>
/// The operator's verbs at a shell: <c>status</c>, <c>runs</c>, <c>quarantine</c>, <c>sync</c>, <c>confirm</c> and
/// <c>reject</c>. They work on the service's database directly (with or without a serving instance), record what
/// they change among the operator actions as <c>cli:&lt;user&gt;</c>, and answer on standard output.
/// </summary>
internal static class OperatorCommands
{
    private const int MaxLimit = 500;

    internal static IEnumerable<Command> All() => [Status(), Runs(), Quarantine(), Sync(), Confirm(), Reject()];

    private static Option<bool> JsonOption() => new("--json") { Description = "Prints JSON (the operator API's shapes) instead of a table." };

    private static Option<int> LimitOption() => new("--limit")
    {
        Description = $"How many to list, newest first (1 to {MaxLimit}).",
        DefaultValueFactory = _ => 20,
        Validators = { r => { if (r.GetValueOrDefault<int>() is < 1 or > MaxLimit) { r.AddError($"--limit must be between 1 and {MaxLimit}."); } } },
    };

    private static Command Verb(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description + "\n" + HostCommandLine.SettingsNote) { TreatUnmatchedTokensAsErrors = false };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
            }
        }

        return command;
    }

    internal static Command Status()
    {
        var json = JsonOption();
        var command = Verb("status", "Shows every platform: enabled, schedule and next firing, last run, circuit breaker.", json);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await OperatorHost.StartAsync(parse, ct);
            var sources = await ListSourcesAsync(host, ct);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(sources);
                return ExitCodes.Success;
            }

            await CliOutput.WriteTableAsync(
                ["source", "enabled", "schedule (UTC)", "state", "next", "last run", "status", "finished", "circuit"],
                sources.Select(s => (IReadOnlyList<string?>)[
                    s.Source, s.Enabled ? "yes" : "no", s.Schedule?.Cron, s.Schedule?.State, CliOutput.When(s.Schedule?.NextFireTime),
                    s.LastRun is { } r ? CliOutput.Number(r.Id) : "", s.LastRun?.Status, CliOutput.When(s.LastRun?.FinishedAt), s.Circuit.State]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The sources as the operator API shows them. On SQLite the schedule lives in the serving instance's memory, so
    /// this process shows the configured one (not persisted: an operator's change through the API lasts until a restart).
    /// </summary>
    private static async Task<IReadOnlyList<SourceStatus>> ListSourcesAsync(OperatorHost host, CancellationToken ct)
    {
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var registrations = host.Services.GetServices<SourceRegistration>().ToDictionary(r => r.Source, StringComparer.Ordinal);
        var sources = await host.Services.GetRequiredService<SyncScheduler>().ListSourcesAsync(ct);
        return [.. sources.Select(s => s.Schedule is null && s.Enabled && registrations.TryGetValue(s.Source, out var registration)
            ? s with { Schedule = Configured(registration.ScheduleIn(configuration)) }
            : s)];
    }

    private static ScheduleStatus? Configured(string cron)
    {
        if (!CronExpression.TryParse(cron, out var expression) || expression is null)
        {
            return null;
        }

        return new ScheduleStatus(cron, TimeZoneInfo.Utc.Id, "configured", expression.WithTimeZone(TimeZoneInfo.Utc).GetNextValidTimeAfter(DateTimeOffset.UtcNow), null, Persisted: false);
    }

    internal static Command Runs()
    {
        var source = new Option<string?>("--source") { Description = "Only this platform's runs." };
        var status = new Option<string?>("--status") { Description = $"Only runs in this status ({string.Join(", ", SyncRunStatus.All)})." };
        status.AcceptOnlyFromAmong([.. SyncRunStatus.All]);
        var limit = LimitOption();
        var json = JsonOption();
        var command = Verb("runs", "Lists sync runs, newest first, with their counts and errors.", source, status, limit, json);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await OperatorHost.StartAsync(parse, ct);
            var page = await host.Services.GetRequiredService<RunStore>()
                .ListRunsAsync(new RunFilter(parse.GetValue(source), parse.GetValue(status)), new PageRequest(parse.GetValue(limit)), ct);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(page.Items);
                return ExitCodes.Success;
            }

            await CliOutput.WriteTableAsync(
                ["run", "source", "mode", "status", "trigger", "started", "finished", "read", "new", "changed", "gone", "held", "quarantined", "error"],
                page.Items.Select(r => (IReadOnlyList<string?>)[
                    CliOutput.Number(r.Id), r.Source, r.Mode, r.HoldResolution is { } resolution ? $"{r.Status} ({resolution})" : r.Status, r.Trigger,
                    CliOutput.When(r.StartedAt), CliOutput.When(r.FinishedAt), CliOutput.Number(r.ItemsRead), CliOutput.Number(r.NewCount),
                    CliOutput.Number(r.ChangedCount), CliOutput.Number(r.GoneCount), CliOutput.Number(r.HeldDeletionCount),
                    CliOutput.Number(r.QuarantinedCount), r.Error]));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Command Quarantine()
    {
        var source = new Option<string?>("--source") { Description = "Only this platform's records." };
        var resolved = new Option<bool>("--include-resolved") { Description = "Also list entries a later run resolved." };
        var warnings = new Option<bool>("--warnings") { Description = "Lists instead the records stored with fields left out, with a warning for each field." };
        var limit = LimitOption();
        var json = JsonOption();
        var command = Verb("quarantine", "Lists quarantined upstream records with the reason each was quarantined.", source, resolved, warnings, limit, json);
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await OperatorHost.StartAsync(parse, ct);
            var page = new PageRequest(parse.GetValue(limit));
            if (parse.GetValue(warnings))
            {
                var records = await host.Services.GetRequiredService<SourceRecordStore>().ListReadWarningsAsync(parse.GetValue(source), page, ct);
                if (parse.GetValue(json))
                {
                    await CliOutput.WriteJsonAsync(records.Items);
                    return ExitCodes.Success;
                }

                await CliOutput.WriteTableAsync(["source", "record", "run", "warnings"],
                    records.Items.Select(w => (IReadOnlyList<string?>)[w.Source, w.SourceId, CliOutput.Number(w.LastChangedRunId), string.Join("; ", w.Warnings)]));
                return ExitCodes.Success;
            }

            var entries = await host.Services.GetRequiredService<RunStore>().ListQuarantineAsync(parse.GetValue(source), parse.GetValue(resolved), page, ct);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(entries.Items);
                return ExitCodes.Success;
            }

            await CliOutput.WriteTableAsync(["id", "source", "record", "run", "quarantined", "resolved in run", "reason"],
                entries.Items.Select(q => (IReadOnlyList<string?>)[
                    CliOutput.Number(q.Id), q.Source, q.SourceId, CliOutput.Number(q.FirstSeenRunId), CliOutput.When(q.QuarantinedAt),
                    q.ResolvedInRunId is { } run ? CliOutput.Number(run) : "", q.Reason]));
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Command Sync()
    {
        var source = new Option<string>("--source") { Description = "The platform to sync (see `status`).", Required = true };
        var mode = new Option<string?>("--mode") { Description = "full (decides deletions) or incremental; absent: the configured default." };
        mode.AcceptOnlyFromAmong("full", "incremental");
        var confirm = new Option<bool>("--confirm-deletions") { Description = "Let the run delete more than the deletion guard allows." };
        var json = JsonOption();
        var command = Verb("sync",
            "Syncs one platform now, in this process, and exits with the run's outcome (0 succeeded, 10 partial, 11 held, 12 failed, 13 cancelled). "
            + "Ctrl+C or SIGTERM cancels the run; nothing of it is then published.",
            source, mode, confirm, json);
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(source)!;
            await using var host = await OperatorHost.StartAsync(parse, ct);
            var sync = host.Services.GetRequiredService<SyncService>();
            if (!sync.HasSource(name))
            {
                await Console.Error.WriteLineAsync($"error: '{name}' is not an enabled platform; enabled: {string.Join(", ", sync.Sources.Order(StringComparer.Ordinal))}.");
                return ExitCodes.Configuration;
            }

            var readMode = parse.GetValue(mode) is { } m ? Enum.Parse<ReadMode>(m, ignoreCase: true) : (ReadMode?)null;
            SyncRunView run;
            try
            {
                run = await host.Services.GetRequiredService<RunStore>()
                    .QueueRunAsync(name, readMode, parse.GetValue(confirm), "cli", OperatorHost.Actor, ct);
            }
            catch (RunConflictException conflict)
            {
                await Console.Error.WriteLineAsync($"error: {name} is already syncing (run {conflict.RunningRunId}); follow it with `runs --source {name}`.");
                return ExitCodes.Refused;
            }

            await host.BeatAsync(ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
            using var registration = host.Services.GetRequiredService<RunningRuns>().Register(run.Id, stop.Token);
            var outcome = await CliOutput.WithProgressAsync($"Syncing {name} (run {run.Id})",
                () => sync.RunAsync(new SyncRequest(name, readMode, "cli", parse.GetValue(confirm), run.Id, OperatorHost.Actor), registration.Token));
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(outcome);
            }
            else
            {
                await Console.Out.WriteLineAsync(
                    $"run {outcome.RunId} of {outcome.Source} {outcome.Status}: {outcome.ItemsRead} read, {outcome.New} new, {outcome.Changed} changed, "
                    + $"{outcome.Unchanged} unchanged, {outcome.Gone} gone, {outcome.HeldDeletions} deletions held, {outcome.Quarantined} quarantined, "
                    + $"{outcome.OrganisationsChanged} organisations changed");
                if (outcome.Error is { } error)
                {
                    await Console.Out.WriteLineAsync(outcome.Status == SyncRunStatus.Held
                        ? $"held: {error} Confirm with `confirm {outcome.RunId}` or reject with `reject {outcome.RunId}`."
                        : $"{outcome.Status}: {error}");
                }
            }

            return ExitCodes.OfRun(outcome.Status);

            void Cancel(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });
        return command;
    }

    internal static Command Confirm()
    {
        var id = new Argument<long>("run") { Description = "The held run whose deletions to carry out." };
        var json = JsonOption();
        var command = Verb("confirm", "Confirms a held run's deletions: a new run deletes the records the platform no longer lists.", id, json);
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(id);
            await using var host = await OperatorHost.StartAsync(parse, ct);
            if (await host.Services.GetRequiredService<RunStore>().GetPendingHoldAsync(runId, ct) is null)
            {
                return await NoPendingHoldAsync(host, runId, ct);
            }

            SyncOutcome? outcome;
            try
            {
                await host.BeatAsync(ct);
                outcome = await CliOutput.WithProgressAsync($"Deleting what run {runId} held",
                    () => host.Services.GetRequiredService<SyncPipeline>().ConfirmHeldDeletionsAsync(runId, OperatorHost.Actor, ct));
            }
            catch (RunConflictException conflict)
            {
                await Console.Error.WriteLineAsync($"error: run {conflict.RunningRunId} of the source is queued or running; confirm once it has ended.");
                return ExitCodes.Refused;
            }

            if (outcome is null)
            {
                return await NoPendingHoldAsync(host, runId, ct);
            }

            await host.Services.GetRequiredService<OperatorActionStore>()
                .RecordAsync(OperatorHost.Actor, "hold.confirm", $"run:{runId}", $"run {outcome.RunId} deleted {outcome.Gone}", ct);
            if (parse.GetValue(json))
            {
                await CliOutput.WriteJsonAsync(outcome);
            }
            else
            {
                await Console.Out.WriteLineAsync($"run {outcome.RunId} deleted {outcome.Gone} record(s) held by run {runId}; {outcome.OrganisationsChanged} organisations changed");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static Command Reject()
    {
        var id = new Argument<long>("run") { Description = "The held run whose deletions to drop." };
        var command = Verb("reject", "Rejects a held run's deletions: nothing is deleted.", id);
        command.SetAction(async (parse, ct) =>
        {
            var runId = parse.GetValue(id);
            await using var host = await OperatorHost.StartAsync(parse, ct);
            if (!await host.Services.GetRequiredService<RunStore>().RejectHoldAsync(runId, OperatorHost.Actor, ct))
            {
                return await NoPendingHoldAsync(host, runId, ct);
            }

            await host.Services.GetRequiredService<OperatorActionStore>().RecordAsync(OperatorHost.Actor, "hold.reject", $"run:{runId}", null, ct);
            await Console.Out.WriteLineAsync($"run {runId}: held deletions rejected; nothing was deleted");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> NoPendingHoldAsync(OperatorHost host, long runId, CancellationToken ct)
    {
        var run = await host.Services.GetRequiredService<RunStore>().FindRunAsync(runId, ct);
        await Console.Error.WriteLineAsync(run is null
            ? $"error: there is no run {runId}."
            : $"error: run {runId} holds no pending deletions (it is {run.Run.Status}{(run.Run.HoldResolution is { } r ? ", " + r : "")}).");
        return ExitCodes.Refused;
    }
}
