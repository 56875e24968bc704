using System.Diagnostics;
using System.Runtime.InteropServices;
using Combigrad.Experiments.Results;
using Microsoft.Data.Sqlite;

namespace Combigrad.Cli.Tests;

/// <summary>
/// Process faults of <c>combigrad run</c> with real child processes: SIGKILL at seeded moments, damaged checkpoints,
/// a forgotten <c>--resume</c>, SIGINT and SIGTERM, the same run twice at once and a takeover after the lease expires.
/// The moments come from the <c>COMBIGRAD_TEST_FAULT</c> hook (point:occurrence:action), so each fault lands exactly where
/// the test says. Every recovered run must match an uninterrupted run's metrics bit for bit.
/// </summary>
public sealed class RunFaultTests(RunFaultTests.Baseline baseline) : IClassFixture<RunFaultTests.Baseline>
{
    private const int Epochs = 8;
    private const int BatchesPerEpoch = 5;
    private const int KilledExitCode = 128 + 9;
    private const string FaultVariable = "COMBIGRAD_TEST_FAULT";

    /// <summary>A tiny shortest-path run: 8 epochs of 5 batches, a second or two of training.</summary>
    private static readonly string[] Options =
    [
        "--experiment", "shortest-path-demo", "--quiet",
        "--set", "gridSize=5", "--set", "trainCount=50", "--set", "validationCount=20", "--set", "testCount=20",
        "--set", $"training.epochs={Epochs}", "--set", "training.batchSize=10", "--set", "training.noiseMagnitude=0.1",
    ];

    /// <summary>Timing metrics differ between runs; every other stored value must be identical.</summary>
    private static readonly HashSet<string> TimingMetrics = ["train/wall_seconds", "train/solver_seconds", "train/network_seconds"];

    /// <summary>The uninterrupted run every recovered run is compared with (trained once for the class).</summary>
    public sealed class Baseline
    {
        public Baseline()
        {
            var directory = CliProcess.TemporaryDirectory();
            var database = Path.Combine(directory, "uninterrupted.db");
            var (exit, _, error) = Cli(directory, null, ["run", "--db", database, .. Options]);
            Assert.True(exit == 0, error);
            Metrics = CompletedMetrics(database);
        }

        public IReadOnlyList<(int Epoch, string Metric, double Value)> Metrics { get; }
    }

    [Fact]
    public void Run_SigkillAtTwentySeededMoments_DatabaseIntactAndResumeMatchesUninterruptedRun()
    {
        // Five chains of four kills: the run is killed, then each --resume is killed again, then a last --resume finishes.
        // A moment is (point, occurrence in that process); the ranges keep every kill inside the epochs still to run.
        (string Point, int MaxOccurrence)[] points =
            [("batch", 2 * BatchesPerEpoch - 2), ("evaluation", 2), ("checkpoint-write", 2), ("checkpoint-rename", 2), ("commit", 2)];
        var random = new Random(20260611);
        var kills = 0;
        for (var chain = 0; chain < 5; chain++)
        {
            var directory = CliProcess.TemporaryDirectory();
            var database = Path.Combine(directory, "results", "combigrad.db");
            for (var k = 0; k < 4; k++)
            {
                var (point, max) = points[random.Next(points.Length)];
                var moment = $"{point}:{random.Next(1, max + 1)}:kill";
                string[] args = k == 0 ? ["run", "--db", database, .. Options] : ["run", "--db", database, "--resume", .. Options];
                var (exit, _, error) = Cli(directory, new() { [FaultVariable] = moment }, args);
                Assert.True(exit == KilledExitCode, $"chain {chain} kill {k} at {moment}: exit {exit}, {error}");
                kills++;
                Assert.Equal("ok", IntegrityCheck(database));
                AssertContiguousEpochs(database);
            }
            var (finalExit, _, finalError) = Cli(directory, null, ["run", "--db", database, "--resume", .. Options]);
            Assert.True(finalExit == 0, finalError);
            Assert.Equal(baseline.Metrics, CompletedMetrics(database));
        }
        Assert.Equal(20, kills);
    }

    [Fact]
    public void Run_AfterKillWithoutResume_Exit9OneLineAndCheckpointKept()
    {
        var (directory, database) = KilledRun("batch:17:kill");
        var checkpoint = SingleCheckpoint(directory);
        var before = File.ReadAllBytes(checkpoint);

        var (exit, _, error) = Cli(directory, null, ["run", "--db", database, .. Options]);

        Assert.Equal(9, exit);
        var line = OneLine(error);
        Assert.Contains("--resume", line);
        Assert.Contains("--restart", line);
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
        Assert.Equal(3, LastEpoch(database));
        Assert.Equal(RunStatus.Interrupted, SingleRun(database).Status);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    public void Resume_NewestCheckpointDamaged_FallsBackToPreviousAndMatchesUninterruptedRun(string damage)
    {
        var (directory, database) = KilledRun("batch:17:kill"); // killed in epoch 4: checkpoints of epochs 3 and 2
        var checkpoint = SingleCheckpoint(directory);
        Damage(checkpoint, damage);

        var (exit, _, error) = Cli(directory, null, ["run", "--db", database, "--resume", .. Options]);

        Assert.True(exit == 0, error);
        var warning = OneLine(error);
        Assert.Contains(checkpoint, warning);
        Assert.Contains("from epoch 2", warning);
        Assert.Equal(baseline.Metrics, CompletedMetrics(database));
    }

    [Fact]
    public void Resume_NoIntactCheckpoint_Exit5OneLineNamingTheFileNoEpochLostThenRestartCompletes()
    {
        var (directory, database) = KilledRun("batch:17:kill");
        var checkpoint = SingleCheckpoint(directory);
        Damage(checkpoint, "truncated");
        Damage(checkpoint + ".prev", "flipped");
        var metrics = AllMetrics(database);

        var (exit, _, error) = Cli(directory, null, ["run", "--db", database, "--resume", .. Options]);

        Assert.Equal(5, exit);
        var line = OneLine(error);
        Assert.Contains(checkpoint, line);
        Assert.Contains("--restart", line);
        Assert.Equal(metrics, AllMetrics(database));
        Assert.Equal(RunStatus.Interrupted, SingleRun(database).Status);

        var (restartExit, _, restartError) = Cli(directory, null, ["run", "--db", database, "--restart", .. Options]);
        Assert.True(restartExit == 0, restartError);
        Assert.Equal(baseline.Metrics, CompletedMetrics(database));
    }

    [Theory]
    [InlineData("sigint", 130, "SIGINT")]
    [InlineData("sigterm", 143, "SIGTERM")]
    public void Run_Signal_ExitCodeRunInterruptedThenResumeMatchesUninterruptedRun(string signal, int expectedExit, string name)
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "r.db");

        var (exit, _, error) = Cli(directory, new() { [FaultVariable] = $"batch:{2 * BatchesPerEpoch + 2}:{signal}" }, ["run", "--db", database, .. Options]);

        Assert.Equal(expectedExit, exit);
        var line = OneLine(error);
        Assert.Contains(name, line);
        Assert.Contains("--resume", line);
        Assert.Equal(RunStatus.Interrupted, SingleRun(database).Status);
        // The signal arrives in epoch 3 (its handler runs on another thread, so the stop may come a few batches later):
        // the epochs before it are kept and the run is not completed.
        Assert.InRange(LastEpoch(database), 2, Epochs - 1);

        var (resumeExit, _, resumeError) = Cli(directory, null, ["run", "--db", database, "--resume", .. Options]);
        Assert.True(resumeExit == 0, resumeError);
        Assert.Equal(baseline.Metrics, CompletedMetrics(database));
    }

    [Fact]
    public void Run_SameRunTwiceConcurrently_SecondExits8NamingOwnerFirstCompletesOtherRunsStayConcurrent()
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "r.db");
        // The first process pauses 10 s in its first epoch, after epoch 0 is recorded, holding the run.
        using var first = Start(directory, new() { [FaultVariable] = "batch:2:sleep10000" }, ["run", "--db", database, .. Options]);
        WaitUntil(() => LastEpochOrMinusOne(database) >= 0, first);

        using var otherSeed = Start(directory, null, ["run", "--db", database, .. Options, "--set", "training.seed=7"]);
        var (exit, _, error) = Cli(directory, null, ["run", "--db", database, .. Options]);

        Assert.Equal(8, exit);
        var line = OneLine(error);
        Assert.Contains($"pid {first.Process.Id}", line);
        Assert.Contains(Environment.MachineName, line);
        var (firstExit, firstError) = first.Wait();
        Assert.True(firstExit == 0, firstError);
        var (otherExit, otherError) = otherSeed.Wait();
        Assert.True(otherExit == 0, otherError);
        Assert.Equal(baseline.Metrics, CompletedMetrics(database, seed: 0));
    }

    [Fact]
    public void Run_OwnerStoppedPastItsLease_SecondTakesOverAndStaleOwnerWritesNothing()
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "r.db");
        var lease = new Dictionary<string, string> { ["COMBIGRAD_LEASE_SECONDS"] = "2", ["COMBIGRAD_HEARTBEAT_SECONDS"] = "0.5" };
        using var first = Start(directory, new(lease) { [FaultVariable] = $"batch:{BatchesPerEpoch + 2}:sleep4000" }, ["run", "--db", database, .. Options]);
        WaitUntil(() => LastEpochOrMinusOne(database) >= 1, first);
        Assert.Equal(0, SendSignal(first.Process.Id, SignalStop)); // frozen inside its sleep: no more heartbeats
        try
        {
            Thread.Sleep(TimeSpan.FromSeconds(3));
            var (exit, _, error) = Cli(directory, lease, ["run", "--db", database, "--resume", .. Options]);
            Assert.True(exit == 0, error);
        }
        finally
        {
            SendSignal(first.Process.Id, SignalContinue);
        }
        var (firstExit, firstError) = first.Wait();

        Assert.Equal(8, firstExit);
        Assert.Contains("taken over", OneLine(firstError));
        Assert.Equal(baseline.Metrics, CompletedMetrics(database));
    }

    [Fact]
    public void Sweep_Sigterm_PassedOnToItsRunsWhichStopInterruptedAndTheNextSweepFinishesThem()
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "r.db");
        var preset = Path.Combine(directory, "tiny.json");
        File.WriteAllText(preset, $$"""
            {
              "experiment": "shortest-path-demo",
              "options": { "gridSize": 5, "trainCount": 50, "validationCount": 20, "testCount": 20, "training": { "epochs": 3, "batchSize": 10 } },
              "sweep": { "method": ["identity", "bb"] },
              "seeds": 1
            }
            """);
        // Every run pauses in its first epoch, so both are running when the sweep is told to stop.
        using var sweep = Start(directory, new() { [FaultVariable] = "batch:2:sleep6000" }, ["sweep", "--config", preset, "--db", database, "--parallel", "2"]);
        WaitUntil(() => RunsWithStatus(database, RunStatus.Running) == 2, sweep);
        Assert.Equal(0, SendSignal(sweep.Process.Id, SignalTerminate));
        var (exit, error) = sweep.Wait();

        Assert.Equal(143, exit);
        Assert.Contains("SIGTERM", OneLine(error));
        Assert.Equal(2, RunsWithStatus(database, RunStatus.Interrupted));

        var (again, _, againError) = Cli(directory, null, ["sweep", "--config", preset, "--db", database]);
        Assert.True(again == 0, againError);
        Assert.Equal(2, RunsWithStatus(database, RunStatus.Completed));
    }

    private static int RunsWithStatus(string database, string status)
    {
        if (!File.Exists(database)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM runs WHERE status = $status;";
            command.Parameters.AddWithValue("$status", status);
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private const int SignalTerminate = 15;
    private const int SignalContinue = 18;
    private const int SignalStop = 19;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private (string Directory, string Database) KilledRun(string moment)
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "results", "combigrad.db");
        var (exit, _, error) = Cli(directory, new() { [FaultVariable] = moment }, ["run", "--db", database, .. Options]);
        Assert.True(exit == KilledExitCode, error);
        return (directory, database);
    }

    private static string SingleCheckpoint(string directory) =>
        Assert.Single(Directory.GetFiles(Path.Combine(directory, "results", "checkpoints"), "*.ckpt"));

    private static void Damage(string path, string damage)
    {
        var bytes = File.ReadAllBytes(path);
        if (damage == "truncated")
        {
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }
        else
        {
            bytes[bytes.Length * 3 / 4] ^= 0x10; // one bit in the model state
            File.WriteAllBytes(path, bytes);
        }
    }

    private static string OneLine(string stderr) => Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    private static void WaitUntil(Func<bool> condition, Child child)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.False(child.Process.HasExited, "the first process ended too early");
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the first process");
            Thread.Sleep(50);
        }
    }

    private static (int ExitCode, string Output, string Error) Cli(string directory, Dictionary<string, string>? environment, string[] args)
    {
        using var child = Start(directory, environment, args);
        var (exit, error) = child.Wait();
        return (exit, child.Output, error);
    }

    private static Child Start(string directory, Dictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(CliProcess.CliAssembly);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        return new Child(Process.Start(start)!);
    }

    /// <summary>A child process whose output is read as it comes (so a full pipe never blocks it).</summary>
    private sealed class Child(Process process) : IDisposable
    {
        private readonly Task<string> _output = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _error = process.StandardError.ReadToEndAsync();

        public Process Process => process;

        public string Output => _output.Result;

        public (int ExitCode, string Error) Wait()
        {
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("the child process did not finish within 3 minutes");
            }
            return (process.ExitCode, _error.Result);
        }

        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        return (string)check.ExecuteScalar()!;
    }

    private static void AssertContiguousEpochs(string database)
    {
        var epochs = AllMetrics(database).Select(m => m.Epoch).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, epochs.Count), epochs);
    }

    private static RunInfo SingleRun(string database)
    {
        using var results = new ResultsDatabase(database);
        return Assert.Single(results.GetRuns());
    }

    private static int LastEpoch(string database)
    {
        using var results = new ResultsDatabase(database);
        return results.LastEpoch(Assert.Single(results.GetRuns()).Id);
    }

    private static int LastEpochOrMinusOne(string database)
    {
        if (!File.Exists(database)) return -1;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(epoch), -1) FROM epoch_metrics;";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    private static List<(int Epoch, string Metric, double Value)> AllMetrics(string database)
    {
        using var results = new ResultsDatabase(database);
        var run = Assert.Single(results.GetRuns());
        return [.. results.GetMetrics(run.Id).Select(m => (m.Epoch, m.Split + "/" + m.Name, m.Value))];
    }

    private static List<(int Epoch, string Metric, double Value)> CompletedMetrics(string database, int? seed = null)
    {
        using var results = new ResultsDatabase(database);
        var runs = results.GetRuns();
        var run = seed is null ? Assert.Single(runs) : Assert.Single(runs, r => r.Seed == seed);
        Assert.Equal(RunStatus.Completed, run.Status);
        var metrics = results.GetMetrics(run.Id).Select(m => (m.Epoch, Metric: m.Split + "/" + m.Name, m.Value)).Where(m => !TimingMetrics.Contains(m.Metric)).ToList();
        Assert.Equal(Epochs, metrics.Max(m => m.Epoch));
        return metrics;
    }
}
