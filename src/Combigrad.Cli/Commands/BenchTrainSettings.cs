using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Command-line options of <c>combigrad bench train</c>.</summary>
public sealed class BenchTrainSettings : CommandSettings
{
    /// <summary>The preset file.</summary>
    [CommandOption("-c|--config <FILE>")]
    [Description("Preset file (configs/*.json): its base options (method is set to identity and bb in turn).")]
    public string Config { get; init; } = "";

    /// <summary>Overrides.</summary>
    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override an option, e.g. --set k=12 (repeatable; applied after --maps).")]
    public string[] Set { get; init; } = [];

    /// <summary>Timed steps per variant.</summary>
    [CommandOption("--steps <N>")]
    [Description("Timed training steps per variant. Default: 30")]
    public int Steps { get; init; } = 30;

    /// <summary>Untimed steps per variant.</summary>
    [CommandOption("--warmup <N>")]
    [Description("Untimed warm-up steps per variant. Default: 5")]
    public int WarmUp { get; init; } = 5;

    /// <summary>Training examples loaded.</summary>
    [CommandOption("--maps <N>")]
    [Description("Training examples to load (sets trainCount; validation and test get 1). Default: 700")]
    public int Maps { get; init; } = 700;

    /// <summary>JSON lines.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object per variant (variant, median_ms, ratio_to_noop, layer_median_ms, steps, batch), then one for the solver call.")]
    public bool Json { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Config)) return ValidationResult.Error("--config FILE is required.");
        if (Steps < 1) return ValidationResult.Error("--steps must be at least 1.");
        if (WarmUp < 0) return ValidationResult.Error("--warmup must be at least 0.");
        if (Maps < 1) return ValidationResult.Error("--maps must be at least 1.");
        return ValidationResult.Success();
    }
}
