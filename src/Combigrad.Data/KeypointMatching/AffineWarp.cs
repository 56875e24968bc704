namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// A plane affine map <c>(x, y) -&gt; (A11 x + A12 y + A13, A21 x + A22 y + A23)</c> in pixel coordinates (x the column,
/// y the row, pixel centres at integers). It sends source image coordinates to target image coordinates.
/// </summary>
/// <param name="A11">Row 1, column 1 of the linear part.</param>
/// <param name="A12">Row 1, column 2 of the linear part.</param>
/// <param name="A13">The x translation.</param>
/// <param name="A21">Row 2, column 1 of the linear part.</param>
/// <param name="A22">Row 2, column 2 of the linear part.</param>
/// <param name="A23">The y translation.</param>
public readonly record struct AffineWarp(double A11, double A12, double A13, double A21, double A22, double A23)
{
    /// <summary>The identity map.</summary>
    public static AffineWarp Identity => new(1, 0, 0, 0, 1, 0);

    /// <summary>The determinant of the linear part (non-zero for an invertible map).</summary>
    public double Determinant => A11 * A22 - A12 * A21;

    /// <summary>The image of the point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Apply(double x, double y) => (A11 * x + A12 * y + A13, A21 * x + A22 * y + A23);

    /// <summary>The inverse map (target to source coordinates).</summary>
    /// <exception cref="InvalidOperationException">The map is singular.</exception>
    public AffineWarp Inverse()
    {
        var det = Determinant;
        if (Math.Abs(det) < SingularTolerance) throw new InvalidOperationException($"The affine map is singular (determinant {det}).");
        var b11 = A22 / det;
        var b12 = -A12 / det;
        var b21 = -A21 / det;
        var b22 = A11 / det;
        return new AffineWarp(b11, b12, -(b11 * A13 + b12 * A23), b21, b22, -(b21 * A13 + b22 * A23));
    }

    /// <summary>
    /// The map <c>p -&gt; c + t + R(rotation) S(scaleX, scaleY) H(shear) (p - c)</c> about the centre <c>c</c>:
    /// shear <c>H = [[1, shear], [0, 1]]</c>, then axis scaling, then rotation by <paramref name="rotation"/> radians,
    /// then translation by (<paramref name="translateX"/>, <paramref name="translateY"/>).
    /// </summary>
    public static AffineWarp AboutCentre(double centreX, double centreY, double rotation, double scaleX, double scaleY,
        double shear, double translateX, double translateY)
    {
        var (sin, cos) = Math.SinCos(rotation);
        // R S H = [[cos, -sin], [sin, cos]] [[sx, 0], [0, sy]] [[1, shear], [0, 1]]
        var a11 = cos * scaleX;
        var a12 = cos * scaleX * shear - sin * scaleY;
        var a21 = sin * scaleX;
        var a22 = sin * scaleX * shear + cos * scaleY;
        return new AffineWarp(a11, a12, centreX + translateX - a11 * centreX - a12 * centreY,
            a21, a22, centreY + translateY - a21 * centreX - a22 * centreY);
    }

    private const double SingularTolerance = 1e-12;
}
