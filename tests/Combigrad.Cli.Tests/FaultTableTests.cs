using System.Text.RegularExpressions;
using Combigrad.Experiments.Faults;

namespace Combigrad.Cli.Tests;

/// <summary>Builds, once, the results database every fault row starts from: one tiny completed run.</summary>
public sealed class RecordedRunFixture
{
    public RecordedRunFixture()
    {
        var directory = CliProcess.TemporaryDirectory();
        Database = Path.Combine(directory, "recorded.db");
        var (exit, output) = CliProcess.Run(directory, ["run", "--db", Database, "--quiet", .. FaultTableTests.TinyRun]);
        Assert.True(exit == 0, output);
    }

    /// <summary>The template database (closed, so its WAL is checkpointed into the file).</summary>
    public string Database { get; }
}

/// <summary>
/// The fault table of issue 16: each row builds a faulty environment, runs the CLI as a child process, and expects one
/// exit code (<see cref="FaultKind"/>) and exactly one line on standard error that names the file or key; afterwards
/// no epoch of a previously recorded run is lost and no file the CLI could not use is changed.
/// </summary>
/// <remarks>
/// Permission faults: CI runs as root, where permission bits do not stop writes. Rows marked
/// <see cref="FaultRow.Unprivileged"/> therefore run the child as the user <c>nobody</c> (<c>runuser</c>) when the
/// tests run as root; the read-only folders are mode 0555 and owned by root, so nobody really cannot write there.
/// As a normal user the mode bits alone deny the write.
/// </remarks>
public sealed class FaultTableTests(RecordedRunFixture recorded) : IClassFixture<RecordedRunFixture>
{
    /// <summary>The options of the tiny run recorded in every scene's database (and of the runs the rows attempt).</summary>
    public static readonly string[] TinyRun =
    [
        "--experiment", "shortest-path-demo", "--set", "gridSize=5", "--set", "trainCount=20", "--set", "validationCount=5",
        "--set", "testCount=5", "--set", "training.epochs=2",
    ];

    /// <summary>One fault: how to build it (returns the CLI arguments), the exit code, and what the error line must name.</summary>
    /// <param name="Name">The row's name in test output.</param>
    /// <param name="Setup">Builds the faulty environment in the scene and returns the arguments of the CLI.</param>
    /// <param name="Expected">The fault class; its value is the expected exit code.</param>
    /// <param name="Names">Fragments the one stderr line must contain (file path, key, flag, suggestion).</param>
    /// <param name="Unprivileged">Run the child as an unprivileged user when the tests run as root.</param>
    public sealed record FaultRow(string Name, Func<FaultScene, string[]> Setup, FaultKind Expected, Func<FaultScene, string[]> Names, bool Unprivileged = false)
    {
        public override string ToString() => Name;
    }

    /// <summary>The rows. To add a fault, add a row; <see cref="Fault_OneLineNamingItExitCodeOfItsClassNothingLost"/> runs it.</summary>
    public static readonly IReadOnlyList<FaultRow> Rows =
    [
        new("read-only folder for --db",
            s => ["run", "--db", Path.Combine(s.ReadOnlyFolder("readonly", "r.db"), "r.db"), "--quiet", "--force", .. TinyRun],
            FaultKind.FileAccess, s => [s.PathOf("readonly/r.db")], Unprivileged: true),
        new("read-only folder for a new --db",
            s => ["run", "--db", Path.Combine(s.ReadOnlyFolder("readonly"), "new.db"), "--quiet", .. TinyRun],
            FaultKind.FileAccess, s => [s.PathOf("readonly/new.db")], Unprivileged: true),
        new("random-bytes database: run",
            s => ["run", "--db", s.RandomBytes("junk.db"), "--quiet", .. TinyRun],
            FaultKind.ResultsDatabase, s => [s.PathOf("junk.db"), "not a"]),
        new("random-bytes database: report",
            s => ["report", "--config", s.Preset(), "--db", s.RandomBytes("junk.db"), "--out", s.PathOf("report")],
            FaultKind.ResultsDatabase, s => [s.PathOf("junk.db")]),
        new("random-bytes database: merge source",
            s => ["merge", "--into", s.Recorded("into.db"), s.RandomBytes("junk.db")],
            FaultKind.ResultsDatabase, s => [s.PathOf("junk.db")]),
        new("random-bytes database: merge target",
            s => ["merge", "--into", s.RandomBytes("junk.db"), s.Recorded("source.db")],
            FaultKind.ResultsDatabase, s => [s.PathOf("junk.db")]),
        new("unwritable data directory: data fetch",
            s => ["data", "fetch", "warcraft", "--data-dir", s.ReadOnlyFolder("cache")],
            FaultKind.FileAccess, s => [s.PathOf("cache")], Unprivileged: true),
        new("unwritable data directory: run",
            s => ["run", "--experiment", "globe-tsp", "--set", $"dataDirectory={s.ReadOnlyFolder("cache")}", "--db", s.Recorded("r.db"), "--quiet"],
            FaultKind.FileAccess, s => [s.PathOf("cache")], Unprivileged: true),
        new("wrong-type --set",
            s => ["run", "--db", s.Recorded("r.db"), "--quiet", .. TinyRun, "--set", "training.epochs=two"],
            FaultKind.Usage, _ => ["'training.epochs'", "\"two\"", "an integer"]),
        new("unknown --set key",
            s => ["run", "--db", s.Recorded("r.db"), "--quiet", .. TinyRun, "--set", "training.epohcs=3"],
            FaultKind.Usage, _ => ["'training.epohcs'"]),
        new("mistyped flag that is an option key: run --epochs",
            s => ["run", "--db", s.Recorded("r.db"), "--epochs", "1", .. TinyRun],
            FaultKind.Usage, _ => ["'--epochs'", "'--set training.epochs=1'"]),
        new("mistyped flag: sweep --seed",
            s => ["sweep", "--config", s.Preset(), "--db", s.Recorded("r.db"), "--seed", "1"],
            FaultKind.Usage, _ => ["'--seed'", "'--seeds'"]),
        new("flag of another command: run --data-dir",
            s => ["run", "--db", s.Recorded("r.db"), "--data-dir", s.PathOf("cache"), .. TinyRun],
            FaultKind.Usage, s => ["'--data-dir'", $"'--set dataDirectory={s.PathOf("cache")}'"]),
        new("extra argument",
            s => ["run", "--db", s.Recorded("r.db"), "extra", .. TinyRun],
            FaultKind.Usage, _ => ["'extra'"]),
        new("mistyped command",
            _ => ["rnu", "--quiet"],
            FaultKind.Usage, _ => ["'rnu'", "'run'"]),
        new("flag value of the wrong type",
            s => ["sweep", "--config", s.Preset(), "--db", s.Recorded("r.db"), "--seeds", "three"],
            FaultKind.Usage, _ => ["'--seeds'", "'three'", "an integer"]),
        new("conflicting --config and --experiment",
            s => ["run", "--config", s.Preset(), "--experiment", "globe-tsp", "--db", s.Recorded("r.db")],
            FaultKind.Usage, s => ["--config", "--experiment globe-tsp"]),
        new("data set that is not built",
            s => ["data", "build", "mnist", "--data-dir", s.PathOf("cache")],
            FaultKind.Usage, _ => ["'data build mnist'"]),
        new("--only that matches no solver",
            _ => ["bench", "solvers", "--only", "no-such-solver"],
            FaultKind.Usage, _ => ["--only no-such-solver"]),
        new("option that does not apply: data show --db without --run",
            s => ["data", "show", "warcraft", "--db", s.Recorded("r.db"), "--data-dir", s.PathOf("cache")],
            FaultKind.Usage, s => [$"--db {s.PathOf("r.db")}", "--run"]),
        new("option before the branch's command",
            _ => ["data", "--bogus"],
            FaultKind.Usage, _ => ["'--bogus'", "fetch, build, show"]),
        new("missing preset",
            s => ["run", "--config", s.PathOf("nope.json"), "--db", s.Recorded("r.db")],
            FaultKind.Usage, s => [s.PathOf("nope.json")]),
    ];

    public static TheoryData<string> RowNames => [.. Rows.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RowNames))]
    public void Fault_OneLineNamingItExitCodeOfItsClassNothingLost(string row) => Check(Rows.Single(r => r.Name == row));

    /// <summary>An unknown flag on every command of the app, as its own help lists them.</summary>
    [Fact]
    public void UnknownFlag_EveryCommand_OneLineNamingItExitCode2()
    {
        var commands = Commands();
        Assert.Contains("run", commands.Keys);
        Assert.Contains("bench solvers", commands.Keys);
        Assert.Contains("data show", commands.Keys);
        foreach (var (command, arguments) in commands)
        {
            Check(new FaultRow($"unknown flag: {command}",
                s => [.. command.Split(' '), .. arguments.Select(_ => "x"), "--no-such-flag", "1"],
                FaultKind.Usage, _ => ["'--no-such-flag'", $"'combigrad {command}'"]));
        }
    }

    [Fact]
    public void Help_ListsEveryExitCode()
    {
        var (exit, output, _) = CliProcess.RunApart(CliProcess.TemporaryDirectory(), unprivileged: false, "--help");
        Assert.Equal(0, exit);
        var listed = output[output.IndexOf("EXIT CODES", StringComparison.Ordinal)..];
        foreach (var kind in Enum.GetValues<FaultKind>())
            Assert.Matches(new Regex($@"^\s+{(int)kind}\s+\S", RegexOptions.Multiline), listed);
    }

    private void Check(FaultRow row)
    {
        var scene = new FaultScene(recorded.Database);
        var args = row.Setup(scene);
        var (exit, output, error) = CliProcess.RunApart(scene.Directory, row.Unprivileged, args);
        var context = $"{row.Name}: exit {exit}\nstdout: {output}\nstderr: {error}";
        Assert.True(exit == (int)row.Expected, context);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, context);
        Assert.StartsWith("error: ", lines[0]);
        foreach (var fragment in row.Names(scene)) Assert.True(lines[0].Contains(fragment, StringComparison.Ordinal), $"'{fragment}' missing; {context}");
        scene.AssertNothingLost();
    }

    /// <summary>Every command path of the app ("run", "bench solvers") with the names of its arguments, read from the
    /// COMMANDS section of <c>--help</c> (and of each branch's help).</summary>
    private static Dictionary<string, string[]> Commands()
    {
        var commands = new Dictionary<string, string[]>();
        foreach (var (name, arguments) in HelpCommands([]))
        {
            var sub = HelpCommands([name]);
            if (sub.Count == 0) commands[name] = arguments;
            else foreach (var (leaf, leafArguments) in sub) commands[$"{name} {leaf}"] = leafArguments;
        }
        return commands;
    }

    private static List<(string Name, string[] Arguments)> HelpCommands(string[] path)
    {
        var (exit, output, error) = CliProcess.RunApart(CliProcess.TemporaryDirectory(), unprivileged: false, [.. path, "--help"]);
        Assert.True(exit == 0, error);
        var start = output.IndexOf("COMMANDS:", StringComparison.Ordinal);
        if (start < 0) return [];
        var section = output[(start + "COMMANDS:".Length)..];
        var end = section.IndexOf("EXIT CODES:", StringComparison.Ordinal);
        if (end >= 0) section = section[..end];
        return [.. Regex.Matches(section, @"^ {4}([a-z][a-z-]*)((?: <[A-Z]+>)*)", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)))];
    }
}
