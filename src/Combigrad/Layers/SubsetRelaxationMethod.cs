using Combigrad.Autograd;
using Combigrad.Noise;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// What the Gumbel relaxations of k-subset sampling (<see cref="ConcreteSubsetMethod"/>, <see cref="SoftSubsetMethod"/>)
/// share: a temperature tau, their own seeded standard Gumbel generator, k read from the solver's exact solution (the
/// solution set must have a constant sum), and the exact <c>y(w)</c> in evaluation mode. A subclass supplies only the
/// relaxed sample (<see cref="Relax"/>).
/// </summary>
public abstract class SubsetRelaxationMethod : IGradientMethod, IDisposable, IReseedable
{
    private readonly string _label;
    private readonly GumbelNoise _noise;

    /// <summary>Validates the temperature and creates the Gumbel generator.</summary>
    /// <param name="label">The method's name in error messages.</param>
    /// <param name="temperature">tau &gt; 0, finite.</param>
    /// <param name="typicalTemperature">The recommended tau, quoted when <paramref name="temperature"/> is refused.</param>
    /// <param name="seed">Seed of the method's own Gumbel generator.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    protected SubsetRelaxationMethod(string label, double temperature, string typicalTemperature, ulong seed)
    {
        if (!(temperature > 0 && !double.IsInfinity(temperature)))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature,
                $"The {label} temperature must be positive and finite; {typicalTemperature} is typical.");
        _label = label;
        Temperature = temperature;
        _noise = new GumbelNoise(1.0, seed);
    }

    /// <summary>tau.</summary>
    public double Temperature { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    /// <remarks>Behaves as in training mode.</remarks>
    public Tensor Solve(Tensor costs, ISolver solver) => Solve(costs, solver, training: true);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The solver's solutions do not have a constant sum.</exception>
    public Tensor Solve(Tensor costs, ISolver solver, bool training)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(solver);
        if (!training) return IdentityFunction.Apply(costs, solver);
        var k = SubsetSize(costs, solver);
        using var scope = NewDisposeScope();
        return Relax(costs, k).MoveToOuterDisposeScope();
    }

    /// <summary>The relaxed k-subset sample for the <c>[batch, n]</c> <paramref name="costs"/> (scores <c>-costs</c>);
    /// called inside a dispose scope.</summary>
    protected abstract Tensor Relax(Tensor costs, int k);

    /// <summary>Standard Gumbel noise of the shape of <paramref name="like"/>, from the method's generator.</summary>
    protected Tensor Gumbel(Tensor like) => _noise.SampleLike(like);

    /// <inheritdoc />
    public void Dispose()
    {
        _noise.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public void Reseed(ulong seed) => _noise.Reseed(seed);

    /// <summary>k, the constant coordinate sum of <paramref name="solver"/>'s solutions, read from the exact solution of the first row.</summary>
    private int SubsetSize(Tensor costs, ISolver solver)
    {
        if (!solver.Facts.HasConstantSum)
            throw new ArgumentException($"{_label} relaxes k-subset selection; {solver.Name}'s solutions do not have a constant sum.", nameof(solver));
        using var scope = NewDisposeScope();
        var first = SolverBridge.Solve(solver, costs.narrow(0, 0, 1).detach());
        return (int)Math.Round(first.sum().to(ScalarType.Float64).item<double>());
    }
}
