using System.ComponentModel;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad data build</c>.</summary>
public sealed class DataBuildSettings : DataSettings
{
    private static readonly WarcraftDatasetOptions Defaults = new();

    /// <summary>k.</summary>
    [CommandOption("-k|--grid-size <K>")]
    [Description("warcraft: map size k (k x k cells, 8k x 8k pixels; the benchmark uses 12, 18, 24, 30; default 12). globe-tsp: cities per example (default: 5, 10 and 20)")]
    public int? Size { get; init; }

    /// <summary>Training maps.</summary>
    [CommandOption("--train <N>")]
    [Description("Training maps. Default: 10000")]
    public int TrainCount { get; init; } = Defaults.TrainCount;

    /// <summary>Validation maps.</summary>
    [CommandOption("--validation <N>")]
    [Description("Validation maps. Default: 1000")]
    public int ValidationCount { get; init; } = Defaults.ValidationCount;

    /// <summary>Test maps.</summary>
    [CommandOption("--test <N>")]
    [Description("Test maps. Default: 1000")]
    public int TestCount { get; init; } = Defaults.TestCount;

    /// <summary>The data seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Data seed. Default: 0")]
    public long Seed { get; init; } = Defaults.Seed;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        const int MaximumSize = 255;
        var baseResult = base.Validate();
        if (!baseResult.Successful) return baseResult;
        if (Dataset != WarcraftData.DatasetName && Dataset != Combigrad.Data.GlobeTsp.GlobeTspSources.Dataset)
            return ValidationResult.Error($"'data build {Dataset}' does not exist: only warcraft and globe-tsp are built; {Dataset} is used as fetched ('combigrad data fetch {Dataset}').");
        if (Dataset == Combigrad.Data.GlobeTsp.GlobeTspSources.Dataset)
        {
            if (Size is < 3 or > 30) return ValidationResult.Error($"-k must be in [3, 30] for globe-tsp (the paper: 5, 10, 20), not {Size}.");
        }
        else if (Size is { } size && (size < WarcraftMapGenerator.MinimumSize || size > MaximumSize))
            return ValidationResult.Error($"-k must be in [{WarcraftMapGenerator.MinimumSize}, {MaximumSize}] (benchmark sizes: {string.Join(", ", WarcraftDatasetOptions.StandardSizes)}), not {Size}.");
        if (TrainCount < 1 || ValidationCount < 1 || TestCount < 1)
            return ValidationResult.Error("--train, --validation and --test must be at least 1.");
        return ValidationResult.Success();
    }

    /// <summary>The options these settings describe.</summary>
    public WarcraftDatasetOptions ToOptions() => new()
    {
        Size = Size ?? Defaults.Size,
        TrainCount = TrainCount,
        ValidationCount = ValidationCount,
        TestCount = TestCount,
        Seed = Seed,
    };
}
