using Combigrad.Experiments.Training;

namespace Combigrad.Experiments.Results;

/// <summary>What <see cref="ExperimentRunner.Run"/> did.</summary>
/// <param name="RunKey">The run's key.</param>
/// <param name="Skipped">True when the run was already complete in the database and nothing was trained.</param>
/// <param name="Result">The training result (null when skipped).</param>
public sealed record RunOutcome(string RunKey, bool Skipped, TrainingResult? Result)
{
    /// <summary>What the user should know although the run went on, one line each (e.g. a damaged checkpoint that was
    /// passed over for an older intact one).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
