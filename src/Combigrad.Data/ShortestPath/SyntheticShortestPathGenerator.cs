using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Data.ShortestPath;

/// <summary>Generates seeded splits of the synthetic shortest-path problem described in <see cref="SyntheticShortestPathOptions"/>.</summary>
public sealed class SyntheticShortestPathGenerator
{
    private const double CostOffset = 3.0;
    private const double CostScaleBase = 3.5;

    private readonly SyntheticShortestPathOptions _options;
    private readonly float[,] _map;
    private readonly GridShortestPathSolver _solver;

    /// <summary>Creates the generator; the feature-to-cost map is drawn from <see cref="SyntheticShortestPathOptions.MapSeed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public SyntheticShortestPathGenerator(SyntheticShortestPathOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _solver = new GridShortestPathSolver(options.GridSize);
        var random = new Random(options.MapSeed);
        _map = new float[_solver.Dimension, options.FeatureCount];
        for (var j = 0; j < _solver.Dimension; j++)
            for (var f = 0; f < options.FeatureCount; f++)
                _map[j, f] = random.Next(2);
    }

    /// <summary>The solver that labels the data (vertex-weighted 8-neighbour grid shortest path).</summary>
    public GridShortestPathSolver Solver => _solver;

    /// <summary>Generates <paramref name="count"/> instances from <paramref name="seed"/> as CPU tensors; the same arguments give the same data.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public ShortestPathDataset Generate(int count, int seed)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be at least 1.");
        var p = _options.FeatureCount;
        var n = _solver.Dimension;
        var k = _options.GridSize;
        var random = new Random(seed);
        var features = new float[count * p];
        var costs = new float[count * n];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < p; f++) features[i * p + f] = (float)StandardNormal(random);
            for (var j = 0; j < n; j++)
            {
                var projection = 0.0;
                for (var f = 0; f < p; f++) projection += _map[j, f] * features[i * p + f];
                // Odd degrees can make the base negative in rare draws; clamping at zero keeps costs positive (Dijkstra).
                var polynomial = Math.Max(0.0,
                    Math.Pow(projection / Math.Sqrt(p) + CostOffset, _options.PolynomialDegree) / Math.Pow(CostScaleBase, _options.PolynomialDegree));
                var noise = 1 + (random.NextDouble() * 2 - 1) * _options.NoiseHalfWidth;
                costs[i * n + j] = (float)(polynomial * noise);
            }
        }
        var paths = new float[count * n];
        _solver.SolveBatch(costs, paths);
        return new ShortestPathDataset(
            tensor(features, [count, p], device: CPU),
            tensor(costs, [count, k, k], device: CPU),
            tensor(paths, [count, k, k], device: CPU));
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller: two uniforms on (0, 1] give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
