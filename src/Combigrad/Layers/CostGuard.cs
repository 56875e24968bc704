using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>Checks a layer's input tensor before it reaches a solver; the messages name the layer, the shape and the first bad index.</summary>
internal static class CostGuard
{
    /// <exception cref="ArgumentException">Wrong shape or dtype, NaN or infinite entries, or negative entries for a solver that needs non-negative costs.</exception>
    public static void ThrowIfInvalid(string layerName, ISolver solver, Tensor costs)
    {
        ThrowIfWrongShape(layerName, solver, costs);
        if (!costs.is_floating_point())
            throw new ArgumentException($"{layerName}: costs must be a floating-point tensor, got {costs.dtype} of shape {Format(costs.shape)}.", nameof(costs));

        using var scope = NewDisposeScope();
        var detached = costs.detach();
        var invalid = detached.isfinite().logical_not();
        if (invalid.any().item<bool>())
        {
            var index = FirstTrueIndex(invalid);
            var value = detached.flatten()[index].to(ScalarType.Float64).item<double>();
            var what = double.IsNaN(value) ? "NaN" : $"infinite ({value})";
            throw new ArgumentException(
                $"{layerName}: costs of shape {Format(costs.shape)} contain {what} at index {Format(Unravel(index, costs.shape))}.", nameof(costs));
        }
        if (solver.Facts.RequiresNonNegativeCosts)
        {
            var negative = detached.lt(0);
            if (negative.any().item<bool>())
            {
                var index = FirstTrueIndex(negative);
                var value = detached.flatten()[index].to(ScalarType.Float64).item<double>();
                throw new ArgumentException(
                    $"{layerName}: costs of shape {Format(costs.shape)} have a negative entry ({value}) at index " +
                    $"{Format(Unravel(index, costs.shape))}, but {solver.Name} needs non-negative costs (use softplus or exp on the network output).",
                    nameof(costs));
            }
        }
    }

    private static void ThrowIfWrongShape(string layerName, ISolver solver, Tensor costs)
    {
        var instance = solver.InstanceShape;
        var shape = costs.shape;
        var matches = shape.Length >= instance.Count;
        for (var i = 0; matches && i < instance.Count; i++)
            matches = shape[shape.Length - instance.Count + i] == instance[i];
        if (!matches)
            throw new ArgumentException(
                $"{layerName}: expected costs of shape [..., {string.Join(", ", instance)}] for {solver.Name}, got {Format(shape)}.", nameof(costs));
    }

    private static long FirstTrueIndex(Tensor mask) => mask.flatten().nonzero()[0, 0].item<long>();

    private static long[] Unravel(long flatIndex, long[] shape)
    {
        var index = new long[shape.Length];
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = flatIndex % shape[d];
            flatIndex /= shape[d];
        }
        return index;
    }

    private static string Format(long[] values) => "[" + string.Join(", ", values) + "]";
}
