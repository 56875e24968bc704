using Combigrad.Data.KeypointMatching;

namespace Combigrad.Data.Tests.KeypointMatching;

public sealed class AffineWarpTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Inverse_ComposedWithWarp_IsIdentity()
    {
        var warp = AffineWarp.AboutCentre(31.5, 31.5, 0.4, 1.1, 0.9, 0.1, 3, -2);
        var inverse = warp.Inverse();
        foreach (var (x, y) in new[] { (0.0, 0.0), (10.0, 50.0), (63.0, 17.5) })
        {
            var (u, v) = warp.Apply(x, y);
            var (bx, by) = inverse.Apply(u, v);
            Assert.Equal(x, bx, Tolerance);
            Assert.Equal(y, by, Tolerance);
        }
    }

    [Fact]
    public void AboutCentre_WithoutTranslation_FixesTheCentreAndRotatesAroundIt()
    {
        var quarterTurn = AffineWarp.AboutCentre(10, 20, Math.PI / 2, 1, 1, 0, 0, 0);
        var (cx, cy) = quarterTurn.Apply(10, 20);
        Assert.Equal(10, cx, Tolerance);
        Assert.Equal(20, cy, Tolerance);
        // (1, 0) from the centre turns into (0, 1): x to y in image coordinates.
        var (x, y) = quarterTurn.Apply(11, 20);
        Assert.Equal(10, x, Tolerance);
        Assert.Equal(21, y, Tolerance);
    }

    [Fact]
    public void Inverse_SingularMap_Throws()
    {
        var singular = new AffineWarp(1, 2, 0, 2, 4, 0);
        Assert.Throws<InvalidOperationException>(() => singular.Inverse());
    }
}
