using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;

namespace Combigrad.Experiments.Reports;

/// <summary>Everything a report shows, read from the results database for one preset.</summary>
public sealed class ReportData
{
    private ReportData() { }

    /// <summary>The preset.</summary>
    public required Preset Preset { get; init; }

    /// <summary>The table's test metric.</summary>
    public required string Metric { get; init; }

    /// <summary>The table's column label.</summary>
    public required string MetricLabel { get; init; }

    /// <summary>One row per grid point.</summary>
    public required IReadOnlyList<ReportRow> Rows { get; init; }

    /// <summary>Figures: title -&gt; y-axis label and curves.</summary>
    public required IReadOnlyList<(string Title, string YLabel, IReadOnlyList<Curve> Curves)> Figures { get; init; }

    /// <summary>The metric against the preset's sweep axis (empty when it has none): one series per other-key combination.</summary>
    public required IReadOnlyList<SweepSeries> SweepSeries { get; init; }

    /// <summary>Commits the completed runs were made with.</summary>
    public required IReadOnlyList<string> Commits { get; init; }

    /// <summary>The completed runs the report shows, in table order.</summary>
    public required IReadOnlyList<RunInfo> ReportedRuns { get; init; }

    /// <summary>The options the reported runs were made with (from the database), or null when no run matched.</summary>
    public RunOptions? RunOptions => ReportedRuns.Count == 0 ? null : RunOptions.Of([.. ReportedRuns.Select(r => r.OptionsJson)]);

    /// <summary>The heading of <see cref="OptionsText"/>.</summary>
    public string OptionsHeading => ReportedRuns.Count == 0
        ? "No completed run matches; the options of the preset"
        : $"Options of the {ReportedRuns.Count} reported runs (from the results database)";

    /// <summary>Collects the report of <paramref name="preset"/> from <paramref name="database"/>; <paramref name="overrides"/>
    /// are the <c>--set</c> assignments and <paramref name="seeds"/> the seed count the sweep was run with.</summary>
    public static ReportData Collect(Preset preset, ResultsDatabase database, IReadOnlyList<string>? overrides = null, int? seeds = null)
    {
        var experiment = ExperimentCatalog.Get(preset.Experiment);
        var metric = preset.Report.Metric ?? experiment.HeadlineMetric;
        var scale = preset.Report.Scale;
        var rows = new List<ReportRow>();
        var testCurves = new List<Curve>();
        var lossCurves = new List<Curve>();
        var normCurves = new List<Curve>();
        var commits = new SortedSet<string>();
        var reported = new List<RunInfo>();
        foreach (var group in SweepPlan.Points(preset, seeds).GroupBy(p => p.Label))
        {
            var points = group.ToList();
            var gridValues = points[0].GridValues.ToDictionary(p => p.Key, p => p.Value.Trim('"'));
            var values = new List<double>();
            var perRunMetrics = new List<IReadOnlyList<MetricRow>>();
            var bestEpochs = new List<int>();
            foreach (var point in points)
            {
                var run = database.FindRun(SweepPlan.RunKey(preset, point, overrides));
                if (run is not { Status: RunStatus.Completed, BestEpoch: { } best }) continue;
                commits.Add(run.GitCommit);
                reported.Add(run);
                var metrics = database.GetMetrics(run.Id);
                perRunMetrics.Add(metrics);
                bestEpochs.Add(best);
                var value = metrics.FirstOrDefault(m => m.Epoch == best && m.Split == ResultsDatabase.TestSplit && m.Name == metric);
                if (value is not null) values.Add(value.Value * scale);
            }
            rows.Add(new ReportRow(group.Key, gridValues, values, points.Count, PaperValueFor(preset, gridValues)));
            int? meanBest = bestEpochs.Count > 0 ? (int)Math.Round(bestEpochs.Average()) : null;
            testCurves.Add(MeanCurve(group.Key, perRunMetrics, ResultsDatabase.TestSplit, metric, scale, meanBest));
            lossCurves.Add(MeanCurve(group.Key, perRunMetrics, ResultsDatabase.TrainSplit, Training.MetricNames.Loss, 1, meanBest));
            normCurves.Add(MeanCurve(group.Key, perRunMetrics, ResultsDatabase.TrainSplit, Training.MetricNames.CostNorm, 1, meanBest));
        }
        var label = preset.Report.Label ?? (scale == 1 ? $"test {metric}" : $"test {metric} x {scale}");
        return new ReportData
        {
            Preset = preset,
            Metric = metric,
            MetricLabel = label,
            Rows = rows,
            Figures =
            [
                ($"Test {metric} over epochs", label, testCurves),
                ("Training loss over epochs", "train loss", lossCurves),
                ("Mean cost norm ||w|| over epochs", "||w||", normCurves),
            ],
            Commits = [.. commits],
            ReportedRuns = reported,
            SweepSeries = preset.Report.SweepAxis is { } axis ? SweepSeriesOf(rows, axis) : [],
        };
    }

    private static List<SweepSeries> SweepSeriesOf(List<ReportRow> rows, string axis)
    {
        if (rows.Any(r => !r.GridValues.ContainsKey(axis)))
            throw new FaultException(FaultKind.Usage, $"report.sweepAxis '{axis}' is not a key of the preset's sweep grid.");
        return [.. rows.GroupBy(r => string.Join(", ", r.GridValues.Where(p => p.Key != axis).Select(p => $"{p.Key}={p.Value}")))
            .Select(g =>
            {
                var points = g.Where(r => r.Values.Count > 0)
                    .Select(r => (X: double.Parse(r.GridValues[axis], System.Globalization.CultureInfo.InvariantCulture), r.Mean, r.Std))
                    .OrderBy(p => p.X).ToList();
                return new SweepSeries(g.Key.Length == 0 ? "all" : g.Key, [.. points.Select(p => p.X)], [.. points.Select(p => p.Mean)], [.. points.Select(p => p.Std)]);
            })];
    }

    private static string? PaperValueFor(Preset preset, IReadOnlyDictionary<string, string> gridValues) =>
        preset.Report.Paper.FirstOrDefault(p => p.Match.All(m => gridValues.TryGetValue(m.Key, out var v) && v == m.Value))?.Value;

    private static Curve MeanCurve(string label, List<IReadOnlyList<MetricRow>> runs, string split, string name, double scale, int? bestEpoch)
    {
        var byEpoch = runs.SelectMany(r => r.Where(m => m.Split == split && m.Name == name && double.IsFinite(m.Value)))
            .GroupBy(m => m.Epoch).OrderBy(g => g.Key).ToList();
        return new Curve(label, [.. byEpoch.Select(g => (double)g.Key)], [.. byEpoch.Select(g => g.Average(m => m.Value) * scale)], bestEpoch);
    }

    /// <summary>The options of the reported runs as the database holds them (shared options as JSON, then the keys that
    /// vary between runs), or the preset's options when no run matched.</summary>
    public string OptionsText => RunOptions?.Describe()
        ?? ((JsonObject)Preset.Options.DeepClone()).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// What <paramref name="database"/> holds for the preset's experiment, grouped by how each run's stored options differ
    /// from the nearest run the preset plans (with <paramref name="overrides"/> and <paramref name="seeds"/>): the
    /// <c>key=value</c> differences (the <c>--set</c> that would select those runs), the number of runs, and their statuses.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Differences, int Runs, string Statuses)> Holdings(
        Preset preset, ResultsDatabase database, IReadOnlyList<string>? overrides = null, int? seeds = null)
    {
        var experiment = ExperimentCatalog.Get(preset.Experiment);
        var planned = SweepPlan.Points(preset, seeds)
            .Select(p => Options.OptionsBinder.Serialize(experiment, SweepPlan.Bind(preset, p, overrides))).Distinct().ToList();
        var none = new HashSet<string>();
        return [.. database.GetRuns(experiment.Name)
            .Select(run => (Run: run, Differences: planned.Select(p => RunOptions.Differences(run.OptionsJson, p, none)).MinBy(d => d.Count)!))
            .GroupBy(r => string.Join(" ", r.Differences))
            .Select(g => ((IReadOnlyList<string>)g.First().Differences, g.Count(),
                string.Join(", ", g.GroupBy(r => r.Run.Status).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Count()} {s.Key}"))))
            .OrderByDescending(h => h.Item2)];
    }
}
