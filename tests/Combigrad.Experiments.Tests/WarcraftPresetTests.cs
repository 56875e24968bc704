using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Combigrad.Experiments.Warcraft;

namespace Combigrad.Experiments.Tests;

public sealed class WarcraftPresetTests
{
    private static Preset Table6() => Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "warcraft-table6.json"));

    [Fact]
    public void Points_Table6_AreTheThreeRowsTimesTwoMethodsTimesThreeSeeds()
    {
        var preset = Table6();
        var points = SweepPlan.Points(preset);
        Assert.Equal(3 * 2 * 3, points.Count);
        var rows = points.Select(p => p.Label).Distinct().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Contains("projection=sphere, training.noiseMagnitude=0, method=bb", rows);
        Assert.DoesNotContain(rows, r => r.Contains("projection=sphere") && r.Contains("noiseMagnitude=0.2"));
        Assert.Equal(18, points.Select(p => SweepPlan.RunKey(preset, p)).Distinct().Count());
        var options = (WarcraftOptions)SweepPlan.Bind(preset, points[^1]);
        Assert.Equal(("identity", "none", 0.2, 2), (options.Method, options.Projection, options.Training.NoiseMagnitude, options.Training.Seed));
        Assert.Equal((50, 70, 5e-3, 31), (options.Training.Epochs, options.Training.BatchSize, options.Training.LearningRate, options.Training.LearningRateMilestones.Single()));
    }

    [Fact]
    public void Report_Table6Preset_MatchesAPaperValueToEveryRow()
    {
        using var database = new ResultsDatabase(Path.Combine(TestOptions.TemporaryDirectory(), "r.db"));
        var data = ReportData.Collect(Table6(), database);
        Assert.Equal(6, data.Rows.Count);
        Assert.All(data.Rows, r => Assert.NotNull(r.Paper));
        Assert.Equal("101.2 ± 0.1", data.Rows.Single(r => r.Label == "projection=sphere, training.noiseMagnitude=0, method=identity").Paper);
        Assert.Equal("101.1 ± 0.1", data.Rows.Single(r => r.Label == "projection=none, training.noiseMagnitude=0.2, method=bb").Paper);
    }
}
