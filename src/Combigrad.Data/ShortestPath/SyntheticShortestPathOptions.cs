namespace Combigrad.Data.ShortestPath;

/// <summary>
/// Parameters of synthetic shortest-path data in the style of PyEPO's generator (Tang &amp; Khalil), adapted to vertex
/// costs on a k x k grid: features <c>x ~ N(0, I_p)</c>, a fixed random 0/1 matrix <c>B</c>, and true costs
/// <c>c_j = ((B x)_j / sqrt(p) + 3)^deg / 3.5^deg * eps_j</c> with <c>eps_j ~ U[1 - e, 1 + e]</c>.
/// PyEPO adds 1 inside the bracket; on a vertex-weighted 8-neighbour grid that makes costs so uniform that the
/// diagonal is nearly always optimal, so this generator leaves it out to keep the paths informative.
/// </summary>
public sealed record SyntheticShortestPathOptions
{
    /// <summary>k: the grid is k x k cells.</summary>
    public int GridSize { get; init; } = 5;

    /// <summary>p: the number of features per instance.</summary>
    public int FeatureCount { get; init; } = 5;

    /// <summary>deg: the polynomial degree of the feature-to-cost map; 1 is linear, larger is harder for a linear model.</summary>
    public int PolynomialDegree { get; init; } = 4;

    /// <summary>e: the half-width of the multiplicative noise <c>eps ~ U[1 - e, 1 + e]</c>.</summary>
    public double NoiseHalfWidth { get; init; } = 0.5;

    /// <summary>The seed of the map <c>B</c>; the same seed gives the same feature-to-cost map for every split.</summary>
    public int MapSeed { get; init; } = 1;

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, the degree below 1, or the noise outside [0, 1).</exception>
    public void Validate()
    {
        if (GridSize < 1) throw new ArgumentOutOfRangeException(nameof(GridSize), GridSize, "GridSize must be at least 1.");
        if (FeatureCount < 1) throw new ArgumentOutOfRangeException(nameof(FeatureCount), FeatureCount, "FeatureCount must be at least 1.");
        if (PolynomialDegree < 1) throw new ArgumentOutOfRangeException(nameof(PolynomialDegree), PolynomialDegree, "PolynomialDegree must be at least 1.");
        if (!(NoiseHalfWidth >= 0 && NoiseHalfWidth < 1))
            throw new ArgumentOutOfRangeException(nameof(NoiseHalfWidth), NoiseHalfWidth, "NoiseHalfWidth must be in [0, 1) so that costs stay positive.");
    }
}
