using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;

namespace Combigrad.Experiments.Tests;

public sealed class ResultsPlatformTests
{
    private static Preset TinyPreset(string directory)
    {
        var path = Path.Combine(directory, "tiny.json");
        File.WriteAllText(path, """
            {
              "experiment": "shortest-path-demo",
              "description": "tiny",
              "options": { "trainCount": 60, "validationCount": 20, "testCount": 30, "training": { "epochs": 2, "batchSize": 20 } },
              "sweep": { "method": ["identity", "bb"], "blackboxLambda": [20] },
              "seeds": 2,
              "report": { "scale": 100, "sweepAxis": "blackboxLambda", "paper": [ { "match": { "method": "bb" }, "value": "100.9 ± 0.1" } ] }
            }
            """);
        return Preset.Load(path);
    }

    private static void RunAll(Preset preset, ResultsDatabase database, IEnumerable<SweepPoint> points)
    {
        var runner = new ExperimentRunner(database);
        foreach (var point in points) runner.Run(ExperimentCatalog.Get(preset.Experiment), SweepPlan.Bind(preset, point), resume: false);
    }

    [Fact]
    public void Run_RecordsEveryEpochAndCompletesTheRun()
    {
        var directory = TestOptions.TemporaryDirectory();
        using var database = new ResultsDatabase(Path.Combine(directory, "r.db"));
        var preset = TinyPreset(directory);
        var point = SweepPlan.Points(preset)[0];
        RunAll(preset, database, [point]);

        var run = Assert.Single(database.GetRuns());
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal("identity", run.Method);
        Assert.NotNull(run.BestEpoch);
        Assert.Equal([0, 1, 2], database.GetMetrics(run.Id).Select(m => m.Epoch).Distinct().Order());
        Assert.Contains(database.GetMetrics(run.Id), m => m is { Split: "test", Name: "normalized_regret", Epoch: 2 });
    }

    [Fact]
    public void Points_WithVariants_CrossEachVariantWithTheGridAndBindAllItsKeys()
    {
        var directory = TestOptions.TemporaryDirectory();
        var path = Path.Combine(directory, "variants.json");
        File.WriteAllText(path, """
            {
              "experiment": "shortest-path-demo",
              "variants": [ { "method": "identity", "projection": "plane+sphere" }, { "method": "bb", "projection": "none" } ],
              "sweep": { "training.noiseMagnitude": [0, 0.2] },
              "seeds": 2
            }
            """);
        var preset = Preset.Load(path);
        var points = SweepPlan.Points(preset);
        Assert.Equal(2 * 2 * 2, points.Count);
        Assert.Equal(
            ["method=identity, projection=plane+sphere, training.noiseMagnitude=0", "method=identity, projection=plane+sphere, training.noiseMagnitude=0.2",
             "method=bb, projection=none, training.noiseMagnitude=0", "method=bb, projection=none, training.noiseMagnitude=0.2"],
            points.Select(p => p.Label).Distinct());
        var bb = (Demo.ShortestPathDemoOptions)SweepPlan.Bind(preset, points[^1]);
        Assert.Equal(("bb", "none", 0.2, 1), (bb.Method, bb.Projection, bb.Training.NoiseMagnitude, bb.Training.Seed));
        var identity = (Demo.ShortestPathDemoOptions)SweepPlan.Bind(preset, points[0]);
        Assert.Equal("plane+sphere", identity.Projection);
    }

    [Fact]
    public void Pending_AfterSomeRunsComplete_SkipsThem()
    {
        var directory = TestOptions.TemporaryDirectory();
        using var database = new ResultsDatabase(Path.Combine(directory, "r.db"));
        var preset = TinyPreset(directory);
        var all = SweepPlan.Points(preset);
        Assert.Equal(4, all.Count);
        RunAll(preset, database, all.Take(3));

        var pending = Assert.Single(SweepPlan.Pending(preset, database));
        Assert.Equal((all[3].Label, all[3].Seed), (pending.Label, pending.Seed));

        var outcome = new ExperimentRunner(database).Run(ExperimentCatalog.Get(preset.Experiment), SweepPlan.Bind(preset, all[0]), resume: false);
        Assert.True(outcome.Skipped);
    }

    [Fact]
    public void Report_TinyDatabase_WritesMarkdownTableHtmlAndPngFigures()
    {
        var directory = TestOptions.TemporaryDirectory();
        using var database = new ResultsDatabase(Path.Combine(directory, "r.db"));
        var preset = TinyPreset(directory);
        RunAll(preset, database, SweepPlan.Points(preset));

        var data = ReportData.Collect(preset, database);
        Assert.Equal(2, data.Rows.Count);
        Assert.All(data.Rows, r => Assert.Equal(2, r.Values.Count));
        Assert.Equal("100.9 ± 0.1", data.Rows.Single(r => r.GridValues["method"] == "bb").Paper);

        var written = ReportWriter.Write(data, Path.Combine(directory, "report"));
        var markdown = File.ReadAllText(written.Markdown);
        Assert.Contains("| method=identity, blackboxLambda=20 |", markdown);
        Assert.Contains(written.Figures, f => Path.GetFileName(f) == "figure-sweep.png");
        Assert.Equal(2, data.SweepSeries.Count);
        Assert.Contains("100.9 ± 0.1", markdown);
        Assert.Contains(ReportWriter.Format(data.Rows[0]), markdown);
        Assert.NotEmpty(written.Figures);
        foreach (var png in written.Figures)
        {
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 1000);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")));
        }
        Assert.Contains("data:image/png;base64,", File.ReadAllText(written.Html));
    }

    [Fact]
    public void MergeFrom_PerRunDatabases_CombinesRunsOnce()
    {
        var directory = TestOptions.TemporaryDirectory();
        var preset = TinyPreset(directory);
        var points = SweepPlan.Points(preset);
        for (var i = 0; i < 2; i++)
        {
            using var job = new ResultsDatabase(Path.Combine(directory, $"job{i}.db"));
            RunAll(preset, job, [points[i]]);
        }
        using var merged = new ResultsDatabase(Path.Combine(directory, "merged.db"));
        Assert.Equal(1, merged.MergeFrom(Path.Combine(directory, "job0.db")));
        Assert.Equal(1, merged.MergeFrom(Path.Combine(directory, "job1.db")));
        Assert.Equal(0, merged.MergeFrom(Path.Combine(directory, "job1.db")));
        Assert.Equal(2, merged.GetRuns().Count(r => r.Status == RunStatus.Completed));
        Assert.Equal(2, SweepPlan.Pending(preset, merged).Count);
        Assert.All(merged.GetRuns(), r => Assert.NotEmpty(merged.GetMetrics(r.Id)));
    }
}
