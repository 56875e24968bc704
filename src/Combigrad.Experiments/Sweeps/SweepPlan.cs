using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Results;

namespace Combigrad.Experiments.Sweeps;

/// <summary>The runs of a preset: the Cartesian product of its sweep grid times its seeds, with their run keys.</summary>
public static class SweepPlan
{
    /// <summary>Grid values as JSON text without escaping characters such as '+' (so that "plane+sphere" reads as
    /// written in labels, paper matches and emitted commands); the parsed values are the same either way.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions ValueText =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every point of the grid (variants first, then the sweep keys), times <paramref name="seeds"/> seeds (the preset's
    /// count when null).</summary>
    public static IReadOnlyList<SweepPoint> Points(Preset preset, int? seeds = null)
    {
        IEnumerable<List<KeyValuePair<string, string>>> combinations = preset.Variants.Count == 0
            ? [[]]
            : preset.Variants.Select(v => v.Select(p => new KeyValuePair<string, string>(p.Key, p.Value?.ToJsonString(ValueText) ?? "null")).ToList());
        foreach (var (key, values) in preset.Sweep)
        {
            var texts = values.Select(v => v?.ToJsonString(ValueText) ?? "null").ToArray();
            combinations = combinations.SelectMany(c => texts.Select(t => new List<KeyValuePair<string, string>>(c) { new(key, t) }));
        }
        var grid = combinations.ToList();
        return [.. grid.SelectMany(g => Enumerable.Range(0, seeds ?? preset.Seeds).Select(seed => new SweepPoint(g, seed)))];
    }

    /// <summary>Binds the options of one point (defaults, preset options, grid values, seed, then extra overrides).</summary>
    public static IExperimentOptions Bind(Preset preset, SweepPoint point, IEnumerable<string>? extraOverrides = null)
    {
        var experiment = ExperimentCatalog.Get(preset.Experiment);
        return OptionsBinder.Bind(experiment, (JsonObject)preset.Options.DeepClone(), point.Assignments.Concat(extraOverrides ?? []));
    }

    /// <summary>The run key of one point.</summary>
    public static string RunKey(Preset preset, SweepPoint point, IEnumerable<string>? extraOverrides = null)
    {
        var experiment = ExperimentCatalog.Get(preset.Experiment);
        return RunIdentity.Key(experiment.Name, OptionsBinder.Serialize(experiment, Bind(preset, point, extraOverrides)));
    }

    /// <summary>The points not yet completed in <paramref name="database"/>.</summary>
    public static IReadOnlyList<SweepPoint> Pending(Preset preset, ResultsDatabase database, int? seeds = null, IEnumerable<string>? extraOverrides = null)
    {
        var overrides = extraOverrides?.ToArray() ?? [];
        return [.. Points(preset, seeds).Where(p => database.FindRun(RunKey(preset, p, overrides))?.Status != RunStatus.Completed)];
    }
}
