using Combigrad.Experiments.Reports;

namespace Combigrad.Experiments.Tests.Reports;

public sealed class FigureWriterTests
{
    private const int Width = 720;
    private const int Height = 420;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void EpochPlot_FewOrManyEpochs_EveryLabelledTickIsAWholeEpoch(int epochs)
    {
        double[] x = [.. Enumerable.Range(0, epochs + 1).Select(e => (double)e)];
        var plot = FigureWriter.EpochPlot([new Curve("bb", x, [.. x.Select(e => 1 / (1 + e))], BestEpoch: 1)]);
        plot.GetImage(Width, Height).Dispose();
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToList();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position));
    }

    [Fact]
    public void EpochPlot_BestEpochMarkers_OneLegendEntryExplainsThem()
    {
        double[] x = [0, 1, 2];
        var plot = FigureWriter.EpochPlot([new Curve("identity", x, [3, 2, 1], BestEpoch: 2), new Curve("bb", x, [3, 1, 2], BestEpoch: 1)]);
        var entry = Assert.Single(plot.Legend.ManualItems);
        Assert.Equal(FigureWriter.BestEpochLegend, entry.LabelText);
        Assert.Equal(ScottPlot.MarkerShape.FilledDiamond, entry.MarkerShape);
    }

    [Fact]
    public void EpochPlot_NoBestEpoch_NoMarkerLegend() =>
        Assert.Empty(FigureWriter.EpochPlot([new Curve("bb", [0, 1], [2, 1], BestEpoch: null)]).Legend.ManualItems);

    [Fact]
    public void RunOptions_ThreeRuns_SharedOptionsAndTheKeysThatVary()
    {
        var options = RunOptions.Of([
            """{"method":"bb","training":{"epochs":2,"seed":0}}""",
            """{"method":"bb","training":{"epochs":2,"seed":1}}""",
            """{"method":"identity","training":{"epochs":2,"seed":0}}""",
        ]);
        Assert.Equal("""{"training":{"epochs":2}}""", options.Shared.ToJsonString());
        Assert.Equal(["method", "training.seed"], options.Varying.Keys);
        Assert.Equal(["\"bb\"", "\"identity\""], options.Varying["method"]);
        Assert.Contains("varies between runs: training.seed = 0 | 1", options.Describe());
    }

    [Fact]
    public void RunOptions_Differences_TheSetThatSelectsTheStoredRun()
    {
        var differences = RunOptions.Differences("""{"a":1,"t":{"e":2,"s":0}}""", """{"a":1,"t":{"e":10,"s":0}}""", new HashSet<string>());
        Assert.Equal(["t.e=2"], differences);
    }
}
