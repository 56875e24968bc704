using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>Dense keypoint graph matching (<see cref="KeypointGraphMatchingInstance.CreateComplete"/>: complete graphs,
/// integer costs): the exact solver against the same problem as a CP-SAT model (<see cref="CpSatGraphMatching"/>);
/// optimal objectives must be identical.</summary>
public sealed class GraphMatchingDenseBenchmarkCase(int keypoints = 10, int instanceCount = 3) : ISolverBenchmarkCase
{
    /// <summary>How long the CP-SAT reference may take per instance.</summary>
    public static readonly TimeSpan ReferenceTimeLimit = TimeSpan.FromSeconds(300);

    private KeypointGraphMatchingInstance[] _instances = [];
    private GraphMatchingSolver[] _solvers = [];
    private float[][] _solutions = [];
    private double[] _objectives = [];
    private long[] _referenceObjectives = [];

    /// <inheritdoc/>
    public string Solver => "GraphMatching exact dense";

    /// <inheritdoc/>
    public string Size => $"{keypoints}+{keypoints} keypoints, complete graphs";

    /// <inheritdoc/>
    public string Reference => "OR-Tools CP-SAT model, 1 worker";

    /// <inheritdoc/>
    public int InstanceCount => instanceCount;

    /// <inheritdoc/>
    public int ReferenceRepetitions => 1;

    /// <inheritdoc/>
    public int VariantRepetitions => 1;

    /// <inheritdoc/>
    public void Prepare(int seed)
    {
        var random = new Random(seed);
        _instances = Enumerable.Range(0, instanceCount).Select(_ => KeypointGraphMatchingInstance.CreateComplete(random, keypoints)).ToArray();
        _solvers = _instances.Select(i => GraphMatchingSolver.Create(i.First, i.Second, GraphMatchingAlgorithm.Exact)).ToArray();
        _solutions = _solvers.Select(s => new float[s.Dimension]).ToArray();
        _objectives = new double[instanceCount];
        _referenceObjectives = new long[instanceCount];
    }

    /// <inheritdoc/>
    public void RunVariant(int instance) =>
        _objectives[instance] = _solvers[instance].SolveWithBound(_instances[instance].Costs, _solutions[instance]).Objective;

    /// <inheritdoc/>
    public void RunReference(int instance)
    {
        var i = _instances[instance];
        _referenceObjectives[instance] = CpSatGraphMatching.OptimalObjective(i.First, i.Second, i.Costs, ReferenceTimeLimit);
    }

    /// <inheritdoc/>
    public string Verify()
    {
        for (var i = 0; i < instanceCount; i++)
            if (_objectives[i] != _referenceObjectives[i])
                throw new InvalidOperationException($"Dense graph matching instance {i}: exact solver {_objectives[i]}, CP-SAT {_referenceObjectives[i]}.");
        return $"identical optimal objectives on all {instanceCount} instances";
    }
}
