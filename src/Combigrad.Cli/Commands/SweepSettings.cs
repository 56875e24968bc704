using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad sweep</c>.</summary>
public sealed partial class SweepSettings : CommonSettings
{
    /// <summary>The preset.</summary>
    [CommandOption("-c|--config <FILE>")]
    [Description("Preset file with a sweep grid (configs/*.json).")]
    public string Config { get; init; } = "";

    /// <summary>Seeds per grid point.</summary>
    [CommandOption("--seeds <N>")]
    [Description("Seeds per grid point (default: the preset's).")]
    public int? Seeds { get; init; }

    /// <summary>Parallel processes.</summary>
    [CommandOption("--parallel <N>")]
    [Description("Runs in parallel, each in its own process (default 1).")]
    public int Parallel { get; init; } = 1;

    /// <summary>Overrides applied to every run.</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override an option for every run (repeatable).")]
    public string[] Set { get; init; } = [];

    /// <summary>Write a job file instead of running.</summary>
    [CommandOption("--emit-jobs <FILE>")]
    [Description("Write one 'combigrad run' command per pending run to FILE (for a cluster job array, one database per run) and exit.")]
    public string? EmitJobs { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrEmpty(Config)) return ValidationResult.Error("--config is required.");
        if (Parallel < 1) return ValidationResult.Error("--parallel must be >= 1.");
        if (Seeds is < 1) return ValidationResult.Error("--seeds must be >= 1.");
        return base.Validate();
    }
}
