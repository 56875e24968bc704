using Combigrad.Experiments.Demo;
using Spectre.Console;

namespace Combigrad.Cli.Rendering;

/// <summary>The per-method comparison table of <c>combigrad demo</c>.</summary>
internal static class DemoTable
{
    public static Table Build(IReadOnlyList<DemoMethodResult> results, ShortestPathDemoOptions options)
    {
        var table = new Table()
            .Title($"Test set ({options.TestCount} instances): decision quality under the true costs")
            .AddColumn("method")
            .AddColumn(new TableColumn("untrained regret").RightAligned())
            .AddColumn(new TableColumn("test regret").RightAligned())
            .AddColumn(new TableColumn("path accuracy").RightAligned())
            .AddColumn(new TableColumn("final train loss").RightAligned())
            .AddColumn(new TableColumn("solver calls").RightAligned())
            .AddColumn(new TableColumn("train time").RightAligned());
        foreach (var r in results)
        {
            table.AddRow(
                r.Method,
                Percent(r.Untrained.NormalizedRegret),
                Percent(r.Trained.NormalizedRegret),
                Percent(r.Trained.PathAccuracy),
                r.FinalTrainLoss.ToString("F4"),
                r.SolverCalls.ToString("N0"),
                $"{r.WallTime.TotalSeconds:F1} s");
        }
        table.Caption("regret = sum <c, y(w_hat)> - <c, y*> over sum <c, y*>; path accuracy = share of exactly recovered paths");
        return table;
    }

    private static string Percent(double value) => $"{value * 100:F2} %";
}
