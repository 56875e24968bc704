using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>Shape checks shared by the losses; messages name the loss and both shapes.</summary>
internal static class LossGuard
{
    public static void ThrowIfShapesDiffer(string owner, Tensor reference, Tensor other, string otherName)
    {
        if (!reference.shape.SequenceEqual(other.shape))
            throw new ArgumentException(
                $"{owner}: {otherName} has shape [{string.Join(", ", other.shape)}], expected [{string.Join(", ", reference.shape)}].", otherName);
    }
}
