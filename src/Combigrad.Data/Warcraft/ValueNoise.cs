namespace Combigrad.Data.Warcraft;

/// <summary>
/// Fractal value noise on a k x k grid: random values on a coarse lattice, blended with the smoothstep kernel, summed
/// over octaves of halving spacing and amplitude. Smooth fields like this give contiguous regions (coasts, ranges).
/// </summary>
internal static class ValueNoise
{
    /// <summary>Fills <paramref name="field"/> (k x k, row-major) with noise in [0, 1], then stretches it to span [0, 1].</summary>
    /// <param name="field">The output, k² values.</param>
    /// <param name="size">k.</param>
    /// <param name="spacing">The lattice spacing of the coarsest octave, in cells.</param>
    /// <param name="octaves">The number of octaves.</param>
    /// <param name="random">The generator; advanced deterministically.</param>
    /// <param name="stretch">Whether to map the field's minimum to 0 and maximum to 1.</param>
    public static void Fill(Span<double> field, int size, double spacing, int octaves, ref SplitMix64 random, bool stretch)
    {
        field.Clear();
        var amplitude = 1.0;
        var total = 0.0;
        for (var octave = 0; octave < octaves; octave++)
        {
            AddOctave(field, size, spacing, amplitude, ref random);
            total += amplitude;
            amplitude *= 0.5;
            spacing = Math.Max(1.0, spacing * 0.5);
        }
        for (var i = 0; i < field.Length; i++) field[i] /= total;
        if (!stretch) return;
        double min = double.MaxValue, max = double.MinValue;
        foreach (var v in field)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        var range = max - min;
        for (var i = 0; i < field.Length; i++) field[i] = range > 0 ? (field[i] - min) / range : 0.5;
    }

    private static void AddOctave(Span<double> field, int size, double spacing, double amplitude, ref SplitMix64 random)
    {
        var lattice = (int)Math.Ceiling(size / spacing) + 2;
        var values = new double[lattice * lattice];
        for (var i = 0; i < values.Length; i++) values[i] = random.NextDouble();
        // A random sub-cell offset so that lattice points do not always fall on the same cells.
        var offsetRow = random.NextDouble();
        var offsetColumn = random.NextDouble();
        for (var r = 0; r < size; r++)
        {
            var y = r / spacing + offsetRow;
            var y0 = (int)y;
            var ty = SmoothStep(y - y0);
            for (var c = 0; c < size; c++)
            {
                var x = c / spacing + offsetColumn;
                var x0 = (int)x;
                var tx = SmoothStep(x - x0);
                var top = Lerp(values[y0 * lattice + x0], values[y0 * lattice + x0 + 1], tx);
                var bottom = Lerp(values[(y0 + 1) * lattice + x0], values[(y0 + 1) * lattice + x0 + 1], tx);
                field[r * size + c] += amplitude * Lerp(top, bottom, ty);
            }
        }
    }

    private static double SmoothStep(double t) => t * t * (3 - 2 * t);

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;
}
