using System.Collections.Concurrent;

namespace Combigrad.Data.Warcraft;

/// <summary>
/// Renders a <see cref="WarcraftMap"/> to an RGB image of <see cref="CellPixels"/> pixels per cell (k = 12 gives
/// 96 x 96, as in the Warcraft data of Vlastelica et al. 2020).
/// </summary>
/// <remarks>
/// <para>Each cell is composed at the tileset's 30 px the way freeciv's overhead view draws it: the terrain sprite,
/// chosen by whether each of the four neighbours has the same terrain (desert, jungle, plains, swamp, tundra: 16
/// variants; forest, hills, mountains: east/west variants); water as four 15 px quarter cells plus the shoreline
/// overlay for the land neighbours; then the road sprite joining the neighbouring road cells. Cells outside the map
/// count as the same terrain. The 30 px tile is then reduced to 8 px by an exact area-weighted box filter in integer
/// arithmetic (each output pixel averages a 3.75 x 3.75 px area), so rendering is bit-for-bit deterministic.</para>
/// <para>Thread-safe: composed cells are cached by the code of everything that decides their look.</para>
/// </remarks>
public sealed class WarcraftMapRenderer
{
    /// <summary>Pixels per cell side in rendered images.</summary>
    public const int CellPixels = 8;

    /// <summary>Channels per pixel of rendered images (RGB).</summary>
    public const int Channels = 3;

    private const int Tile = FreecivTileset.TileSize;
    private const int Half = Tile / 2;

    private readonly FreecivTileset _tileset;
    private readonly ConcurrentDictionary<int, byte[]> _cells = new();

    /// <summary>Creates a renderer drawing with <paramref name="tileset"/>.</summary>
    public WarcraftMapRenderer(FreecivTileset tileset)
    {
        ArgumentNullException.ThrowIfNull(tileset);
        _tileset = tileset;
    }

    /// <summary>The side of the rendered image of a k x k map, in pixels: <c>8k</c>.</summary>
    public static int ImageSide(int size) => size * CellPixels;

    /// <summary>Renders <paramref name="map"/> into <paramref name="rgb"/>: <c>8k x 8k x 3</c> bytes, row-major, RGB interleaved.</summary>
    /// <exception cref="ArgumentException"><paramref name="rgb"/> has the wrong length.</exception>
    public void Render(WarcraftMap map, Span<byte> rgb)
    {
        ArgumentNullException.ThrowIfNull(map);
        var side = ImageSide(map.Size);
        if (rgb.Length != side * side * Channels)
            throw new ArgumentException($"A {map.Size}x{map.Size} map renders to {side * side * Channels} bytes, got {rgb.Length}.", nameof(rgb));
        for (var row = 0; row < map.Size; row++)
        {
            for (var column = 0; column < map.Size; column++)
            {
                var cell = _cells.GetOrAdd(CellCode(map, row, column), ComposeCell);
                for (var y = 0; y < CellPixels; y++)
                    cell.AsSpan(y * CellPixels * Channels, CellPixels * Channels)
                        .CopyTo(rgb[(((row * CellPixels + y) * side + column * CellPixels) * Channels)..]);
            }
        }
    }

    /// <summary>Renders <paramref name="map"/> into a new array (see <see cref="Render(WarcraftMap, Span{byte})"/>).</summary>
    public byte[] Render(WarcraftMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var side = ImageSide(map.Size);
        var rgb = new byte[side * side * Channels];
        Render(map, rgb);
        return rgb;
    }

    /// <summary>
    /// Everything that decides how a cell looks, packed in an int: terrain (bits 0-3), road (bit 4), which of the
    /// north/east/south/west neighbours match (bits 5-8: same terrain for land, water for water), which diagonal
    /// neighbours are water (bits 9-12: NW, NE, SW, SE; water cells only), and which neighbours have roads (bits 13-16).
    /// </summary>
    internal static int CellCode(WarcraftMap map, int row, int column)
    {
        var terrain = map.TerrainAt(row, column);
        var code = (int)terrain;
        if (WarcraftCostTable.IsWater(terrain))
        {
            bool Water(int dr, int dc) => IsWater(map, row + dr, column + dc);
            code |= Mask(Water(-1, 0), Water(0, 1), Water(1, 0), Water(0, -1)) << 5;
            code |= Mask(Water(-1, -1), Water(-1, 1), Water(1, -1), Water(1, 1)) << 9;
        }
        else
        {
            bool Same(int dr, int dc) => IsSame(map, row + dr, column + dc, terrain);
            code |= Mask(Same(-1, 0), Same(0, 1), Same(1, 0), Same(0, -1)) << 5;
        }
        if (map.HasRoad(row, column))
        {
            bool Road(int dr, int dc) => HasRoad(map, row + dr, column + dc);
            code |= 1 << 4;
            code |= Mask(Road(-1, 0), Road(0, 1), Road(1, 0), Road(0, -1)) << 13;
        }
        return code;
    }

    /// <summary>
    /// The sprite layers of a cell code, bottom first. A water base is four quarter tags (top-left, top-right,
    /// bottom-left, bottom-right).
    /// </summary>
    internal static IReadOnlyList<string[]> Layers(int code)
    {
        var terrain = (WarcraftTerrain)(code & 0xF);
        bool Bit(int shift) => (code >> shift & 1) != 0;
        var (north, east, south, west) = (Bit(5), Bit(6), Bit(7), Bit(8));
        var layers = new List<string[]>(3);
        if (WarcraftCostTable.IsWater(terrain))
        {
            var name = terrain == WarcraftTerrain.Lake ? "lake" : "coast";
            // Quarter cells: u = top-left, r = top-right, l = bottom-left, d = bottom-right; the three digits say
            // whether the side, diagonal and other side neighbours around that corner are water (the trident
            // sprites depend on the middle, diagonal, digit only).
            string Quarter(string corner, bool side, bool diagonal, bool otherSide) =>
                $"t.l0.{name}_cell_{corner}{Digit(side)}{Digit(diagonal)}{Digit(otherSide)}";
            layers.Add([
                Quarter("u", west, Bit(9), north),
                Quarter("r", east, Bit(10), north),
                Quarter("l", west, Bit(11), south),
                Quarter("d", east, Bit(12), south),
            ]);
            layers.Add([$"t.l1.{name}_{Neighbours(north, east, south, west)}"]);
        }
        else
        {
            layers.Add([terrain == WarcraftTerrain.Grassland
                ? "t.l0.grassland1"
                : $"t.l0.{TerrainName(terrain)}_{Neighbours(north, east, south, west)}"]);
        }
        if (Bit(4))
        {
            var (n, e, s, w) = (Bit(13), Bit(14), Bit(15), Bit(16));
            layers.Add([n || e || s || w ? $"road.road_c_{Neighbours(n, e, s, w)}" : "road.road_isolated"]);
        }
        return layers;
    }

    private static int Mask(bool first, bool second, bool third, bool fourth) =>
        (first ? 1 : 0) | (second ? 2 : 0) | (third ? 4 : 0) | (fourth ? 8 : 0);

    private static string TerrainName(WarcraftTerrain terrain) => terrain.ToString().ToLowerInvariant();

    private static string Neighbours(bool north, bool east, bool south, bool west) =>
        $"n{Digit(north)}e{Digit(east)}s{Digit(south)}w{Digit(west)}";

    private static char Digit(bool value) => value ? '1' : '0';

    private static bool Inside(WarcraftMap map, int row, int column) =>
        row >= 0 && column >= 0 && row < map.Size && column < map.Size;

    private static bool IsSame(WarcraftMap map, int row, int column, WarcraftTerrain terrain) =>
        !Inside(map, row, column) || map.TerrainAt(row, column) == terrain;

    private static bool IsWater(WarcraftMap map, int row, int column) =>
        !Inside(map, row, column) || WarcraftCostTable.IsWater(map.TerrainAt(row, column));

    private static bool HasRoad(WarcraftMap map, int row, int column) =>
        Inside(map, row, column) && map.HasRoad(row, column);

    private byte[] ComposeCell(int code)
    {
        var tile = new RgbaImage(Tile, Tile);
        foreach (var layer in Layers(code))
        {
            if (layer.Length == 4)
            {
                tile.Composite(_tileset.Sprite(layer[0]), 0, 0);
                tile.Composite(_tileset.Sprite(layer[1]), Half, 0);
                tile.Composite(_tileset.Sprite(layer[2]), 0, Half);
                tile.Composite(_tileset.Sprite(layer[3]), Half, Half);
            }
            else
            {
                tile.Composite(_tileset.Sprite(layer[0]), 0, 0);
            }
        }
        return Downscale(tile);
    }

    /// <summary>
    /// Exact area-weighted reduction of a 30 px tile to 8 px. In units of a quarter source pixel, source pixel j spans
    /// [4j, 4j + 4) and output pixel i spans [15i, 15i + 15); the weight of (j, i) is their overlap, and the 2-D
    /// weights of one output pixel sum to 15 * 15 = 225.
    /// </summary>
    internal static byte[] Downscale(RgbaImage tile)
    {
        const int SourceUnit = 4;
        const int TargetUnit = Tile * SourceUnit / CellPixels; // 15
        const int Total = TargetUnit * TargetUnit;
        var output = new byte[CellPixels * CellPixels * Channels];
        Span<int> sums = stackalloc int[Channels];
        for (var oy = 0; oy < CellPixels; oy++)
        {
            for (var ox = 0; ox < CellPixels; ox++)
            {
                sums.Clear();
                for (var sy = oy * TargetUnit / SourceUnit; sy * SourceUnit < (oy + 1) * TargetUnit; sy++)
                {
                    var wy = Overlap(sy * SourceUnit, oy * TargetUnit, SourceUnit, TargetUnit);
                    for (var sx = ox * TargetUnit / SourceUnit; sx * SourceUnit < (ox + 1) * TargetUnit; sx++)
                    {
                        var weight = wy * Overlap(sx * SourceUnit, ox * TargetUnit, SourceUnit, TargetUnit);
                        var s = (sy * Tile + sx) * RgbaImage.Channels;
                        for (var c = 0; c < Channels; c++) sums[c] += weight * tile.Pixels[s + c];
                    }
                }
                var o = (oy * CellPixels + ox) * Channels;
                for (var c = 0; c < Channels; c++) output[o + c] = (byte)((sums[c] + Total / 2) / Total);
            }
        }
        return output;
    }

    private static int Overlap(int start, int otherStart, int length, int otherLength) =>
        Math.Max(0, Math.Min(start + length, otherStart + otherLength) - Math.Max(start, otherStart));
}
