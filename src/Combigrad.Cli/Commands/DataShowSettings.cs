using System.ComponentModel;
using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad data show</c>.</summary>
public sealed class DataShowSettings : DataSettings
{
    /// <summary>k.</summary>
    [CommandOption("-k|--grid-size <K>")]
    [Description("Map size k. Default: 12")]
    public int Size { get; init; } = 12;

    /// <summary>The map index.</summary>
    [CommandOption("--index <I>")]
    [Description("Map index within the split (zero-based). Default: 0")]
    public int Index { get; init; }

    /// <summary>The split.</summary>
    [CommandOption("--split <SPLIT>")]
    [Description("train, validation or test. Default: test")]
    public string Split { get; init; } = "test";

    /// <summary>The data seed.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Data seed of the built data set. Default: 0")]
    public long Seed { get; init; }

    /// <summary>The output PNG.</summary>
    [CommandOption("--out <PATH>")]
    [Description("Output PNG file. Default: map.png")]
    public string Output { get; init; } = "map.png";

    /// <summary>The enlargement.</summary>
    [CommandOption("--scale <S>")]
    [Description("Enlargement of the 8 px-per-cell image, 1 to 16. Default: 4")]
    public int Scale { get; init; } = WarcraftImageWriter.DefaultScale;

    /// <summary>A trained run whose predicted path is drawn too.</summary>
    [CommandOption("--run <RUN>")]
    [Description("Also draw the path predicted by a trained warcraft run: a checkpoint file, or a run key (checkpoints/<key>.ckpt next to --db).")]
    public string? Run { get; init; }

    /// <summary>The results database whose checkpoints folder holds the run's checkpoint.</summary>
    [CommandOption("--db <PATH>")]
    [Description("Results database of --run given as a run key. Default: results/combigrad.db")]
    public string? Database { get; init; }

    /// <summary>The checkpoint file named by <see cref="Run"/> (a file path, or a run key resolved next to <see cref="Database"/>).</summary>
    /// <exception cref="FaultException">Neither a file nor the checkpoint of a run key exists.</exception>
    public string? CheckpointPath =>
        Run is null ? null
        : File.Exists(Run) ? Run
        : Combigrad.Experiments.Results.ExperimentRunner.CheckpointPath(Database ?? Combigrad.Experiments.Results.ResultsDatabase.DefaultPath, Run) is var path && File.Exists(path) ? path
        : throw new FaultException(FaultKind.Usage, $"--run {Run}: neither a checkpoint file nor a run key with a checkpoint at {path}.");

    /// <summary>The split as an enum.</summary>
    /// <exception cref="FaultException">Not a split name.</exception>
    public WarcraftSplit ParsedSplit =>
        WarcraftData.Splits.FirstOrDefault(s => string.Equals(s.ToString(), Split, StringComparison.OrdinalIgnoreCase), (WarcraftSplit)(-1)) is var split && split >= 0
            ? split
            : throw new FaultException(FaultKind.Usage, $"--split must be train, validation or test, not '{Split}'.");

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful) return baseResult;
        if (!WarcraftData.Splits.Any(s => string.Equals(s.ToString(), Split, StringComparison.OrdinalIgnoreCase)))
            return ValidationResult.Error($"--split must be train, validation or test, not '{Split}'.");
        if (Scale is < 1 or > 16) return ValidationResult.Error("--scale must be in [1, 16].");
        if (Database is not null && Run is null) return ValidationResult.Error($"--db {Database} only applies with --run RUN_KEY (the database whose checkpoint to draw).");
        return ValidationResult.Success();
    }
}
