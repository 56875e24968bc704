using Combigrad.Data.Warcraft;

namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// Builds a <see cref="KeypointPair"/> from one source image and a seed: a random affine warp about the image centre
/// (rotation, axis scaling, shear, translation; ranges in <see cref="KeypointPairOptions"/>), the target image by
/// bilinear resampling (<see cref="ImageWarper"/>), keypoints sampled uniformly on the source such that their images
/// stay inside the target, outlier keypoints in the target, square occluders of random colour over some warped
/// keypoints, a photometric change of the target (per-channel gain and offset, Gaussian pixel noise), a random order of
/// the target keypoints, and Delaunay graphs on both sides.
/// </summary>
/// <remarks>Deterministic: the pair depends only on the image, the options and the seed (SplitMix64, no global state).</remarks>
public static class KeypointPairGenerator
{
    /// <summary>Rejection-sampling attempts per keypoint before giving up.</summary>
    private const int MaxAttemptsPerPoint = 10_000;

    /// <summary>Generates the pair of <paramref name="sourceImage"/> (<c>[3, side, side]</c>) for <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The image has the wrong length or the side is too small for the margin.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">The keypoints cannot be placed with the requested spacing.</exception>
    public static KeypointPair Generate(ReadOnlySpan<byte> sourceImage, int side, KeypointPairOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (side < 2 || side - 1 <= 2 * options.Margin)
            throw new ArgumentException($"An image side of {side} px leaves no room inside a margin of {options.Margin} px.", nameof(side));
        if (sourceImage.Length != KeypointPair.Channels * side * side)
            throw new ArgumentException($"A {side}x{side} RGB image has {KeypointPair.Channels * side * side} bytes, got {sourceImage.Length}.", nameof(sourceImage));

        var random = new SplitMix64(seed);
        var warp = RandomWarp(ref random, side, options);

        var source = new List<(double X, double Y)>();
        var warped = new List<(double X, double Y)>();
        while (source.Count < options.KeypointCount)
        {
            var (p, q) = SampleInlier(ref random, side, options, warp, source, warped);
            source.Add(p);
            warped.Add(q);
        }
        var targets = new List<(double X, double Y)>(warped);
        for (var o = 0; o < options.OutlierCount; o++) targets.Add(SampleFree(ref random, side, options, targets));

        var targetImage = new byte[sourceImage.Length];
        ImageWarper.Warp(sourceImage, targetImage, KeypointPair.Channels, side, side, warp);
        ChangePhotometry(ref random, targetImage, side, options);
        var occluded = Choose(ref random, options.KeypointCount, options.OccludedCount);
        foreach (var i in occluded) DrawOccluder(ref random, targetImage, side, warped[i], options.OccluderSize);

        // Shuffle the target keypoints: order[t] = which of (warped inliers, outliers) sits at target index t.
        var order = Enumerable.Range(0, targets.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        var shuffled = order.Select(t => targets[t]).ToArray();
        var correspondence = new int[options.KeypointCount];
        for (var t = 0; t < order.Length; t++)
            if (order[t] < options.KeypointCount) correspondence[order[t]] = t;

        return new KeypointPair
        {
            Side = side,
            SourceImage = sourceImage.ToArray(),
            TargetImage = targetImage,
            Warp = warp,
            SourceKeypoints = source,
            TargetKeypoints = shuffled,
            Correspondence = correspondence,
            OccludedKeypoints = occluded,
            SourceGraph = DelaunayTriangulation.Graph(source),
            TargetGraph = DelaunayTriangulation.Graph(shuffled),
        };
    }

    private static AffineWarp RandomWarp(ref SplitMix64 random, int side, KeypointPairOptions o)
    {
        var centre = (side - 1) / 2.0;
        var rotation = Uniform(ref random, -o.MaxRotationDegrees, o.MaxRotationDegrees) * Math.PI / 180;
        var scaleX = Uniform(ref random, o.MinScale, o.MaxScale);
        var scaleY = Uniform(ref random, o.MinScale, o.MaxScale);
        var shear = Uniform(ref random, -o.MaxShear, o.MaxShear);
        var translateX = Uniform(ref random, -o.MaxTranslation, o.MaxTranslation) * side;
        var translateY = Uniform(ref random, -o.MaxTranslation, o.MaxTranslation) * side;
        return AffineWarp.AboutCentre(centre, centre, rotation, scaleX, scaleY, shear, translateX, translateY);
    }

    private static ((double X, double Y) Source, (double X, double Y) Target) SampleInlier(ref SplitMix64 random, int side,
        KeypointPairOptions o, AffineWarp warp, List<(double X, double Y)> source, List<(double X, double Y)> warped)
    {
        for (var attempt = 0; attempt < MaxAttemptsPerPoint; attempt++)
        {
            (double X, double Y) p = (Uniform(ref random, o.Margin, side - 1 - o.Margin), Uniform(ref random, o.Margin, side - 1 - o.Margin));
            var q = warp.Apply(p.X, p.Y);
            if (Inside(q, side, o.Margin) && FarFrom(p, source, o.MinDistance) && FarFrom(q, warped, o.MinDistance)) return (p, q);
        }
        throw new InvalidOperationException(
            $"Could not place {o.KeypointCount} keypoints {o.MinDistance} px apart inside a {side} px image under the warp: lower keypointCount or minDistance.");
    }

    private static (double X, double Y) SampleFree(ref SplitMix64 random, int side, KeypointPairOptions o, List<(double X, double Y)> taken)
    {
        for (var attempt = 0; attempt < MaxAttemptsPerPoint; attempt++)
        {
            (double X, double Y) p = (Uniform(ref random, o.Margin, side - 1 - o.Margin), Uniform(ref random, o.Margin, side - 1 - o.Margin));
            if (FarFrom(p, taken, o.MinDistance)) return p;
        }
        throw new InvalidOperationException(
            $"Could not place {o.OutlierCount} outliers {o.MinDistance} px away from the other keypoints: lower outlierCount or minDistance.");
    }

    private static int[] Choose(ref SplitMix64 random, int count, int chosen)
    {
        var indices = Enumerable.Range(0, count).ToArray();
        for (var i = 0; i < chosen; i++)
        {
            var j = i + random.NextInt(count - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return [.. indices.Take(chosen).Order()];
    }

    /// <summary>Fills a square of random colour, its centre within one pixel of the keypoint, clipped to the image.</summary>
    private static void DrawOccluder(ref SplitMix64 random, byte[] image, int side, (double X, double Y) at, int size)
    {
        var colour = new byte[KeypointPair.Channels];
        for (var c = 0; c < colour.Length; c++) colour[c] = (byte)random.NextInt(byte.MaxValue + 1);
        var left = (int)Math.Round(at.X + Uniform(ref random, -1, 1) - (size - 1) / 2.0);
        var top = (int)Math.Round(at.Y + Uniform(ref random, -1, 1) - (size - 1) / 2.0);
        for (var y = Math.Max(0, top); y < Math.Min(side, top + size); y++)
            for (var x = Math.Max(0, left); x < Math.Min(side, left + size); x++)
                for (var c = 0; c < colour.Length; c++)
                    image[(c * side + y) * side + x] = colour[c];
    }

    /// <summary>Per-channel gain and offset, then Gaussian pixel noise (Box-Muller), rounded and clamped to 0..255.</summary>
    private static void ChangePhotometry(ref SplitMix64 random, byte[] image, int side, KeypointPairOptions o)
    {
        var plane = side * side;
        for (var c = 0; c < KeypointPair.Channels; c++)
        {
            var gain = 1 + Uniform(ref random, -o.MaxContrastChange, o.MaxContrastChange);
            var offset = Uniform(ref random, -o.MaxBrightnessChange, o.MaxBrightnessChange) * byte.MaxValue;
            for (var i = c * plane; i < (c + 1) * plane; i++)
            {
                var noise = o.PixelNoise == 0 ? 0 : o.PixelNoise * Gaussian(ref random);
                image[i] = (byte)Math.Clamp(Math.Round(gain * image[i] + offset + noise, MidpointRounding.AwayFromZero), 0, byte.MaxValue);
            }
        }
    }

    private static double Gaussian(ref SplitMix64 random)
    {
        var u = 1 - random.NextDouble(); // (0, 1]
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static bool Inside((double X, double Y) p, int side, double margin) =>
        p.X >= margin && p.Y >= margin && p.X <= side - 1 - margin && p.Y <= side - 1 - margin;

    private static bool FarFrom((double X, double Y) p, List<(double X, double Y)> others, double distance)
    {
        foreach (var q in others)
            if ((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y) < distance * distance) return false;
        return true;
    }

    private static double Uniform(ref SplitMix64 random, double low, double high) => low + (high - low) * random.NextDouble();
}
