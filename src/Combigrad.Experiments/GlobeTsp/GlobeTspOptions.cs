using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.GlobeTsp;

/// <summary>
/// Options of the Globe TSP experiment (paper Sec. 4.1, appendix 6.1). Defaults are the paper's: Adam 1e-4, 100 epochs,
/// batch 50, BB lambda 20, 10,000 / 1,000 / 1,000 examples.
/// </summary>
public sealed record GlobeTspOptions : IExperimentOptions
{
    /// <summary>The gradient method, one of <see cref="GradientMethods.Names"/>.</summary>
    public string Method { get; init; } = "identity";

    /// <summary>lambda of BB when <see cref="Method"/> is bb (appendix 6.1: 20).</summary>
    public double BlackboxLambda { get; init; } = 20;

    /// <summary>Hyperparameters of other methods (see <see cref="GradientMethodOptions"/>); the seed comes from training.seed.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>The projection: auto (P_sphere o P_plane, since every tour has 2k edges), sphere, plane, plane+sphere or none.</summary>
    public string Projection { get; init; } = "auto";

    /// <summary>k: countries per example (the paper: 5, 10, 20).</summary>
    public int K { get; init; } = 5;

    /// <summary>Training examples.</summary>
    public int TrainCount { get; init; } = 10_000;

    /// <summary>Validation examples.</summary>
    public int ValidationCount { get; init; } = 1_000;

    /// <summary>Test examples.</summary>
    public int TestCount { get; init; } = 1_000;

    /// <summary>Seed of the k-subsets (the data); the model's seed is training.seed.</summary>
    public int DataSeed { get; init; }

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    public TrainerOptions Training { get; init; } = new() { Epochs = 100, BatchSize = 50, LearningRate = 1e-4 };

    /// <inheritdoc />
    public void Validate()
    {
        MethodSelection.Validate(Method, MethodOptions, BlackboxLambda, Projection);
        OptionGuard.Require(K is >= 3 and <= 30, "k", K, "in 3..30");
        OptionGuard.Require(TrainCount >= 1, "trainCount", TrainCount, ">= 1");
        OptionGuard.Require(ValidationCount >= 1, "validationCount", ValidationCount, ">= 1");
        OptionGuard.Require(TestCount >= 1, "testCount", TestCount, ">= 1");
        Training.Validate();
    }
}
