using Combigrad.Experiments.Training;
using Spectre.Console;

namespace Combigrad.Cli.Rendering;

/// <summary>The per-method comparison table of <c>combigrad demo</c>.</summary>
internal static class DemoTable
{
    public static Table Build(IReadOnlyList<(string Method, TrainingResult Result)> results, int testCount)
    {
        var table = new Table()
            .Title($"Test set ({testCount} instances) at the early-stopping epoch: decision quality under the true costs")
            .AddColumn("method")
            .AddColumn(new TableColumn("untrained regret").RightAligned())
            .AddColumn(new TableColumn("test regret").RightAligned())
            .AddColumn(new TableColumn("path accuracy").RightAligned())
            .AddColumn(new TableColumn("best epoch").RightAligned())
            .AddColumn(new TableColumn("solver calls").RightAligned())
            .AddColumn(new TableColumn("solver / network time").RightAligned());
        foreach (var (method, result) in results)
        {
            var trained = result.Epochs.Where(e => e.Epoch > 0).ToList();
            table.AddRow(
                Markup.Escape(method),
                Percent(result.Initial.Test[MetricNames.NormalizedRegret]),
                Percent(result.Best.Test[MetricNames.NormalizedRegret]),
                Percent(result.Best.Test[MetricNames.ExactMatch]),
                result.BestEpoch.ToString(),
                trained.Sum(e => e.SolverCalls).ToString("N0"),
                $"{trained.Sum(e => e.SolverSeconds):F1} s / {trained.Sum(e => e.NetworkSeconds):F1} s");
        }
        table.Caption("regret = sum <c, y(w_hat)> - <c, y*> over sum <c, y*>; path accuracy = share of exactly recovered paths");
        return table;
    }

    private static string Percent(double value) => $"{value * 100:F2} %";
}
