namespace Combigrad.Data.Mnist;

/// <summary>
/// An array read from an IDX file (the format of MNIST and Fashion-MNIST): its dimensions and its unsigned-byte
/// entries in row-major order.
/// </summary>
/// <param name="Shape">The dimensions, outermost first (MNIST images: <c>[count, 28, 28]</c>; labels: <c>[count]</c>).</param>
/// <param name="Data">The entries, <c>Shape</c>'s product of them.</param>
public sealed record IdxArray(IReadOnlyList<int> Shape, byte[] Data)
{
    /// <summary>The size of the first dimension (the number of images or labels).</summary>
    public int Count => Shape[0];

    /// <summary>The number of entries of one item (the product of the dimensions after the first; 1 for a vector).</summary>
    public int ItemSize => Shape.Skip(1).Aggregate(1, (product, d) => product * d);
}
