using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;

namespace Combigrad.Cli.CommandLine;

/// <summary>Every experiment option key that <c>--set</c> accepts (dot paths such as <c>training.epochs</c>), over all
/// experiments of the catalog; a mistyped flag that names one of them is answered with the <c>--set</c> that sets it.</summary>
internal static class OptionKeys
{
    private static readonly Lazy<IReadOnlyList<string>> All = new(() =>
        [.. ExperimentCatalog.Names.SelectMany(name => Flatten(OptionsBinder.Defaults(ExperimentCatalog.Get(name)), ""))
            .GroupBy(key => key).OrderByDescending(g => g.Key.StartsWith(TrainingPrefix, StringComparison.Ordinal)).ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)]);

    /// <summary>The trainer's options, shared by every experiment: a mistyped <c>--seed</c> means <c>training.seed</c>
    /// before any experiment's own <c>benchmark.seed</c>.</summary>
    private const string TrainingPrefix = "training.";

    /// <summary>The keys: the trainer's first, then those of the most experiments, then alphabetically.</summary>
    public static IReadOnlyList<string> Keys => All.Value;

    private static IEnumerable<string> Flatten(JsonObject options, string prefix)
    {
        foreach (var (name, value) in options)
        {
            if (value is JsonObject child)
            {
                foreach (var key in Flatten(child, prefix + name + ".")) yield return key;
            }
            else
            {
                yield return prefix + name;
            }
        }
    }
}
