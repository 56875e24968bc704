namespace Combigrad.Cli.Tests;

/// <summary><c>combigrad report</c> tells the truth: the options block comes from the runs in the database, and a
/// request that matches no run lists what the database holds instead of printing a table of dashes.</summary>
public sealed class ReportCommandTests(RecordedRunFixture recorded) : IClassFixture<RecordedRunFixture>
{
    [Fact]
    public void Report_MatchingRun_OptionsBlockIsTheRunsStoredOptions()
    {
        var scene = new FaultScene(recorded.Database);
        var database = scene.Recorded("r.db");
        var (exit, output, error) = CliProcess.RunApart(scene.Directory, unprivileged: false,
            "report", "--config", scene.Preset(), "--db", database, "--out", scene.PathOf("report"), "--seeds", "1");
        Assert.True(exit == 0, output + error);
        var markdown = File.ReadAllText(scene.PathOf("report/report.md"));
        Assert.Contains("Options of the 1 reported runs (from the results database)", markdown);
        // The preset names only a few options; the block shows the run's full stored options, defaults included.
        Assert.Contains("\"batchSize\": 32", markdown);
        Assert.Contains("\"gridSize\": 5", markdown);
    }

    [Fact]
    public void Report_NoMatchingRun_ListsTheHeldOptionSetsOneErrorLineExit2()
    {
        var scene = new FaultScene(recorded.Database);
        var database = scene.Recorded("r.db");
        var (exit, output, error) = CliProcess.RunApart(scene.Directory, unprivileged: false,
            "report", "--config", scene.Preset(), "--db", database, "--out", scene.PathOf("report"), "--seeds", "1", "--set", "training.epochs=3");
        Assert.True(exit == 2, output + error);
        Assert.Contains("training.epochs=2", output);
        Assert.Contains("1 completed", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--set training.epochs=3", line);
        Assert.Contains(database, line);
        Assert.False(Directory.Exists(scene.PathOf("report")), "no report of dashes is written");
        scene.AssertNothingLost();
    }
}
