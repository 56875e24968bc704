using Combigrad.Backend;
using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// A combinatorial solver as a TorchSharp layer: maps costs of shape <c>[..., *InstanceShape]</c> to the exact
/// solutions <c>y(w) = argmin_{y in Y} &lt;w, y&gt;</c> of the same shape, solving the batch in parallel, and
/// differentiates with the chosen <see cref="IGradientMethod"/>.
/// </summary>
/// <remarks>
/// <para>Forward graph: <c>costs -&gt; (negate if maximising) -&gt; + margin noise or - perturbation noise (training only) -&gt; projection P -&gt; solver</c>.
/// Because the noise and P sit in the forward graph, autograd yields <c>P'(w)</c> on the way back (paper Sec. 3.4, 3.5).</para>
/// <para>With <see cref="IdentityMethod"/> this is the paper's Identity with projection; with <see cref="BlackboxMethod"/> it is BB.</para>
/// </remarks>
/// <example>
/// <code>
/// var shortestPath = new SolverLayer(new GridShortestPathSolver(12), new IdentityMethod(),
///     new SolverLayerOptions { NoiseMagnitude = 0.2, NoiseSeed = 1 });
/// var paths = shortestPath.call(costs);          // costs: [batch, 12, 12], non-negative
/// </code>
/// </example>
public sealed class SolverLayer : nn.Module<Tensor, Tensor>
{
    private readonly ISolver _solver;
    private readonly IGradientMethod _method;
    private readonly ICostProjection _projection;
    private readonly MarginNoise? _noise;
    private readonly INoise? _perturbation;
    private readonly ObjectiveSense _sense;
    private readonly bool _zeroCostsArePadding;

    /// <summary>Wraps <paramref name="solver"/> with the given gradient method and options.</summary>
    /// <exception cref="ArgumentException">The projection is not an invariance of the solver, or noise is
    /// requested together with a maximisation sense and a solver that needs non-negative costs.</exception>
    /// <exception cref="InvalidOperationException">TorchSharp's backend cannot be loaded (see <see cref="TorchBackend"/>).</exception>
    public SolverLayer(ISolver solver, IGradientMethod method, SolverLayerOptions? options = null, string name = nameof(SolverLayer))
        : base(LoadedBackendThen(name))
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(method);
        options ??= new SolverLayerOptions();
        _solver = solver;
        _method = method;
        _projection = options.Projection.ResolveFor(solver);
        _noise = options.NoiseMagnitude > 0 ? new MarginNoise(options.NoiseMagnitude, options.NoiseSeed) : null;
        if (options.NoiseMagnitude < 0 || double.IsNaN(options.NoiseMagnitude))
            throw new ArgumentOutOfRangeException(nameof(options), options.NoiseMagnitude, "NoiseMagnitude must be >= 0.");
        _perturbation = options.PerturbationNoise;
        if (_perturbation is not null && options.NoiseMagnitude > 0)
            throw new ArgumentException(
                $"{name}: set either NoiseMagnitude (margin noise) or PerturbationNoise ({_perturbation.Name}), not both.", nameof(options));
        _sense = options.Sense;
        _zeroCostsArePadding = options.ZeroCostsArePadding;
        if (_sense == ObjectiveSense.Maximize && solver.Facts.RequiresNonNegativeCosts)
            throw new ArgumentException(
                $"{name}: {solver.Name} needs non-negative costs, so its input cannot be a score to maximise (negated scores would be negative).",
                nameof(options));
        RegisterComponents();
    }

    /// <summary>The wrapped solver.</summary>
    public ISolver Solver => _solver;

    /// <summary>The gradient method.</summary>
    public IGradientMethod Method => _method;

    /// <summary>The projection in use, after <see cref="CostProjection.Auto"/> was resolved for the solver.</summary>
    public ICostProjection Projection => _projection;

    /// <summary>The margin noise, or null when the layer was built without it.</summary>
    public MarginNoise? Noise => _noise;

    /// <summary>The perturb-and-MAP noise sampler (<see cref="SolverLayerOptions.PerturbationNoise"/>), or null.</summary>
    public INoise? PerturbationNoise => _perturbation;

    /// <summary>Whether the input is a cost (default) or a score to maximise.</summary>
    public ObjectiveSense Sense => _sense;

    /// <summary>
    /// Whether the margin noise (or the <see cref="PerturbationNoise"/>) is applied in training mode (default true). Schedules such as "noise for the first
    /// 50 of 100 epochs" (paper Table 5) switch it off here. Noise is never applied in evaluation mode.
    /// </summary>
    public bool NoiseEnabled { get; set; } = true;

    /// <summary>
    /// Restarts every random stream of the layer (margin noise, perturbation noise, a stochastic method) from
    /// streams derived from <paramref name="seed"/>. The trainer calls it at each epoch start.
    /// </summary>
    public void Reseed(ulong seed)
    {
        _noise?.Reseed(SeedMixer.Mix(seed, MarginNoiseStream));
        _perturbation?.Reseed(SeedMixer.Mix(seed, PerturbationNoiseStream));
        (_method as IReseedable)?.Reseed(SeedMixer.Mix(seed, MethodStream));
    }

    private const int MarginNoiseStream = 1;
    private const int PerturbationNoiseStream = 2;
    private const int MethodStream = 3;

    /// <summary>Solves every instance in <paramref name="costs"/> (shape <c>[..., *InstanceShape]</c>).</summary>
    /// <exception cref="ArgumentException">Wrong trailing shape, non-floating dtype, NaN/Inf entries, or negative
    /// entries for a solver that needs non-negative costs; the message names the layer, the shape and the first bad index.</exception>
    public override Tensor forward(Tensor costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        CostGuard.ThrowIfInvalid(GetName(), _solver, costs);
        using var scope = NewDisposeScope();
        var flat = costs.reshape(-1, _solver.Dimension);
        flat = _sense.ToCosts(flat);
        if (_noise is not null && training && NoiseEnabled) flat = flat + OffPadding(flat, _noise.SampleLike(flat));
        if (_perturbation is not null && training && NoiseEnabled) flat = flat - OffPadding(flat, _perturbation.SampleLike(flat));
        var solutions = _method.Solve(_projection.Apply(flat), _solver, training);
        return solutions.reshape(costs.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The noise, zeroed on padding entries when <see cref="SolverLayerOptions.ZeroCostsArePadding"/> is set.</summary>
    private Tensor OffPadding(Tensor costs, Tensor noise) =>
        _zeroCostsArePadding ? noise * costs.detach().ne(0).to(noise.dtype) : noise;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _noise?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Checks the TorchSharp backend before the base constructor runs, so a missing backend is one clear error.</summary>
    private static string LoadedBackendThen(string name)
    {
        TorchBackend.EnsureLoaded();
        return name;
    }
}
