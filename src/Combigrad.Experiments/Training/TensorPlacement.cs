using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>Moves tensors built on the CPU (data sets assembled from managed arrays) to the training device.</summary>
internal static class TensorPlacement
{
    /// <summary>Returns <paramref name="tensor"/> itself when it is on <paramref name="device"/>; otherwise a copy there,
    /// and disposes <paramref name="tensor"/>. Either way the caller owns the result and no longer the argument.</summary>
    public static Tensor MoveTo(this Tensor tensor, Device device)
    {
        if (Trainer.SameDevice(tensor.device, device)) return tensor;
        var moved = tensor.to(device);
        tensor.Dispose();
        return moved;
    }
}
