using Combigrad.Data.Warcraft;

namespace Combigrad.Data.Tests;

[Collection(FreecivCollection.Name)]
public sealed class FreecivTilesetTests(FreecivFixture freeciv)
{
    private static readonly string[] MatchedTerrains = ["desert", "jungle", "plains", "swamp", "tundra"];
    private static readonly string[] EastWestTerrains = ["forest", "hills", "mountains"];

    public static IEnumerable<string> NeighbourSuffixes()
    {
        for (var mask = 0; mask < 16; mask++)
            yield return $"n{mask & 1}e{mask >> 1 & 1}s{mask >> 2 & 1}w{mask >> 3 & 1}";
    }

    [Fact]
    public void Load_RealTrident_IndexesEveryTileTheRendererDraws()
    {
        var tags = new List<string> { "t.l0.grassland1", "road.road_isolated" };
        foreach (var suffix in NeighbourSuffixes())
        {
            tags.AddRange(MatchedTerrains.Concat(EastWestTerrains).Select(t => $"t.l0.{t}_{suffix}"));
            tags.AddRange(["t.l1.coast_" + suffix, "t.l1.lake_" + suffix]);
            if (suffix != "n0e0s0w0") tags.Add("road.road_c_" + suffix); // a road with no neighbours is road_isolated
        }
        foreach (var corner in new[] { "u", "r", "l", "d" })
            for (var bits = 0; bits < 8; bits++)
                tags.AddRange(new[] { "coast", "lake" }.Select(w => $"t.l0.{w}_cell_{corner}{bits >> 2 & 1}{bits >> 1 & 1}{bits & 1}"));

        var missing = tags.Where(t => !freeciv.Tileset.Contains(t)).ToArray();

        Assert.Empty(missing);
        Assert.Equal((30, 30), freeciv.Tileset.SpriteSize("t.l0.mountains_n0e1s0w1"));
        Assert.Equal((15, 15), freeciv.Tileset.SpriteSize("t.l0.coast_cell_u010"));
    }

    [Fact]
    public void Load_RealTrident_VariantColumnsFollowTheNeighbourFormula()
    {
        // col = !n + 2 !e + 4 !s + 8 !w on the desert row: all-desert neighbours is column 0, none is column 15.
        Assert.Equal(Mean("t.l0.desert_n1e1s1w1"), Mean("t.l0.desert_n1e1s1w1"));
        Assert.NotEqual(Mean("t.l0.desert_n1e1s1w1"), Mean("t.l0.desert_n0e0s0w0"));
        // Forest/hills/mountains ignore north and south: the four n/s combinations share one sprite.
        Assert.Equal(Mean("t.l0.forest_n0e1s0w0"), Mean("t.l0.forest_n1e1s1w0"));
        Assert.NotEqual(Mean("t.l0.forest_n0e1s0w0"), Mean("t.l0.forest_n0e0s0w1"));
    }

    [Theory]
    [InlineData("t.l0.grassland1", "green")]
    [InlineData("t.l0.jungle_n1e1s1w1", "green")]
    [InlineData("t.l0.desert_n1e1s1w1", "yellow")]
    [InlineData("t.l0.coast_cell_u111", "blue")]
    [InlineData("t.l0.lake_cell_u111", "blue")]
    public void Load_RealTrident_TerrainSpritesHaveTheirColour(string tag, string colour)
    {
        var (r, g, b) = freeciv.Tileset.MeanColour(tag);

        switch (colour)
        {
            case "green": Assert.True(g > r && g > b, $"{tag}: ({r:0}, {g:0}, {b:0}) is not green"); break;
            case "yellow": Assert.True(r > b && g > b, $"{tag}: ({r:0}, {g:0}, {b:0}) is not yellow"); break;
            default: Assert.True(b > r && b > g, $"{tag}: ({r:0}, {g:0}, {b:0}) is not blue"); break;
        }
    }

    [Fact]
    public void TilesetSpec_ContinuationLinesAndComments_GiveEveryTagItsCell()
    {
        string[] lines =
        [
            "[file]", "gfx = \"trident/tiles\"", "[grid_main]", "x_top_left = 0", "y_top_left = 60", "dx = 30", "dy = 30",
            "tiles = { \"row\", \"column\", \"tag\"", "; a comment", "  0,  4, \"a\",  ; first", "         \"b\"",
            "  2, 1, \"c;d\"", "}", "[grid_ocean]", "x_top_left = 0", "y_top_left = 210", "dx = 15", "dy = 15",
            "tiles = {\"row\", \"column\", \"tag\"", "  0, 3, \"e\"", "}",
        ];

        var spec = TilesetSpec.Parse(lines, "test.spec");

        Assert.Equal("trident/tiles", spec.GraphicsFile);
        Assert.Equal(
            [new("a", 120, 60, 30, 30), new("b", 120, 60, 30, 30), new("c;d", 30, 120, 30, 30), new SpriteRegion("e", 45, 210, 15, 15)],
            spec.Sprites);
    }

    [Fact]
    public void Renderer_ThirtyPixelTile_BoxFilterKeepsUniformColourAndAveragesByArea()
    {
        var tile = new RgbaImage(FreecivTileset.TileSize, FreecivTileset.TileSize);
        for (var i = 0; i < tile.Pixels.Length; i += 4)
        {
            var x = i / 4 % FreecivTileset.TileSize;
            tile.Pixels[i] = x < 13 ? (byte)0 : (byte)200;
            tile.Pixels[i + 1] = 77;
            tile.Pixels[i + 3] = 255;
        }

        var cell = WarcraftMapRenderer.Downscale(tile);

        Assert.All(Enumerable.Range(0, 64), p => Assert.Equal(77, cell[p * 3 + 1]));
        Assert.Equal(0, cell[0]);
        // Output column 3 spans source x in [11.25, 15): 1.75 px of 0 and 2 px of 200 -> 200 * 2 / 3.75 = 106.7.
        Assert.Equal(107, cell[3 * 3]);
        Assert.Equal(200, cell[4 * 3]);
    }

    private (double, double, double) Mean(string tag) => freeciv.Tileset.MeanColour(tag);
}
