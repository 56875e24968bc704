using System.ComponentModel;
using Combigrad.Cli.Rendering;
using Combigrad.Experiments.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options shared by the commands that train: database, output mode.</summary>
public class CommonSettings : CommandSettings
{
    /// <summary>The results database.</summary>
    [CommandOption("--db <PATH>")]
    [Description("Results database (SQLite). Default: results/combigrad.db")]
    public string Database { get; init; } = ResultsDatabase.DefaultPath;

    /// <summary>No progress output.</summary>
    [CommandOption("--quiet")]
    [Description("Print only the final result.")]
    public bool Quiet { get; init; }

    /// <summary>JSON lines output.</summary>
    [CommandOption("--json")]
    [Description("Print machine-readable JSON lines instead of progress bars and tables.")]
    public bool Json { get; init; }

    internal OutputMode Mode => Json ? OutputMode.Json : Quiet ? OutputMode.Quiet : OutputMode.Interactive;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Quiet && Json ? ValidationResult.Error("--quiet and --json exclude each other.") : ValidationResult.Success();
}
