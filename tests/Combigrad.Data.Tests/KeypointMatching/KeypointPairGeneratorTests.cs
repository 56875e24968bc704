using Combigrad.Data.KeypointMatching;

namespace Combigrad.Data.Tests.KeypointMatching;

public sealed class KeypointPairGeneratorTests
{
    private const int Side = 64;

    /// <summary>How far (pixels) the centroid of a warped marker may sit from the mapped keypoint (resampling error).</summary>
    private const double MarkerTolerance = 0.25;

    private static KeypointPair Pair(ulong seed, KeypointPairOptions? options = null) =>
        KeypointPairGenerator.Generate(SyntheticImages.Smooth(seed, Side), Side, options ?? new KeypointPairOptions(), seed);

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Generate_MarkerDrawnAtASourceKeypoint_LandsAtItsPartnerAfterTheWarp(ulong seed)
    {
        var pair = Pair(seed);
        for (var i = 0; i < pair.SourceKeypoints.Count; i++)
        {
            var marker = Marker(pair.SourceKeypoints[i]);
            var warped = new byte[marker.Length];
            ImageWarper.Warp(marker, warped, 1, Side, Side, pair.Warp);

            var (x, y) = Centroid(warped);
            var partner = pair.TargetKeypoints[pair.Correspondence[i]];
            Assert.True(Math.Abs(x - partner.X) < MarkerTolerance && Math.Abs(y - partner.Y) < MarkerTolerance,
                $"keypoint {i}: marker landed at ({x:F2}, {y:F2}), partner at ({partner.X:F2}, {partner.Y:F2})");
        }
    }

    [Fact]
    public void Generate_TargetImage_IsTheWarpedSourceOutsideTheOccluders()
    {
        var photometryOff = new KeypointPairOptions { MaxContrastChange = 0, MaxBrightnessChange = 0, PixelNoise = 0 };
        var pair = Pair(5, photometryOff with { OccludedCount = 0 });
        var expected = new byte[pair.SourceImage.Length];
        ImageWarper.Warp(pair.SourceImage, expected, KeypointPair.Channels, Side, Side, pair.Warp);
        Assert.Equal(expected, pair.TargetImage);

        var occluded = Pair(5, photometryOff);
        Assert.Equal(2, occluded.OccludedKeypoints.Count);
        Assert.NotEqual(expected, occluded.TargetImage);
    }

    [Fact]
    public void Generate_SameSeed_SamePair_OtherSeed_OtherPair()
    {
        var a = Pair(11);
        var b = Pair(11);
        var c = KeypointPairGenerator.Generate(SyntheticImages.Smooth(11, Side), Side, new KeypointPairOptions(), 12);
        Assert.Equal(a.TargetImage, b.TargetImage);
        Assert.Equal(a.SourceKeypoints, b.SourceKeypoints);
        Assert.Equal(a.TargetKeypoints, b.TargetKeypoints);
        Assert.Equal(a.Correspondence, b.Correspondence);
        Assert.NotEqual(a.SourceKeypoints, c.SourceKeypoints);
        Assert.NotEqual(a.TargetImage, c.TargetImage);
    }

    [Fact]
    public void Generate_Defaults_GiveTenInliersThreeOutliersInsideTheMarginAndApart()
    {
        var options = new KeypointPairOptions();
        for (var seed = 0UL; seed < 20; seed++)
        {
            var pair = Pair(seed);
            Assert.Equal(10, pair.SourceKeypoints.Count);
            Assert.Equal(13, pair.TargetKeypoints.Count);
            Assert.Equal(10, pair.Correspondence.Distinct().Count());
            Assert.Equal(3, pair.Outliers.Count());
            foreach (var points in new[] { pair.SourceKeypoints, pair.TargetKeypoints })
            {
                Assert.All(points, p => Assert.InRange(p.X, options.Margin, Side - 1 - options.Margin));
                Assert.All(points, p => Assert.InRange(p.Y, options.Margin, Side - 1 - options.Margin));
                for (var i = 0; i < points.Count; i++)
                    for (var j = i + 1; j < points.Count; j++)
                        Assert.True(Math.Sqrt(Math.Pow(points[i].X - points[j].X, 2) + Math.Pow(points[i].Y - points[j].Y, 2)) >= options.MinDistance);
            }
            for (var i = 0; i < pair.SourceKeypoints.Count; i++)
            {
                var (x, y) = pair.Warp.Apply(pair.SourceKeypoints[i].X, pair.SourceKeypoints[i].Y);
                Assert.Equal(x, pair.TargetKeypoints[pair.Correspondence[i]].X, 1e-9);
                Assert.Equal(y, pair.TargetKeypoints[pair.Correspondence[i]].Y, 1e-9);
            }
            Assert.InRange(pair.SourceGraph.EdgeCount, 3 * 10 - 3 - 10, 3 * 10 - 3 - 3); // 3n - 3 - h with 3 <= h <= n
        }
    }

    [Fact]
    public void EdgeCorrespondence_MapsSourceEdgesOntoTargetEdgesBetweenThePartners()
    {
        var pair = Pair(7);
        var edges = pair.EdgeCorrespondence();
        Assert.Contains(edges, l => l >= 0);
        for (var k = 0; k < edges.Length; k++)
        {
            var (u, v) = pair.SourceGraph.GetEdge(k);
            var expected = pair.TargetGraph.FindEdge(pair.Correspondence[u], pair.Correspondence[v]);
            Assert.Equal(expected, edges[k]);
        }
    }

    [Fact]
    public void Generate_ImpossibleSpacing_ThrowsWithAMessage()
    {
        var crowded = new KeypointPairOptions { KeypointCount = 200, MinDistance = 10 };
        var error = Assert.Throws<InvalidOperationException>(() => Pair(1, crowded));
        Assert.Contains("minDistance", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Pair(1, new KeypointPairOptions { KeypointCount = 2 }));
        Assert.Throws<ArgumentException>(() => KeypointPairGenerator.Generate(new byte[10], Side, new KeypointPairOptions(), 1));
    }

    [Fact]
    public void PairSet_DoesNotDependOnOrderOfGeneration()
    {
        var all = KeypointPairSet.Generate(s => SyntheticImages.Smooth(s, Side), Side, 6, new KeypointPairOptions(), 42);
        var again = KeypointPairSet.Generate(s => SyntheticImages.Smooth(s, Side), Side, 6, new KeypointPairOptions(), 42);
        for (var i = 0; i < all.Length; i++)
        {
            Assert.Equal(all[i].TargetImage, again[i].TargetImage);
            Assert.Equal(all[i].TargetKeypoints, again[i].TargetKeypoints);
        }
        Assert.NotEqual(all[0].SourceKeypoints, all[1].SourceKeypoints);
    }

    /// <summary>A one-channel image with a Gaussian blob (sigma 1.2 px) centred at <paramref name="at"/>.</summary>
    private static byte[] Marker((double X, double Y) at)
    {
        const double Sigma = 1.2;
        var image = new byte[Side * Side];
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var d2 = (x - at.X) * (x - at.X) + (y - at.Y) * (y - at.Y);
                image[y * Side + x] = (byte)Math.Round(255 * Math.Exp(-d2 / (2 * Sigma * Sigma)));
            }
        return image;
    }

    private static (double X, double Y) Centroid(byte[] image)
    {
        double sum = 0, sx = 0, sy = 0;
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var w = (double)image[y * Side + x];
                sum += w;
                sx += w * x;
                sy += w * y;
            }
        return (sx / sum, sy / sum);
    }
}
