using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;

namespace Combigrad.Experiments.Tests;

public sealed class SweepTupleAxisTests
{
    [Fact]
    public void Points_TupleAxis_GivesOnlyTheListedRowsTimesTheOtherAxes()
    {
        var preset = Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "warcraft-table6.json"));
        var points = SweepPlan.Points(preset);
        Assert.Equal(2 * 3 * 3, points.Count);
        var rows = points.Select(p => p.Label).Distinct().ToList();
        Assert.Equal(6, rows.Count);
        Assert.Contains("method=bb, projection=sphere, training.noiseMagnitude=0", rows);
        Assert.DoesNotContain("method=identity, projection=sphere, training.noiseMagnitude=0.2", rows);
        Assert.Equal(18, points.Select(p => SweepPlan.RunKey(preset, p)).Distinct().Count());
    }

    [Fact]
    public void Report_Table6Preset_MatchesAPaperValueToEveryRow()
    {
        var preset = Preset.Load(Path.Combine(OptionsBinderTests.RepositoryRoot(), "configs", "warcraft-table6.json"));
        using var database = new ResultsDatabase(Path.Combine(TestOptions.TemporaryDirectory(), "r.db"));
        var data = ReportData.Collect(preset, database);
        Assert.Equal(6, data.Rows.Count);
        Assert.All(data.Rows, r => Assert.NotNull(r.Paper));
        Assert.Equal("101.2 ± 0.1", data.Rows.Single(r => r.Label == "method=identity, projection=sphere, training.noiseMagnitude=0").Paper);
        Assert.Equal("101.1 ± 0.1", data.Rows.Single(r => r.Label == "method=bb, projection=none, training.noiseMagnitude=0.2").Paper);
    }

    [Fact]
    public void Points_TupleOfWrongLength_ThrowsArgumentExceptionNamingTheAxis()
    {
        var path = Path.Combine(TestOptions.TemporaryDirectory(), "bad.json");
        File.WriteAllText(path, """{ "experiment": "shortest-path-demo", "sweep": { "projection, training.noiseMagnitude": [["none", 0], ["sphere"]] } }""");
        var error = Assert.Throws<ArgumentException>(() => SweepPlan.Points(Preset.Load(path)));
        Assert.Contains("'projection, training.noiseMagnitude'", error.Message);
    }
}
