namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// One comparison of <c>combigrad bench solvers</c>: a solver variant and a reference run on the same seeded
/// instances, one call each per measurement, so the runner can interleave them and report medians.
/// </summary>
/// <remarks>Implementations build every instance in <see cref="Prepare"/> (untimed) and keep the outputs needed by
/// <see cref="Verify"/>. Add a case by implementing this interface and listing it in
/// <see cref="SolverBenchmarkCatalog"/>.</remarks>
public interface ISolverBenchmarkCase
{
    /// <summary>The measured variant, e.g. <c>"Tsp"</c>.</summary>
    string Solver { get; }

    /// <summary>The instance size, e.g. <c>"k=20"</c>.</summary>
    string Size { get; }

    /// <summary>What the variant is compared against, e.g. <c>"OR-Tools CP-SAT AddCircuit, 1 worker"</c>.</summary>
    string Reference { get; }

    /// <summary>How many distinct seeded instances the case has.</summary>
    int InstanceCount { get; }

    /// <summary>How many timed calls of the reference are made per instance (the variant gets
    /// <see cref="VariantRepetitions"/>); slow references get fewer.</summary>
    int ReferenceRepetitions { get; }

    /// <summary>How many timed calls of the variant are made per instance.</summary>
    int VariantRepetitions { get; }

    /// <summary>Builds the instances from <paramref name="seed"/> and warms both sides up (untimed).</summary>
    void Prepare(int seed);

    /// <summary>Runs the variant once on instance <paramref name="instance"/>.</summary>
    void RunVariant(int instance);

    /// <summary>Runs the reference once on instance <paramref name="instance"/>.</summary>
    void RunReference(int instance);

    /// <summary>Checks that the variant and the reference agree on every instance (e.g. identical optimal
    /// objectives) and describes the check; throws <see cref="InvalidOperationException"/> when they do not.</summary>
    string Verify();
}
