namespace Combigrad.Solvers;

/// <summary>
/// Packs a float cost and its index into one <see cref="ulong"/> whose integer order is the lexicographic order on
/// <c>(cost, index)</c> (or <c>(-cost, index)</c>), so a plain non-allocating <c>Span&lt;ulong&gt;.Sort()</c> gives a
/// stable, fully deterministic ordering. Also owns a grow-only per-thread key buffer.
/// </summary>
/// <remarks>Costs must not be NaN (callers validate first). <c>-0</c> and <c>+0</c> compare equal.</remarks>
internal static class SortKeys
{
    private const int IndexBits = 32;
    private const uint SignBit = 0x8000_0000u;
    private const ulong IndexMask = 0xFFFF_FFFFul;

    [ThreadStatic]
    private static ulong[]? t_buffer;

    /// <summary>This thread's key buffer with exactly <paramref name="length"/> entries (contents undefined).</summary>
    public static Span<ulong> RentBuffer(int length)
    {
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < length)
            t_buffer = buffer = new ulong[length];
        return buffer.AsSpan(0, length);
    }

    /// <summary>A key ordering by increasing cost, then increasing index.</summary>
    public static ulong Ascending(float cost, int index) => Pack(OrderedBits(cost), index);

    /// <summary>A key ordering by decreasing cost, then increasing index.</summary>
    public static ulong Descending(float cost, int index) => Pack(~OrderedBits(cost), index);

    /// <summary>The index packed into <paramref name="key"/>.</summary>
    public static int IndexOf(ulong key) => (int)(key & IndexMask);

    private static ulong Pack(uint order, int index) => ((ulong)order << IndexBits) | (uint)index;

    /// <summary>Maps a non-NaN float to a <see cref="uint"/> with the same order (IEEE total order, -0 folded onto +0).</summary>
    private static uint OrderedBits(float value)
    {
        if (value == 0f) value = 0f;
        var bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }
}
