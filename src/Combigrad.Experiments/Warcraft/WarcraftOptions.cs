using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.Warcraft;

/// <summary>
/// Options of the Warcraft shortest-path experiment (paper Table 6, appendix 6.2). Defaults are the paper's: Adam 5e-3,
/// 50 epochs, learning rate divided by 10 after epoch 30, batch 70, BB lambda 20, no projection and no noise (Table 6's
/// first row), 10,000 / 1,000 / 1,000 maps. The paper's grids are 32 x 32; ours are k x k with k in 12, 18, 24, 30.
/// </summary>
public sealed record WarcraftOptions : IExperimentOptions
{
    private const int MaximumSize = 255;

    /// <summary>The gradient method, one of <see cref="GradientMethods.Names"/>.</summary>
    public string Method { get; init; } = "identity";

    /// <summary>lambda of BB when <see cref="Method"/> is bb (appendix 6.2: 20).</summary>
    public double BlackboxLambda { get; init; } = 20;

    /// <summary>Hyperparameters of other methods (see <see cref="GradientMethodOptions"/>); the seed comes from training.seed.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>The projection P of Table 6: none (default) or sphere; plane is refused (Dijkstra needs non-negative costs).</summary>
    public string Projection { get; init; } = "none";

    /// <summary>k: maps have k x k cells and are rendered at 8k x 8k pixels (benchmark sizes 12, 18, 24, 30).</summary>
    public int K { get; init; } = 12;

    /// <summary>Training maps (a prefix of the cached split; the cache is built up to this count when it holds fewer).</summary>
    public int TrainCount { get; init; } = 10_000;

    /// <summary>Validation maps.</summary>
    public int ValidationCount { get; init; } = 1_000;

    /// <summary>Test maps.</summary>
    public int TestCount { get; init; } = 1_000;

    /// <summary>Seed of the maps (the data); the model's seed is training.seed.</summary>
    public int DataSeed { get; init; }

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    public TrainerOptions Training { get; init; } = new()
    {
        Epochs = 50,
        BatchSize = 70,
        LearningRate = 5e-3,
        LearningRateMilestones = [31],
        LearningRateDecay = 0.1,
    };

    /// <inheritdoc />
    public void Validate()
    {
        MethodSelection.Validate(Method, MethodOptions, BlackboxLambda, Projection);
        OptionGuard.Require(K >= WarcraftMapGenerator.MinimumSize && K <= MaximumSize, "k", K,
            $"in {WarcraftMapGenerator.MinimumSize}..{MaximumSize} (benchmark: {string.Join(", ", WarcraftDatasetOptions.StandardSizes)})");
        OptionGuard.Require(TrainCount >= 1, "trainCount", TrainCount, ">= 1");
        OptionGuard.Require(ValidationCount >= 1, "validationCount", ValidationCount, ">= 1");
        OptionGuard.Require(TestCount >= 1, "testCount", TestCount, ">= 1");
        OptionGuard.Require(DataSeed >= 0, "dataSeed", DataSeed, ">= 0");
        Training.Validate();
    }
}
