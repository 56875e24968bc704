using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad merge</c>.</summary>
public sealed class MergeSettings : CommandSettings
{
    /// <summary>The target database.</summary>
    [CommandOption("--into <PATH>")]
    [Description("The database to merge into (created if missing).")]
    public string Into { get; init; } = Combigrad.Experiments.Results.ResultsDatabase.DefaultPath;

    /// <summary>Source databases.</summary>
    [CommandArgument(0, "<SOURCES>")]
    [Description("Databases to copy runs from (e.g. results/jobs/*.db).")]
    public string[] Sources { get; init; } = [];

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Sources.Length == 0 ? ValidationResult.Error("give at least one source database.") : ValidationResult.Success();
}
