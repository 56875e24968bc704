using static TorchSharp.torch;

namespace Combigrad.Tests;

/// <summary>Small helpers shared by the layer tests.</summary>
internal static class LayerTesting
{
    /// <summary>Absolute tolerance for float32 gradients of order one.</summary>
    public const double GradientTolerance = 1e-5;

    public static float[] RandomVector(Random random, int n, double scale = 1.0) =>
        Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();

    public static double[] ToDoubles(Tensor t) => t.to(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>Runs forward and backward with loss = &lt;g, y&gt; and returns (y, dL/dw) as flat arrays.</summary>
    public static (double[] Solution, double[] Gradient) ForwardBackward(Combigrad.Layers.SolverLayer layer, float[] costs, float[] incomingGradient, long[] shape)
    {
        using var scope = NewDisposeScope();
        var w = tensor(costs, shape).requires_grad_(true);
        var y = layer.call(w);
        var g = tensor(incomingGradient, shape);
        (y * g).sum().backward();
        return (ToDoubles(y), ToDoubles(w.grad!));
    }

    /// <summary>Jacobian of P_plane: I - 11^T/n.</summary>
    public static double[,] PlaneJacobian(int n)
    {
        var j = new double[n, n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                j[r, c] = (r == c ? 1.0 : 0.0) - 1.0 / n;
        return j;
    }

    /// <summary>Jacobian of P_sphere at v (paper eq. 15): I/|v| - v v^T/|v|^3.</summary>
    public static double[,] SphereJacobian(double[] v)
    {
        var n = v.Length;
        var norm = Math.Sqrt(v.Sum(x => x * x));
        var j = new double[n, n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                j[r, c] = (r == c ? 1.0 / norm : 0.0) - v[r] * v[c] / (norm * norm * norm);
        return j;
    }

    public static double[,] Multiply(double[,] a, double[,] b)
    {
        var n = a.GetLength(0);
        var m = b.GetLength(1);
        var k = a.GetLength(1);
        var result = new double[n, m];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < m; c++)
                for (var i = 0; i < k; i++)
                    result[r, c] += a[r, i] * b[i, c];
        return result;
    }

    /// <summary>Returns J^T g.</summary>
    public static double[] TransposeTimes(double[,] j, double[] g)
    {
        var n = j.GetLength(1);
        var result = new double[n];
        for (var c = 0; c < n; c++)
            for (var r = 0; r < j.GetLength(0); r++)
                result[c] += j[r, c] * g[r];
        return result;
    }

    public static double[] Plane(double[] w)
    {
        var mean = w.Average();
        return w.Select(x => x - mean).ToArray();
    }

    public static double[,] IdentityMatrix(int n)
    {
        var j = new double[n, n];
        for (var i = 0; i < n; i++) j[i, i] = 1;
        return j;
    }
}
