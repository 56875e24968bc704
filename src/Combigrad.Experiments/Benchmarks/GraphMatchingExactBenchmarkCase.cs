using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Keypoint graph matching (<see cref="KeypointGraphMatchingInstance"/>): the exact solver
/// (<see cref="GraphMatchingAlgorithm.Exact"/>, branch-and-bound) against <see cref="ExhaustiveGraphMatching"/>; optimal
/// objectives must match.</summary>
public sealed class GraphMatchingExactBenchmarkCase(int keypoints = 10, int instanceCount = 10) : ISolverBenchmarkCase
{
    private KeypointGraphMatchingInstance[] _instances = [];
    private GraphMatchingSolver[] _solvers = [];
    private float[][] _solutions = [];
    private double[] _objectives = [];
    private long[] _referenceObjectives = [];

    /// <inheritdoc/>
    public string Solver => "GraphMatching exact";

    /// <inheritdoc/>
    public string Size => $"{keypoints} keypoints, Delaunay";

    /// <inheritdoc/>
    public string Reference => "exhaustive enumeration";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 2;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _instances = Enumerable.Range(0, instanceCount).Select(_ => KeypointGraphMatchingInstance.Create(random, keypoints)).ToArray();
        _solvers = _instances.Select(i => GraphMatchingSolver.Create(i.First, i.Second, GraphMatchingAlgorithm.Exact)).ToArray();
        _solutions = _solvers.Select(s => new float[s.Dimension]).ToArray();
        _objectives = new double[instanceCount];
        _referenceObjectives = new long[instanceCount];
        RunVariant(0);
        RunReference(0);
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) =>
        _objectives[instance] = _solvers[instance].SolveWithBound(_instances[instance].Costs, _solutions[instance]).Objective;

    /// <inheritdoc/>
    public void RunReference(int instance)
    {
        var i = _instances[instance];
        _referenceObjectives[instance] = ExhaustiveGraphMatching.OptimalObjective(i.First, i.Second, i.Costs);
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
            if (_objectives[i] != _referenceObjectives[i])
                throw new InvalidOperationException($"Graph matching instance {i}: exact solver {_objectives[i]}, enumeration {_referenceObjectives[i]}.");
        return $"identical optimal objectives on all {instanceCount} instances";
    }
}
