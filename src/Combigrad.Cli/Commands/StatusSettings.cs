using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Options of <c>combigrad status</c>.</summary>
public sealed class StatusSettings : CommandSettings
{
    /// <summary>A Slurm sweep folder.</summary>
    [CommandOption("--slurm <DIR>")]
    [Description("A sweep folder written by 'sweep --slurm DIR': every run's state from its database and from squeue/sacct.")]
    public string? Slurm { get; init; }

    /// <summary>A results database.</summary>
    [CommandOption("--db <PATH>")]
    [Description("A results database: the state of every run in it. Default: results/combigrad.db when --slurm is not given.")]
    public string? Database { get; init; }

    /// <summary>JSON lines output.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object per run (metrics at full precision) instead of a table.")]
    public bool Json { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Slurm is not null && Database is not null
            ? ValidationResult.Error("give --slurm DIR or --db PATH, not both.")
            : ValidationResult.Success();
}
