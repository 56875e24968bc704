using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Training;
using Combigrad.Methods;

namespace Combigrad.Experiments.Demo;

/// <summary>
/// Options of the shortest-path demo: learn vertex costs of a k x k grid from features with a linear model, train
/// through the shortest-path solver with a Hamming (L1) loss to the true path. Defaults run in seconds on two cores.
/// </summary>
public sealed record ShortestPathDemoOptions : IExperimentOptions
{
    /// <summary>The gradient method, one of <see cref="GradientMethods.Names"/> (identity, bb, imle, dpo, fy, spo+, ste, gumbel).</summary>
    public string Method { get; init; } = "identity";

    /// <summary>lambda of Blackbox backpropagation, used when <see cref="Method"/> is bb (the paper uses 20 for shortest
    /// path, appendix 6.2). Other methods take their hyperparameters from <see cref="MethodOptions"/>.</summary>
    public double BlackboxLambda { get; init; } = 20;

    /// <summary>Hyperparameters of the method (see <see cref="GradientMethodOptions"/>); a key the method does not use is
    /// an error. The seed comes from <c>training.seed</c>.</summary>
    public GradientMethodOptions MethodOptions { get; init; } = new();

    /// <summary>The projection: none, plane, sphere, plane+sphere or auto (auto = sphere for shortest path).</summary>
    public string Projection { get; init; } = "auto";

    /// <summary>k: the grid is k x k cells.</summary>
    public int GridSize { get; init; } = 5;

    /// <summary>p: features per instance.</summary>
    public int FeatureCount { get; init; } = 5;

    /// <summary>Degree of the polynomial feature-to-cost map.</summary>
    public int PolynomialDegree { get; init; } = 4;

    /// <summary>Half-width of the multiplicative cost noise.</summary>
    public double NoiseHalfWidth { get; init; } = 0.5;

    /// <summary>Training instances.</summary>
    public int TrainCount { get; init; } = 1000;

    /// <summary>Validation instances (early stopping).</summary>
    public int ValidationCount { get; init; } = 200;

    /// <summary>Test instances.</summary>
    public int TestCount { get; init; } = 500;

    /// <summary>Seed of the data (map and splits); the model's seed is <see cref="TrainerOptions.Seed"/>.</summary>
    public int DataSeed { get; init; }

    /// <inheritdoc />
    public TrainerOptions Training { get; init; } = new() { Epochs = 10, BatchSize = 32, LearningRate = 0.01 };

    /// <inheritdoc />
    public void Validate()
    {
        MethodSelection.Validate(Method, MethodOptions, BlackboxLambda, Projection);
        OptionGuard.Require(GridSize >= 2, "gridSize", GridSize, ">= 2");
        OptionGuard.Require(FeatureCount >= 1, "featureCount", FeatureCount, ">= 1");
        OptionGuard.Require(PolynomialDegree >= 1, "polynomialDegree", PolynomialDegree, ">= 1");
        OptionGuard.Require(NoiseHalfWidth >= 0 && NoiseHalfWidth < 1, "noiseHalfWidth", NoiseHalfWidth, "in [0, 1)");
        OptionGuard.Require(TrainCount >= 1, "trainCount", TrainCount, ">= 1");
        OptionGuard.Require(ValidationCount >= 1, "validationCount", ValidationCount, ">= 1");
        OptionGuard.Require(TestCount >= 1, "testCount", TestCount, ">= 1");
        Training.Validate();
    }
}
