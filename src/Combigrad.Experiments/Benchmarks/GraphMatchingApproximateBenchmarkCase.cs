using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Keypoint graph matching (<see cref="KeypointGraphMatchingInstance"/>): the approximate solver
/// (<see cref="GraphMatchingAlgorithm.Approximate"/>, default options) against the exact one; reports the approximate
/// solver's mean relative gap to the exact optimum.</summary>
public sealed class GraphMatchingApproximateBenchmarkCase(int keypoints = 10, int instanceCount = 10) : IApproximationBenchmarkCase
{
    private KeypointGraphMatchingInstance[] _instances = [];
    private GraphMatchingSolver[] _approximate = [];
    private GraphMatchingSolver[] _exact = [];
    private float[][] _solutions = [];
    private float[][] _referenceSolutions = [];
    private double[] _objectives = [];
    private double[] _optima = [];

    /// <inheritdoc/>
    public string Solver => "GraphMatching approximate";

    /// <inheritdoc/>
    public string Size => $"{keypoints} keypoints, Delaunay";

    /// <inheritdoc/>
    public string Reference => "GraphMatching exact";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 10;

    /// <inheritdoc/>
    public double MeanRelativeGap { get; private set; } = double.NaN;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _instances = Enumerable.Range(0, instanceCount).Select(_ => KeypointGraphMatchingInstance.Create(random, keypoints)).ToArray();
        _approximate = _instances.Select(i => GraphMatchingSolver.Create(i.First, i.Second, GraphMatchingAlgorithm.Approximate)).ToArray();
        _exact = _instances.Select(i => GraphMatchingSolver.Create(i.First, i.Second, GraphMatchingAlgorithm.Exact)).ToArray();
        _solutions = _approximate.Select(s => new float[s.Dimension]).ToArray();
        _referenceSolutions = _approximate.Select(s => new float[s.Dimension]).ToArray();
        _objectives = new double[instanceCount];
        _optima = new double[instanceCount];
        for (var i = 0; i < instanceCount; i++) RunVariant(i);
        RunReference(0);
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) =>
        _objectives[instance] = _approximate[instance].SolveWithBound(_instances[instance].Costs, _solutions[instance]).Objective;

    /// <inheritdoc/>
    public void RunReference(int instance) =>
        _optima[instance] = _exact[instance].SolveWithBound(_instances[instance].Costs, _referenceSolutions[instance]).Objective;

    /// <inheritdoc/>
    public string Verify()
    {
        var gaps = new double[instanceCount];
        for (var i = 0; i < instanceCount; i++)
        {
            if (_objectives[i] < _optima[i])
                throw new InvalidOperationException($"Graph matching instance {i}: approximate {_objectives[i]} below the exact optimum {_optima[i]}.");
            gaps[i] = (_objectives[i] - _optima[i]) / Math.Abs(_optima[i]);
        }
        MeanRelativeGap = gaps.Average();
        return $"approximate vs exact optimum: mean relative gap {MeanRelativeGap:P2}, largest {gaps.Max():P2}, " +
               $"optimal on {gaps.Count(g => g == 0)} of {instanceCount} instances";
    }
}
