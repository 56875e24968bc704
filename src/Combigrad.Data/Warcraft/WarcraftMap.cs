namespace Combigrad.Data.Warcraft;

/// <summary>
/// A k x k terrain map: one byte per cell, row-major from the top-left, holding the <see cref="WarcraftTerrain"/> code
/// in the low bits and <see cref="RoadFlag"/> when the cell has a road. The image and the true costs are functions of
/// these bytes.
/// </summary>
public sealed class WarcraftMap
{
    /// <summary>The bit of a cell byte that marks a road.</summary>
    public const byte RoadFlag = 0x10;

    private const byte TerrainMask = 0x0F;

    private readonly byte[] _cells;

    /// <summary>Wraps (copies) the cell bytes of a <paramref name="size"/> x <paramref name="size"/> map.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 2.</exception>
    /// <exception cref="ArgumentException">The length is not size², or a byte is not a valid cell code.</exception>
    public WarcraftMap(int size, ReadOnlySpan<byte> cells)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        if (cells.Length != size * size)
            throw new ArgumentException($"A {size}x{size} map has {size * size} cells, got {cells.Length}.", nameof(cells));
        for (var i = 0; i < cells.Length; i++)
        {
            var terrain = cells[i] & TerrainMask;
            if ((cells[i] & ~(TerrainMask | RoadFlag)) != 0 || terrain >= WarcraftCostTable.TerrainCount
                || ((cells[i] & RoadFlag) != 0 && WarcraftCostTable.IsWater((WarcraftTerrain)terrain)))
                throw new ArgumentException($"Cell {i} has the invalid code 0x{cells[i]:X2}.", nameof(cells));
        }
        Size = size;
        _cells = cells.ToArray();
    }

    /// <summary>k: the map has k x k cells.</summary>
    public int Size { get; }

    /// <summary>The cell bytes, row-major.</summary>
    public ReadOnlySpan<byte> Cells => _cells;

    /// <summary>The terrain of cell (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public WarcraftTerrain TerrainAt(int row, int column) => (WarcraftTerrain)(_cells[row * Size + column] & TerrainMask);

    /// <summary>Whether cell (<paramref name="row"/>, <paramref name="column"/>) has a road.</summary>
    public bool HasRoad(int row, int column) => (_cells[row * Size + column] & RoadFlag) != 0;

    /// <summary>Writes the true cost of every cell (<see cref="WarcraftCostTable"/>), row-major.</summary>
    /// <exception cref="ArgumentException"><paramref name="costs"/> does not have k² entries.</exception>
    public void WriteCosts(Span<float> costs)
    {
        if (costs.Length != _cells.Length)
            throw new ArgumentException($"Expected {_cells.Length} costs, got {costs.Length}.", nameof(costs));
        for (var i = 0; i < _cells.Length; i++)
            costs[i] = WarcraftCostTable.Cost((WarcraftTerrain)(_cells[i] & TerrainMask), (_cells[i] & RoadFlag) != 0);
    }
}
