namespace Combigrad.Projections;

/// <summary>The projections of paper Sec. 3.4, by name.</summary>
public static class CostProjection
{
    /// <summary>No projection.</summary>
    public static ICostProjection None { get; } = new NoProjection();

    /// <summary><c>P_plane</c>, eq. 13: subtract the mean.</summary>
    public static ICostProjection Plane { get; } = new PlaneProjection();

    /// <summary><c>P_sphere</c>, eq. 14: divide by the L2 norm.</summary>
    public static ICostProjection Sphere { get; } = new SphereProjection();

    /// <summary><c>P_sphere o P_plane</c>: subtract the mean, then normalise.</summary>
    public static ICostProjection PlaneThenSphere { get; } = new ComposedProjection(Sphere, Plane);

    /// <summary>Chosen per solver from its <see cref="Solvers.SolutionSetFacts"/>; see <see cref="AutoProjection"/>.</summary>
    public static ICostProjection Auto { get; } = new AutoProjection();

    /// <summary>Parses a projection name as used in options files: none, plane, sphere, plane+sphere, auto.</summary>
    /// <exception cref="ArgumentException">The name is not one of these.</exception>
    public static ICostProjection Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "none" => None,
        "plane" => Plane,
        "sphere" => Sphere,
        "plane+sphere" or "sphere∘plane" or "sphere-plane" => PlaneThenSphere,
        "auto" => Auto,
        _ => throw new ArgumentException($"Unknown projection '{name}'. Expected one of: none, plane, sphere, plane+sphere, auto.", nameof(name)),
    };
}
