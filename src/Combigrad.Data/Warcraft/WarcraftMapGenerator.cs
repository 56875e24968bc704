namespace Combigrad.Data.Warcraft;

/// <summary>
/// Generates seeded, realistic-looking terrain maps. Three smooth noise fields (<c>ValueNoise</c>: elevation,
/// moisture, temperature) are cut into biomes: low ground is water (an ocean when it touches the border, else a lake),
/// high ground hills then mountains; in between, cold cells are tundra and the rest go from desert (dry) through
/// plains and grassland to forest or jungle (warm) and swamp (wet). Up to two meandering roads cross the map.
/// </summary>
/// <remarks>
/// A map is a pure function of <c>(size, seed)</c>; generation uses only integer and IEEE double arithmetic with a
/// fixed order of operations and its own generator (SplitMix64), so the same seed gives the same bytes everywhere.
/// Changing anything here must bump <see cref="Version"/>, which is recorded in every dataset file.
/// </remarks>
public static class WarcraftMapGenerator
{
    /// <summary>The version of the generation procedure, stored in dataset files.</summary>
    public const int Version = 1;

    // Noise: coarsest lattice spacing as a fraction of k (features of a third of the map), three octaves.
    private const double ElevationSpacingFraction = 0.34;
    private const double MoistureSpacingFraction = 0.45;
    private const double TemperatureSpacingFraction = 0.8;
    private const int Octaves = 3;

    // Biome thresholds on the stretched elevation and moisture fields, and on temperature (not stretched, so some
    // maps are cold and some warm).
    private const double WaterBelow = 0.2;
    private const double HillsAbove = 0.7;
    private const double MountainsAbove = 0.85;
    private const double TundraBelowTemperature = 0.22;
    private const double JungleAboveTemperature = 0.6;
    private const double DesertBelowMoisture = 0.2;
    private const double PlainsBelowMoisture = 0.42;
    private const double GrasslandBelowMoisture = 0.62;
    private const double ForestBelowMoisture = 0.86;
    private const double TemperatureSpread = 0.3;

    // Roads: the chance of a first and of a second road, and of a sideways step at each column.
    private const double FirstRoadProbability = 0.6;
    private const double SecondRoadProbability = 0.3;
    private const double RoadWiggleProbability = 0.35;

    /// <summary>The smallest map size.</summary>
    public const int MinimumSize = 2;

    /// <summary>Generates the <paramref name="size"/> x <paramref name="size"/> map of <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below <see cref="MinimumSize"/> or above 255.</exception>
    public static WarcraftMap Generate(int size, ulong seed)
    {
        const int MaximumSize = 255;
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinimumSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaximumSize);
        var random = new SplitMix64(seed);
        var n = size * size;
        var elevation = new double[n];
        var moisture = new double[n];
        var temperature = new double[n];
        ValueNoise.Fill(elevation, size, Math.Max(2.0, size * ElevationSpacingFraction), Octaves, ref random, stretch: true);
        ValueNoise.Fill(moisture, size, Math.Max(2.0, size * MoistureSpacingFraction), Octaves, ref random, stretch: true);
        ValueNoise.Fill(temperature, size, Math.Max(2.0, size * TemperatureSpacingFraction), 1, ref random, stretch: false);
        var climate = random.NextDouble();

        var cells = new byte[n];
        for (var i = 0; i < n; i++)
        {
            // Mean temperature varies by map; the local field adds +-TemperatureSpread around it.
            var t = climate + (temperature[i] - 0.5) * 2 * TemperatureSpread;
            cells[i] = (byte)Biome(elevation[i], moisture[i], t);
        }
        SplitWater(cells, size);
        AddRoads(cells, size, ref random);
        return new WarcraftMap(size, cells);
    }

    private static WarcraftTerrain Biome(double elevation, double moisture, double temperature)
    {
        if (elevation < WaterBelow) return WarcraftTerrain.Ocean;
        if (elevation > MountainsAbove) return WarcraftTerrain.Mountains;
        if (elevation > HillsAbove) return WarcraftTerrain.Hills;
        if (temperature < TundraBelowTemperature) return WarcraftTerrain.Tundra;
        if (moisture < DesertBelowMoisture) return temperature > JungleAboveTemperature ? WarcraftTerrain.Desert : WarcraftTerrain.Plains;
        if (moisture < PlainsBelowMoisture) return WarcraftTerrain.Plains;
        if (moisture < GrasslandBelowMoisture) return WarcraftTerrain.Grassland;
        if (moisture < ForestBelowMoisture) return temperature > JungleAboveTemperature ? WarcraftTerrain.Jungle : WarcraftTerrain.Forest;
        return WarcraftTerrain.Swamp;
    }

    /// <summary>Water components (4-connected) that do not touch the border become lakes.</summary>
    private static void SplitWater(byte[] cells, int size)
    {
        var component = new int[cells.Length];
        var stack = new Stack<int>();
        var members = new List<int>();
        var label = 0;
        for (var start = 0; start < cells.Length; start++)
        {
            if (cells[start] != (byte)WarcraftTerrain.Ocean || component[start] != 0) continue;
            label++;
            members.Clear();
            var touchesBorder = false;
            component[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var cell = stack.Pop();
                members.Add(cell);
                int r = cell / size, c = cell % size;
                touchesBorder |= r == 0 || c == 0 || r == size - 1 || c == size - 1;
                Visit(r - 1, c);
                Visit(r + 1, c);
                Visit(r, c - 1);
                Visit(r, c + 1);
            }
            if (!touchesBorder)
                foreach (var cell in members) cells[cell] = (byte)WarcraftTerrain.Lake;
        }

        void Visit(int r, int c)
        {
            if (r < 0 || c < 0 || r >= size || c >= size) return;
            var cell = r * size + c;
            if (cells[cell] != (byte)WarcraftTerrain.Ocean || component[cell] != 0) return;
            component[cell] = label;
            stack.Push(cell);
        }
    }

    private static void AddRoads(byte[] cells, int size, ref SplitMix64 random)
    {
        if (random.NextDouble() >= FirstRoadProbability) return;
        AddRoad(cells, size, ref random);
        if (random.NextDouble() < SecondRoadProbability) AddRoad(cells, size, ref random);
    }

    /// <summary>
    /// A 4-connected road from one border to the opposite one (west-east or north-south), drifting towards a random
    /// end point with random sideways steps. Roads are not built on water (no bridges), so water breaks them.
    /// </summary>
    private static void AddRoad(byte[] cells, int size, ref SplitMix64 random)
    {
        var transposed = random.NextDouble() < 0.5;
        var across = random.NextInt(size);
        var end = random.NextInt(size);
        for (var along = 0; along < size; along++)
        {
            Mark(along, across);
            if (along == size - 1) break;
            var remaining = size - 1 - along;
            var drift = end - across;
            var step = 0;
            if (drift != 0 && random.NextDouble() < Math.Min(1.0, Math.Abs(drift) / (double)remaining + 0.2))
                step = Math.Sign(drift);
            else if (random.NextDouble() < RoadWiggleProbability)
                step = random.NextDouble() < 0.5 ? -1 : 1;
            var next = Math.Clamp(across + step, 0, size - 1);
            if (next != across)
            {
                across = next;
                Mark(along, across);
            }
        }

        void Mark(int along, int acrossIndex)
        {
            var cell = transposed ? along * size + acrossIndex : acrossIndex * size + along;
            if (!WarcraftCostTable.IsWater((WarcraftTerrain)(cells[cell] & 0x0F))) cells[cell] |= WarcraftMap.RoadFlag;
        }
    }
}
