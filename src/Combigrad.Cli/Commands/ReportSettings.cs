using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad report</c>.</summary>
public sealed class ReportSettings : CommandSettings
{
    /// <summary>The preset.</summary>
    [CommandOption("-c|--config <FILE>")]
    [Description("Preset file whose runs to report.")]
    public string Config { get; init; } = "";

    /// <summary>The database.</summary>
    [CommandOption("--db <PATH>")]
    [Description("Results database. Default: results/combigrad.db")]
    public string Database { get; init; } = Combigrad.Experiments.Results.ResultsDatabase.DefaultPath;

    /// <summary>The output directory.</summary>
    [CommandOption("-o|--out <DIR>")]
    [Description("Output directory. Default: results/reports/<preset name>")]
    public string? Out { get; init; }

    /// <summary>The overrides the sweep was run with.</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("The --set overrides the sweep was run with (repeatable), so the report finds those runs.")]
    public string[] Set { get; init; } = [];

    /// <summary>Seeds per grid point.</summary>
    [CommandOption("--seeds <N>")]
    [Description("Seeds per grid point the sweep was run with (default: the preset's).")]
    public int? Seeds { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrEmpty(Config) ? ValidationResult.Error("--config is required.") : ValidationResult.Success();
}
