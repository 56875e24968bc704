namespace Combigrad.Data.Warcraft;

/// <summary>
/// The true cost of entering a map cell, derived from freeciv's movement rules (<c>civ2civ3/terrain.ruleset</c>,
/// <c>movement_cost</c>): 1 for grassland, plains, desert and tundra; 2 for forest, jungle, swamp and hills; 3 for
/// mountains. Within each class the values are spread by 0.1 to 0.15 so that paths through different terrains rarely
/// tie; water, which land units cannot enter, gets a large finite cost (every map stays solvable); a road makes a cell
/// cost about a third of a move whatever its terrain, as roads do in freeciv.
/// </summary>
/// <remarks>
/// <code>
/// terrain     move cost   cell cost        terrain     move cost   cell cost
/// grassland   1           1.00             forest      2           2.00
/// plains      1           1.10             jungle      2           2.15
/// desert      1           1.20             swamp       2           2.30
/// tundra      1           1.30             hills       2           2.45
/// mountains   3           3.20             lake        -           6.00
/// ocean       -           8.00             road (any)  1/3         0.35
/// </code>
/// </remarks>
public static class WarcraftCostTable
{
    /// <summary>The cost of a cell with a road, whatever its terrain (freeciv: a road move costs a third of a move).</summary>
    public const float RoadCost = 0.35f;

    /// <summary>The number of terrain codes.</summary>
    public const int TerrainCount = 11;

    private static readonly float[] TerrainCosts =
    [
        1.00f, // grassland
        1.10f, // plains
        1.20f, // desert
        1.30f, // tundra
        2.00f, // forest
        2.15f, // jungle
        2.30f, // swamp
        2.45f, // hills
        3.20f, // mountains
        6.00f, // lake
        8.00f, // ocean
    ];

    /// <summary>The cost of entering a cell of <paramref name="terrain"/> without a road.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined terrain.</exception>
    public static float Cost(WarcraftTerrain terrain)
    {
        var index = (int)terrain;
        if (index >= TerrainCosts.Length) throw new ArgumentOutOfRangeException(nameof(terrain), terrain, "Unknown terrain code.");
        return TerrainCosts[index];
    }

    /// <summary>The cost of entering a cell of <paramref name="terrain"/>, with or without a road.</summary>
    public static float Cost(WarcraftTerrain terrain, bool road) => road ? RoadCost : Cost(terrain);

    /// <summary>Whether the terrain is water (lake or ocean); roads are never built on water.</summary>
    public static bool IsWater(WarcraftTerrain terrain) => terrain is WarcraftTerrain.Lake or WarcraftTerrain.Ocean;
}
