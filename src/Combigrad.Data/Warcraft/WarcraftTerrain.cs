namespace Combigrad.Data.Warcraft;

/// <summary>The terrain of one map cell (freeciv terrain types; the numeric values are the on-disk codes).</summary>
public enum WarcraftTerrain : byte
{
    /// <summary>Grassland (freeciv move cost 1).</summary>
    Grassland = 0,

    /// <summary>Plains (move cost 1).</summary>
    Plains = 1,

    /// <summary>Desert (move cost 1).</summary>
    Desert = 2,

    /// <summary>Tundra (move cost 1).</summary>
    Tundra = 3,

    /// <summary>Forest (move cost 2).</summary>
    Forest = 4,

    /// <summary>Jungle (move cost 2).</summary>
    Jungle = 5,

    /// <summary>Swamp (move cost 2).</summary>
    Swamp = 6,

    /// <summary>Hills (move cost 2).</summary>
    Hills = 7,

    /// <summary>Mountains (move cost 3).</summary>
    Mountains = 8,

    /// <summary>Lake: water not touching the map border (not enterable by land units in freeciv).</summary>
    Lake = 9,

    /// <summary>Ocean: water touching the map border (not enterable by land units in freeciv).</summary>
    Ocean = 10,
}
