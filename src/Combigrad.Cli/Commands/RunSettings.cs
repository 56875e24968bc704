using System.ComponentModel;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad run</c>.</summary>
public sealed class RunSettings : CommonSettings
{
    /// <summary>The preset file.</summary>
    [CommandOption("-c|--config <FILE>")]
    [Description("Preset file (configs/*.json). Its base options are used; its sweep grid is not (see 'sweep').")]
    public string? Config { get; init; }

    /// <summary>The experiment, when no preset is given.</summary>
    [CommandOption("-e|--experiment <NAME>")]
    [Description("Experiment name, when no --config is given.")]
    public string? Experiment { get; init; }

    /// <summary>Overrides.</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override an option, e.g. --set training.epochs=5 --set method=bb (repeatable).")]
    public string[] Set { get; init; } = [];

    /// <summary>Resume.</summary>
    [CommandOption("--resume")]
    [Description("Continue an interrupted run from its newest intact checkpoint (a run not started yet just starts).")]
    public bool Resume { get; init; }

    /// <summary>Start over.</summary>
    [CommandOption("--restart")]
    [Description("Start this run over from epoch 0: deletes its checkpoints and recorded epochs first.")]
    public bool Restart { get; init; }

    /// <summary>Retrain a completed run.</summary>
    [CommandOption("--force")]
    [Description("Train again even if this exact run is complete in the database.")]
    public bool Force { get; init; }
}
