using Combigrad.Experiments.Results;
using Microsoft.Data.Sqlite;

namespace Combigrad.Cli.Tests;

public sealed class RunCommandTests
{
    [Fact]
    public void Run_BadSetKey_OneLineErrorNamingTheKeyAndExitCode2()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, "run", "--experiment", "shortest-path-demo", "--set", "training.epohcs=3", "--db", "r.db");
        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'training.epohcs'", line);
    }

    [Fact]
    public void Run_BadSetValue_OneLineErrorNamingTheKey()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, "run", "--experiment", "shortest-path-demo", "--set", "training.batchSize=-1", "--db", "r.db");
        Assert.Equal(2, exit);
        Assert.Contains("'training.batchSize'", Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Run_MissingPreset_OneLineError()
    {
        var directory = CliProcess.TemporaryDirectory();
        var (exit, output) = CliProcess.Run(directory, "run", "--config", "configs/nope.json");
        Assert.Equal(2, exit);
        Assert.Contains("no preset at configs/nope.json", output);
    }

    [Fact]
    public void Run_KilledMidEpoch_DatabaseIntactRunInterruptedAndResumeMatchesUninterruptedRun()
    {
        var directory = CliProcess.TemporaryDirectory();
        var database = Path.Combine(directory, "results", "combigrad.db");
        string[] options =
        [
            "--experiment", "shortest-path-demo", "--quiet",
            "--set", "gridSize=10", "--set", "trainCount=1500", "--set", "validationCount=50", "--set", "testCount=50",
            "--set", "training.epochs=8", "--set", "training.batchSize=25", "--set", "training.noiseMagnitude=0.1",
        ];
        string[] args = ["run", "--db", database, .. options];
        using (var child = CliProcess.Start(directory, args))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (CompletedEpochs(database) < 2 && DateTime.UtcNow < deadline && !child.HasExited) Thread.Sleep(200);
            Assert.False(child.HasExited, "the run ended before it could be killed");
            Thread.Sleep(300); // now somewhere inside the next epoch
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", check.ExecuteScalar());
        }
        using (var results = new ResultsDatabase(database))
        {
            var run = Assert.Single(results.GetRuns());
            Assert.Equal(RunStatus.Interrupted, run.Status);
            Assert.True(results.LastEpoch(run.Id) >= 2);
            var epochs = results.GetMetrics(run.Id).Where(m => m.Split == "test" && m.Name == "normalized_regret").Select(m => m.Epoch).ToList();
            Assert.Equal(Enumerable.Range(0, epochs.Count), epochs);
        }

        var (resumeExit, resumeOutput) = CliProcess.Run(directory, ["run", "--db", database, "--resume", .. options]);
        Assert.True(resumeExit == 0, resumeOutput);
        var uninterruptedDatabase = Path.Combine(directory, "uninterrupted.db");
        var (exit, output) = CliProcess.Run(directory, ["run", "--db", uninterruptedDatabase, .. options]);
        Assert.True(exit == 0, output);
        Assert.Equal(TestMetrics(uninterruptedDatabase), TestMetrics(database));
    }

    private static List<(int, string, double)> TestMetrics(string database)
    {
        using var results = new ResultsDatabase(database);
        var run = Assert.Single(results.GetRuns());
        Assert.Equal(RunStatus.Completed, run.Status);
        return [.. results.GetMetrics(run.Id).Where(m => m.Split != "train" || m.Name == "loss").Select(m => (m.Epoch, m.Split + "/" + m.Name, m.Value))];
    }

    private static int CompletedEpochs(string database)
    {
        if (!File.Exists(database)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(epoch), 0) FROM epoch_metrics;";
            return Convert.ToInt32(command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
