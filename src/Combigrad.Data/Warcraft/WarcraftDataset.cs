using System.Buffers.Binary;
using System.Text;
using Combigrad.Solvers;

namespace Combigrad.Data.Warcraft;

/// <summary>
/// One split of Warcraft-style maps with their shortest-path labels, as stored on disk. Maps are kept as cell bytes
/// (<see cref="WarcraftMap"/>); images are rendered from them on demand (<see cref="WarcraftMapRenderer"/>) and costs
/// looked up in <see cref="WarcraftCostTable"/>.
/// </summary>
/// <remarks>
/// <para>File format (little-endian), version 1:</para>
/// <code>
/// offset  size          field
/// 0       8             magic "CGWARCFT"
/// 8       4  int32      format version (1)
/// 12      4  int32      generator version (WarcraftMapGenerator.Version)
/// 16      4  int32      k
/// 20      4  int32      split (0 train, 1 validation, 2 test)
/// 24      8  int64      seed
/// 32      4  int32      N, the number of maps
/// 36      4  int32      T, the number of terrain codes (11)
/// 40      4T float32    cell cost per terrain code (WarcraftCostTable)
/// 40+4T   4  float32    cell cost with a road
/// then N records of k² cell bytes (terrain code | 0x10 for a road, row-major) followed by ceil(k²/8) bytes of the
/// shortest path's cell indicator (bit i of the record's bit string = cell i, least significant bit first).
/// </code>
/// <para>Labels: <see cref="GridShortestPathSolver"/> on the true costs (8-neighbourhood, top-left to bottom-right,
/// start and end cells counted: the Warcraft convention).</para>
/// </remarks>
public sealed class WarcraftDataset
{
    /// <summary>The current file format version.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("CGWARCFT");

    private readonly byte[] _cells;
    private readonly byte[] _paths;

    private WarcraftDataset(int size, WarcraftSplit split, long seed, int count, byte[] cells, byte[] paths)
    {
        Size = size;
        Split = split;
        Seed = seed;
        Count = count;
        _cells = cells;
        _paths = paths;
    }

    /// <summary>k.</summary>
    public int Size { get; }

    /// <summary>Which split this is.</summary>
    public WarcraftSplit Split { get; }

    /// <summary>The data seed.</summary>
    public long Seed { get; }

    /// <summary>The number of maps.</summary>
    public int Count { get; }

    private int CellCount => Size * Size;

    private int PathBytes => (CellCount + 7) / 8;

    /// <summary>Generates <paramref name="count"/> maps of <paramref name="split"/> and labels them (in parallel; the result does not depend on the number of cores).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k or the count is out of range.</exception>
    public static WarcraftDataset Generate(int size, WarcraftSplit split, long seed, int count, CancellationToken cancellationToken = default)
    {
        new WarcraftDatasetOptions { Size = size }.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var n = size * size;
        var cells = new byte[count * n];
        var costs = new float[count * n];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var map = WarcraftMapGenerator.Generate(size, MapSeed(seed, size, split, i));
            map.Cells.CopyTo(cells.AsSpan(i * n, n));
            map.WriteCosts(costs.AsSpan(i * n, n));
        });
        var solutions = new float[count * n];
        new GridShortestPathSolver(size).SolveBatch(costs, solutions, cancellationToken);
        var pathBytes = (n + 7) / 8;
        var paths = new byte[count * pathBytes];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < n; j++)
                if (solutions[i * n + j] != 0) paths[i * pathBytes + j / 8] |= (byte)(1 << (j % 8));
        return new WarcraftDataset(size, split, seed, count, cells, paths);
    }

    /// <summary>The seed of map <paramref name="index"/> of a split: a SplitMix64 hash of all four coordinates.</summary>
    public static ulong MapSeed(long seed, int size, WarcraftSplit split, int index) =>
        SplitMix64.Derive((ulong)seed, size, (long)split, index);

    /// <summary>Map <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public WarcraftMap Map(int index)
    {
        ThrowIfBadIndex(index);
        return new WarcraftMap(Size, _cells.AsSpan(index * CellCount, CellCount));
    }

    /// <summary>Writes the true costs of map <paramref name="index"/> (k² values, row-major).</summary>
    public void WriteCosts(int index, Span<float> costs) => Map(index).WriteCosts(costs);

    /// <summary>Writes the 0/1 shortest-path indicator of map <paramref name="index"/> (k² values, row-major).</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> does not have k² entries.</exception>
    public void WritePath(int index, Span<float> path)
    {
        ThrowIfBadIndex(index);
        if (path.Length != CellCount) throw new ArgumentException($"Expected {CellCount} entries, got {path.Length}.", nameof(path));
        var bits = _paths.AsSpan(index * PathBytes, PathBytes);
        for (var j = 0; j < CellCount; j++) path[j] = (bits[j / 8] >> (j % 8) & 1) != 0 ? 1f : 0f;
    }

    /// <summary>All true costs, <c>Count x k²</c>, map after map.</summary>
    public float[] Costs()
    {
        var costs = new float[Count * CellCount];
        for (var i = 0; i < Count; i++) WriteCosts(i, costs.AsSpan(i * CellCount, CellCount));
        return costs;
    }

    /// <summary>All path indicators, <c>Count x k²</c>, map after map.</summary>
    public float[] Paths()
    {
        var paths = new float[Count * CellCount];
        for (var i = 0; i < Count; i++) WritePath(i, paths.AsSpan(i * CellCount, CellCount));
        return paths;
    }

    /// <summary>
    /// Renders maps <c>[start, start + count)</c> as network inputs: <c>count x 3 x 8k x 8k</c> floats in [0, 1],
    /// channel-first (the layout of a <c>[N, 3, H, W]</c> tensor).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the split.</exception>
    public float[] RenderImages(WarcraftMapRenderer renderer, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Maps [{start}, {start + count}) are outside [0, {Count}).");
        var side = WarcraftMapRenderer.ImageSide(Size);
        var plane = side * side;
        var images = new float[count * WarcraftMapRenderer.Channels * plane];
        Parallel.For(0, count, i =>
        {
            var rgb = renderer.Render(Map(start + i));
            var image = images.AsSpan(i * WarcraftMapRenderer.Channels * plane);
            for (var p = 0; p < plane; p++)
                for (var c = 0; c < WarcraftMapRenderer.Channels; c++)
                    image[c * plane + p] = rgb[p * WarcraftMapRenderer.Channels + c] / 255f;
        });
        return images;
    }

    /// <summary>Writes the split to <paramref name="path"/> (via a temporary file and a rename).</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = File.Create(temporary))
            WriteTo(stream);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes the split in the file format of the class remarks.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.ASCII, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(WarcraftMapGenerator.Version);
        writer.Write(Size);
        writer.Write((int)Split);
        writer.Write(Seed);
        writer.Write(Count);
        writer.Write(WarcraftCostTable.TerrainCount);
        for (var t = 0; t < WarcraftCostTable.TerrainCount; t++) writer.Write(WarcraftCostTable.Cost((WarcraftTerrain)t));
        writer.Write(WarcraftCostTable.RoadCost);
        for (var i = 0; i < Count; i++)
        {
            writer.Write(_cells, i * CellCount, CellCount);
            writer.Write(_paths, i * PathBytes, PathBytes);
        }
    }

    /// <summary>Reads a split written by <see cref="Write"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Warcraft split of this format and generator version,
    /// or its cost table differs from <see cref="WarcraftCostTable"/> (then it must be rebuilt).</exception>
    public static WarcraftDataset Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist: run 'combigrad data build warcraft'.", path);
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        const int FixedHeader = 40;
        if (bytes.Length < FixedHeader || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"{name} is not a Warcraft data file.");
        var span = bytes.AsSpan();
        int Int(int offset) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
        if (Int(8) != FormatVersion || Int(12) != WarcraftMapGenerator.Version)
            throw new InvalidDataException($"{name} has format {Int(8)} / generator {Int(12)}, expected {FormatVersion} / {WarcraftMapGenerator.Version}: rebuild it.");
        var size = Int(16);
        var split = (WarcraftSplit)Int(20);
        var seed = BinaryPrimitives.ReadInt64LittleEndian(span[24..]);
        var count = Int(32);
        var terrains = Int(36);
        if (size < WarcraftMapGenerator.MinimumSize || count < 0 || terrains != WarcraftCostTable.TerrainCount || !Enum.IsDefined(split))
            throw new InvalidDataException($"{name} has a malformed header.");
        var offset = FixedHeader;
        for (var t = 0; t <= terrains; t++, offset += sizeof(float))
        {
            var stored = BinaryPrimitives.ReadSingleLittleEndian(span[offset..]);
            var current = t < terrains ? WarcraftCostTable.Cost((WarcraftTerrain)t) : WarcraftCostTable.RoadCost;
            if (stored != current)
                throw new InvalidDataException($"{name} was labelled with a different cost table (entry {t}: {stored} vs {current}): rebuild it.");
        }
        var cellCount = size * size;
        var pathBytes = (cellCount + 7) / 8;
        if (bytes.Length - offset != (long)count * (cellCount + pathBytes))
            throw new InvalidDataException($"{name} is truncated or has trailing bytes ({bytes.Length - offset} payload bytes for {count} maps of {size}x{size}).");
        var cells = new byte[count * cellCount];
        var paths = new byte[count * pathBytes];
        for (var i = 0; i < count; i++)
        {
            span.Slice(offset, cellCount).CopyTo(cells.AsSpan(i * cellCount));
            offset += cellCount;
            span.Slice(offset, pathBytes).CopyTo(paths.AsSpan(i * pathBytes));
            offset += pathBytes;
        }
        return new WarcraftDataset(size, split, seed, count, cells, paths);
    }

    private void ThrowIfBadIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The {Split.ToString().ToLowerInvariant()} split has {Count} maps (indices 0 to {Count - 1}).");
    }
}
