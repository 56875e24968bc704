using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>
/// <c>combigrad data show warcraft -k 12 --index 3 --out map.png</c>: writes a PNG of one map with its true shortest
/// path (red) and, with <c>--run</c>, the path a trained warcraft run predicts (cyan, <see cref="WarcraftPrediction"/>).
/// </summary>
public sealed class DataShowCommand : Command<DataShowSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataShowSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Dataset != WarcraftData.DatasetName)
            throw new FaultException(FaultKind.Usage, $"'data show {settings.Dataset}' is not available yet; only 'data show warcraft' is.");
        var cache = new DataCache(settings.DataDirectory);
        var split = settings.ParsedSplit;
        var dataset = WarcraftData.Load(cache, settings.Size, settings.Seed, split);
        if (settings.Index < 0 || settings.Index >= dataset.Count)
            throw new FaultException(FaultKind.Usage, $"--index must be in [0, {dataset.Count - 1}] for the {split.ToString().ToLowerInvariant()} split, not {settings.Index}.");
        var map = dataset.Map(settings.Index);
        var truePath = new float[settings.Size * settings.Size];
        dataset.WritePath(settings.Index, truePath);
        var costs = new float[truePath.Length];
        dataset.WriteCosts(settings.Index, costs);
        var renderer = new WarcraftMapRenderer(WarcraftData.LoadTileset(cache));
        var predicted = settings.CheckpointPath is { } checkpoint ? WarcraftPrediction.Predict(checkpoint, dataset, settings.Index, renderer) : null;
        List<PathOverlay> overlays = [new PathOverlay(truePath, PathOverlay.TrueColour)];
        if (predicted is not null) overlays.Add(new PathOverlay(predicted.Path, PathOverlay.PredictedColour, Width: 2f));
        WarcraftImageWriter.WritePng(settings.Output, map, renderer, overlays, settings.Scale);
        var pathCost = costs.Zip(truePath, (c, y) => c * y).Sum();
        AnsiConsole.MarkupLine(
            $"{Markup.Escape(settings.Output)}: {split.ToString().ToLowerInvariant()} map {settings.Index} of {dataset.Count}, k = {settings.Size}, " +
            $"true path {truePath.Count(y => y > 0.5f)} cells, cost {pathCost:0.00}");
        if (predicted is not null)
        {
            var predictedCost = costs.Zip(predicted.Path, (c, y) => c * y).Sum();
            // Plain output: Spectre would wrap a long line at the console width.
            Console.WriteLine(
                $"predicted path (run checkpoint after epoch {predicted.Epoch}): {predicted.Path.Count(y => y > 0.5f)} cells, true cost {predictedCost:0.00}, " +
                $"cost ratio x 100 {100 * predictedCost / pathCost:0.0}");
        }
        return 0;
    }
}
