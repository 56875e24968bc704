namespace Combigrad.Experiments.Demo;

/// <summary>
/// Options of <c>combigrad demo</c>: learn vertex costs of a k x k grid from features with a linear model, train
/// through the shortest-path solver with a Hamming (L1) loss to the true path, and compare Identity with BB.
/// Defaults run in well under a minute on two cores.
/// </summary>
public sealed record ShortestPathDemoOptions
{
    /// <summary>k: the grid is k x k cells.</summary>
    public int GridSize { get; init; } = 5;

    /// <summary>p: features per instance.</summary>
    public int FeatureCount { get; init; } = 5;

    /// <summary>Degree of the polynomial feature-to-cost map (PyEPO's "deg").</summary>
    public int PolynomialDegree { get; init; } = 4;

    /// <summary>Half-width of the multiplicative cost noise (PyEPO's "e").</summary>
    public double NoiseHalfWidth { get; init; } = 0.5;

    /// <summary>Training instances.</summary>
    public int TrainCount { get; init; } = 1000;

    /// <summary>Test instances.</summary>
    public int TestCount { get; init; } = 500;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>lambda of Blackbox backpropagation (the paper uses 20 for shortest path, Sec. 6.2).</summary>
    public double BlackboxLambda { get; init; } = 20;

    /// <summary>alpha of the margin noise for both methods; 0 turns it off.</summary>
    public double NoiseMagnitude { get; init; }

    /// <summary>The seed of everything: data map, splits, initial weights, batch order and noise.</summary>
    public int Seed { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count, size or rate is out of range.</exception>
    public void Validate()
    {
        Require(GridSize >= 2, nameof(GridSize), GridSize, ">= 2");
        Require(FeatureCount >= 1, nameof(FeatureCount), FeatureCount, ">= 1");
        Require(PolynomialDegree >= 1, nameof(PolynomialDegree), PolynomialDegree, ">= 1");
        Require(NoiseHalfWidth >= 0 && NoiseHalfWidth < 1, nameof(NoiseHalfWidth), NoiseHalfWidth, "in [0, 1)");
        Require(TrainCount >= 1, nameof(TrainCount), TrainCount, ">= 1");
        Require(TestCount >= 1, nameof(TestCount), TestCount, ">= 1");
        Require(Epochs >= 1, nameof(Epochs), Epochs, ">= 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, ">= 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "> 0");
        Require(BlackboxLambda > 0 && double.IsFinite(BlackboxLambda), nameof(BlackboxLambda), BlackboxLambda, "> 0");
        Require(NoiseMagnitude >= 0 && double.IsFinite(NoiseMagnitude), nameof(NoiseMagnitude), NoiseMagnitude, ">= 0");
    }

    private static void Require(bool condition, string name, object value, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{name} must be {rule}.");
    }
}
