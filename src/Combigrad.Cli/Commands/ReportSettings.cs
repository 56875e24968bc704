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

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        string.IsNullOrEmpty(Config) ? ValidationResult.Error("--config is required.") : ValidationResult.Success();
}
