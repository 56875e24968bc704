using System.Security.Cryptography;
using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;

namespace Combigrad.Data.Tests;

[Collection(FreecivCollection.Name)]
public sealed class WarcraftRenderingTests(FreecivFixture freeciv)
{
    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    [InlineData(24)]
    [InlineData(30)]
    public void Render_BenchmarkSizes_GiveEightPixelsPerCellDeterministically(int size)
    {
        var map = WarcraftMapGenerator.Generate(size, 99);
        var first = freeciv.Renderer.Render(map);
        var fresh = new WarcraftMapRenderer(freeciv.Tileset).Render(map);

        Assert.Equal(8 * size * 8 * size * 3, first.Length);
        Assert.Equal(SHA256.HashData(first), SHA256.HashData(fresh));
    }

    [Fact]
    public void Render_WaterAndLand_LookDifferent()
    {
        // Find a map with both ocean and grassland and compare the mean colour of their 8 x 8 cells.
        for (var seed = 0UL; ; seed++)
        {
            var map = WarcraftMapGenerator.Generate(12, seed);
            var ocean = Cells(map, WarcraftTerrain.Ocean);
            var grass = Cells(map, WarcraftTerrain.Grassland);
            if (ocean.Count == 0 || grass.Count == 0) continue;
            var rgb = freeciv.Renderer.Render(map);

            var (_, _, oceanBlue) = MeanColour(rgb, ocean);
            var (grassRed, grassGreen, grassBlue) = MeanColour(rgb, grass);

            Assert.True(oceanBlue > grassBlue, $"seed {seed}: ocean blue {oceanBlue:0} vs grassland blue {grassBlue:0}");
            Assert.True(grassGreen > grassRed && grassGreen > grassBlue);
            return;
        }
    }

    [Fact]
    public void RenderImages_ChannelFirstFloats_MatchTheRgbBytes()
    {
        var dataset = WarcraftDataset.Generate(12, WarcraftSplit.Test, 0, 3);

        var images = dataset.RenderImages(freeciv.Renderer, 1, 2);
        var rgb = freeciv.Renderer.Render(dataset.Map(2));

        const int Plane = 96 * 96;
        Assert.Equal(2 * 3 * Plane, images.Length);
        Assert.Equal(rgb[5 * 3 + 2] / 255f, images[3 * Plane + 2 * Plane + 5]);
    }

    [Fact]
    public void BuildThenLoad_SmallDataset_RecordsHashesAndShowWritesPng()
    {
        var cache = new DataCache(TestDirectories.Create());
        // Reuse the fixture's unpacked tiles instead of downloading them again.
        CopyDirectory(freeciv.PackageDirectory, Path.Combine(cache.DatasetDirectory(WarcraftData.DatasetName), WarcraftData.TilesPackage));
        var options = new WarcraftDatasetOptions { Size = 12, TrainCount = 20, ValidationCount = 5, TestCount = 5, Seed = 4 };

        var manifest = WarcraftData.Build(cache, options);
        var test = WarcraftData.Load(cache, 12, 4, WarcraftSplit.Test);
        var png = Path.Combine(cache.Root, "map.png");
        var path = new float[144];
        test.WritePath(3, path);
        WarcraftImageWriter.WritePng(png, test.Map(3), freeciv.Renderer, [new PathOverlay(path, PathOverlay.TrueColour)]);

        Assert.True(WarcraftData.IsBuilt(cache, options));
        Assert.Equal(["train", "validation", "test"], manifest.Files.Select(f => f.Split));
        Assert.All(manifest.Files, f => Assert.Equal(64, f.Sha256.Length));
        Assert.Equal(WarcraftDataset.Generate(12, WarcraftSplit.Test, 4, 5).Paths(), test.Paths());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        File.WriteAllBytes(Path.Combine(WarcraftData.DatasetDirectory(cache, 12, 4), "test.bin"), [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => WarcraftData.Load(cache, 12, 4, WarcraftSplit.Test));
    }

    private static List<int> Cells(WarcraftMap map, WarcraftTerrain terrain) =>
        Enumerable.Range(0, map.Size * map.Size).Where(i => map.TerrainAt(i / map.Size, i % map.Size) == terrain).ToList();

    private static (double, double, double) MeanColour(byte[] rgb, List<int> cells)
    {
        const int Side = 96;
        double r = 0, g = 0, b = 0;
        var count = 0;
        foreach (var cell in cells)
        {
            for (var y = 0; y < 8; y++)
            {
                for (var x = 0; x < 8; x++)
                {
                    var p = ((cell / 12 * 8 + y) * Side + cell % 12 * 8 + x) * 3;
                    r += rgb[p];
                    g += rgb[p + 1];
                    b += rgb[p + 2];
                    count++;
                }
            }
        }
        return (r / count, g / count, b / count);
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(source, destination, StringComparison.Ordinal));
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(source, destination, StringComparison.Ordinal));
    }
}
