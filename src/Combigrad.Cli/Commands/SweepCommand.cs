using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Combigrad.Cli.Rendering;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>
/// <c>combigrad sweep</c>: runs every (grid point x seed) of a preset that is not yet complete in the database, each as
/// a <c>combigrad run</c> child process, up to <c>--parallel</c> at a time; or writes those commands to a job file.
/// </summary>
public sealed class SweepCommand : Command<SweepSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken)
    {
        if (SlurmSweep.Applies(settings)) return SlurmSweep.Execute(context, settings);
        var preset = Preset.Load(settings.Config);
        var all = SweepPlan.Points(preset, settings.Seeds);
        IReadOnlyList<SweepPoint> pending;
        using (var database = new ResultsDatabase(settings.Database))
            pending = SweepPlan.Pending(preset, database, settings.Seeds, settings.Set);

        if (settings.EmitJobs is not null)
        {
            var lines = pending.Select((p, i) => string.Join(' ', RunCommandLine(settings, p, JobDatabase(settings.Database, i)).Select(Quote)));
            File.WriteAllLines(settings.EmitJobs, lines);
            if (settings.Mode == OutputMode.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new { jobs = settings.EmitJobs, runs = pending.Count }));
                return 0;
            }
            AnsiConsole.MarkupLine($"wrote {pending.Count} run commands to {Markup.Escape(settings.EmitJobs)}; run them anywhere, then 'combigrad merge --into {Markup.Escape(settings.Database)} <their databases>'.");
            return 0;
        }

        if (settings.Mode == OutputMode.Interactive)
            AnsiConsole.MarkupLine($"sweep {Markup.Escape(Path.GetFileName(settings.Config))}: {all.Count} runs, {all.Count - pending.Count} already complete, {pending.Count} to run, {settings.Parallel} at a time");
        var failures = 0;
        // A failed run's own exit code (its fault class), not a generic 1, which would claim a bug.
        var firstFailure = 0;
        var finished = 0;
        using var signals = new StopSignals(cancellationToken);
        try
        {
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallel, CancellationToken = signals.Token }, point =>
            {
                var exit = RunChild(RunCommandLine(settings, point, settings.Database), signals);
                var done = Interlocked.Increment(ref finished);
                if (exit != 0)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, exit, 0);
                }
                if (settings.Mode == OutputMode.Json)
                    lock (pending) Console.WriteLine(JsonSerializer.Serialize(new { run = point.Label, seed = point.Seed, exit }));
                else if (settings.Mode == OutputMode.Interactive)
                    AnsiConsole.MarkupLine($"[grey][[{done}/{pending.Count}]][/] {Markup.Escape(point.Label)} seed {point.Seed}: {(exit == 0 ? "[green]done[/]" : $"[red]failed (exit {exit})[/]")}");
            });
        }
        catch (OperationCanceledException) when (signals.Received is { } stopped)
        {
            throw new FaultException(stopped,
                $"stopped by {signals.SignalName}: the runs in progress are recorded as interrupted in {settings.Database}; run the same sweep command again to resume them.");
        }
        if (settings.Mode == OutputMode.Json)
            Console.WriteLine(JsonSerializer.Serialize(new { runs = all.Count, alreadyComplete = all.Count - pending.Count, ran = pending.Count, failed = failures }));
        else
            AnsiConsole.MarkupLine($"sweep {Markup.Escape(Path.GetFileName(settings.Config))}: {pending.Count - failures} of {pending.Count} runs done, {failures} failed, {all.Count - pending.Count} were already complete");
        return firstFailure;
    }

    private static string[] RunCommandLine(SweepSettings settings, SweepPoint point, string database)
    {
        var args = new List<string>(Launcher()) { "run", "--config", Path.GetFullPath(settings.Config), "--db", database, "--quiet", "--resume" };
        foreach (var assignment in point.Assignments.Concat(settings.Set)) args.AddRange(["--set", assignment]);
        return [.. args];
    }

    /// <summary>How to start this CLI again: the apphost itself, or 'dotnet &lt;dll&gt;'.</summary>
    private static string[] Launcher()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var assembly = Assembly.GetEntryAssembly()!.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, assembly] : [process];
    }

    private static int RunChild(string[] commandLine, StopSignals signals)
    {
        var start = new ProcessStartInfo(commandLine[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in commandLine.Skip(1)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A stop signal is passed on: each run abandons its epoch and records itself interrupted, and the sweep waits for that.
        using var registration = signals.Token.Register(() => signals.Forward(process));
        process.WaitForExit();
        if (process.ExitCode != 0) lock (errors) foreach (var line in errors.TakeLast(5)) AnsiConsole.MarkupLine($"[red]  {Markup.Escape(line)}[/]");
        return process.ExitCode;
    }

    private static string JobDatabase(string database, int index) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database))!, "jobs", $"run-{index:D4}.db");

    private static string Quote(string arg) => arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$') ? "'" + arg.Replace("'", "'\\''") + "'" : arg;
}
