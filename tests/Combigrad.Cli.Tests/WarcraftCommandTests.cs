using System.Text.Json;
using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;

namespace Combigrad.Cli.Tests;

public sealed class WarcraftCommandTests
{
    private const int Size = 6;
    private const int DataSeed = 5;

    /// <summary>A temporary folder with a data cache that links to the real freeciv tiles (fetched into the default cache once)
    /// and a tiny warcraft preset over it.</summary>
    private static (string Directory, string Preset, string Cache) TinySetup()
    {
        var tiles = WarcraftData.FetchTiles(new DataCache());
        var directory = CliProcess.TemporaryDirectory();
        var cache = Path.Combine(directory, "cache");
        var link = Path.Combine(cache, WarcraftData.DatasetName, WarcraftData.TilesPackage);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, tiles);
        var preset = Path.Combine(directory, "tiny.json");
        File.WriteAllText(preset, $$"""
            { "experiment": "warcraft",
              "options": { "k": {{Size}}, "dataSeed": {{DataSeed}}, "dataDirectory": {{JsonSerializer.Serialize(cache)}},
                           "trainCount": 20, "validationCount": 5, "testCount": 5,
                           "training": { "epochs": 1, "batchSize": 10 } } }
            """);
        return (directory, preset, cache);
    }

    [Fact]
    public void BenchTrain_TinyConfigJson_PrintsOneLinePerVariantThenTheSolverCall()
    {
        var (directory, preset, _) = TinySetup();
        var (exit, output) = CliProcess.Run(directory, "bench", "train", "--config", preset, "--maps", "20", "--steps", "2", "--warmup", "1", "--json");
        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal(["identity", "bb", "noop"], lines.Take(3).Select(l => l.GetProperty("variant").GetString()));
        foreach (var line in lines.Take(3))
        {
            Assert.True(line.GetProperty("median_ms").GetDouble() > 0);
            Assert.True(line.GetProperty("ratio_to_noop").GetDouble() > 0);
            Assert.True(line.GetProperty("layer_median_ms").GetDouble() > 0);
            Assert.Equal(2, line.GetProperty("steps").GetInt32());
            Assert.Equal(10, line.GetProperty("batch").GetInt32());
        }
        Assert.Equal(1.0, lines[2].GetProperty("ratio_to_noop").GetDouble());
        var solver = lines[3];
        Assert.True(solver.GetProperty("solver_batch_ms").GetDouble() > 0);
        foreach (var key in new[] { "bb_extra_ms", "identity_extra_ms", "bb_extra_over_solver_batch", "bb_layer_extra_ms", "identity_layer_extra_ms", "bb_layer_extra_over_solver_batch" })
            Assert.True(double.IsFinite(solver.GetProperty(key).GetDouble()), key);
        Assert.Equal(2, solver.GetProperty("calls").GetInt32());
    }

    [Fact]
    public void BenchTrain_Table_NamesEveryVariantAndTheFloorRatio()
    {
        var (directory, preset, _) = TinySetup();
        var (exit, output) = CliProcess.Run(directory, "bench", "train", "--config", preset, "--maps", "10", "--steps", "1", "--warmup", "0");
        Assert.True(exit == 0, output);
        Assert.Contains("x no-op floor", output);
        foreach (var variant in new[] { "identity", "bb", "noop" }) Assert.Contains(variant, output);
        Assert.Contains("one batched solver call", output);
        Assert.Contains("solver layer alone", output);
    }

    [Fact]
    public void BenchTrain_NoConfig_OneLineError()
    {
        var (exit, output) = CliProcess.Run(CliProcess.TemporaryDirectory(), "bench", "train", "--steps", "2");
        Assert.NotEqual(0, exit);
        Assert.Contains("--config", output);
    }

    [Fact]
    public void DataShow_RunKeyOfATrainedRun_DrawsItsPredictionNextToTheTruePath()
    {
        var (directory, preset, cache) = TinySetup();
        var database = Path.Combine(directory, "results", "r.db");
        var (runExit, runOutput) = CliProcess.Run(directory, "run", "--config", preset, "--db", database, "--json");
        Assert.True(runExit == 0, runOutput);
        var key = JsonDocument.Parse(runOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("run").GetString()!;

        var png = Path.Combine(directory, "map.png");
        var (exit, output) = CliProcess.Run(directory, "data", "show", "warcraft", "-k", $"{Size}", "--seed", $"{DataSeed}", "--data-dir", cache,
            "--index", "2", "--run", key, "--db", database, "--out", png);
        Assert.True(exit == 0, output);
        Assert.Contains("predicted path (run checkpoint after epoch 1)", output);
        Assert.Contains("cost ratio x 100", output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);

        var (badExit, badOutput) = CliProcess.Run(directory, "data", "show", "warcraft", "-k", $"{Size}", "--seed", $"{DataSeed}", "--data-dir", cache,
            "--run", "0000000000000000", "--db", database, "--out", png);
        Assert.Equal(2, badExit);
        Assert.Contains("--run 0000000000000000", Assert.Single(badOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
