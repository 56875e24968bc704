using Combigrad.Data.KeypointMatching;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// Options of the keypoint graph-matching experiment (paper Sec. 4.2, appendix 6.3, Table 2). Training defaults follow
/// appendix 6.3: Adam 2e-3 halved four times at regular intervals, batches of 8 pairs, BB lambda = 80; Identity with
/// P_sphere. Data: rendered Warcraft terrain maps under random affine warps (Pascal VOC and SPair-71k are not obtainable).
/// </summary>
public sealed record KeypointMatchingOptions : IExperimentOptions
{
    /// <summary>The solver name for the fast approximate graph matching (local search with a lower bound).</summary>
    public const string ApproximateSolver = "approximate";

    /// <summary>The solver name for exact graph matching (branch-and-bound; a few milliseconds per pair of 10 keypoints).</summary>
    public const string ExactSolver = "exact";

    /// <summary>The gradient method, one of <see cref="GradientMethods.Names"/> (Table 2: identity, bb).</summary>
    public string Method { get; init; } = "identity";

    /// <summary>lambda of BB when <see cref="Method"/> is bb (appendix 6.3: 80).</summary>
    public double BlackboxLambda { get; init; } = 80;

    /// <summary>Hyperparameters of other methods (see <see cref="GradientMethodOptions"/>); the seed comes from training.seed.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>The projection, sphere or none; null for the paper's choice: sphere for identity (Table 2), none for the
    /// other methods (BB as in Rolínek et al. 2020b). The plane projections are rejected: they would turn the zero padding
    /// of absent edge pairs into costs.</summary>
    public string? Projection { get; init; }

    /// <summary>The graph-matching solver: approximate (default, fast) or exact (branch-and-bound).</summary>
    public string Solver { get; init; } = ApproximateSolver;

    /// <summary>Restarts of the approximate solver's local search (more: smaller gap, more time).</summary>
    public int SolverRestarts { get; init; } = Solvers.GraphMatchingOptions.DefaultRestarts;

    /// <summary>k of the Warcraft maps used as source images: images of 8k x 8k pixels.</summary>
    public int MapSize { get; init; } = 8;

    /// <summary>Keypoints, outliers, occluders and warp ranges of each pair.</summary>
    public KeypointPairOptions Pairs { get; init; } = new();

    /// <summary>Training pairs.</summary>
    public int TrainCount { get; init; } = 2_000;

    /// <summary>Validation pairs.</summary>
    public int ValidationCount { get; init; } = 200;

    /// <summary>Test pairs.</summary>
    public int TestCount { get; init; } = 500;

    /// <summary>Seed of the pairs (images, warps, keypoints); the model's seed is training.seed.</summary>
    public int DataSeed { get; init; }

    /// <summary>The data cache folder; null uses the default (~/.cache/combigrad or $COMBIGRAD_DATA_DIR).</summary>
    public string? DataDirectory { get; init; }

    /// <inheritdoc />
    /// <remarks>Appendix 6.3: Adam 2e-3 halved four times at regular intervals (epochs 3, 5, 7, 9 of 10), batch 8.</remarks>
    public TrainerOptions Training { get; init; } = new()
    {
        Epochs = 10,
        BatchSize = 8,
        LearningRate = 2e-3,
        LearningRateMilestones = [3, 5, 7, 9],
        LearningRateDecay = 0.5,
    };

    /// <summary>The projection in use: <see cref="Projection"/>, or the paper's choice for the method.</summary>
    public string EffectiveProjection => Projection ?? (Method == "identity" ? "sphere" : "none");

    /// <inheritdoc />
    public void Validate()
    {
        MethodSelection.Validate(Method, MethodOptions, BlackboxLambda, EffectiveProjection);
        OptionGuard.Require(EffectiveProjection is "sphere" or "none", "projection", EffectiveProjection,
            "sphere or none (plane projections fill the zero padding of absent edge pairs)");
        OptionGuard.Require(Solver is ApproximateSolver or ExactSolver, "solver", Solver, $"{ApproximateSolver} or {ExactSolver}");
        OptionGuard.Require(SolverRestarts >= 0, "solverRestarts", SolverRestarts, ">= 0");
        OptionGuard.Require(MapSize is >= 4 and <= 32, "mapSize", MapSize, "in 4..32");
        try
        {
            Pairs.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"option 'pairs': {e.Message.Split('\n')[0]}", e);
        }
        OptionGuard.Require(TrainCount >= 1, "trainCount", TrainCount, ">= 1");
        OptionGuard.Require(ValidationCount >= 1, "validationCount", ValidationCount, ">= 1");
        OptionGuard.Require(TestCount >= 1, "testCount", TestCount, ">= 1");
        Training.Validate();
    }
}
