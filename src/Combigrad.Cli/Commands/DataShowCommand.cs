using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>
/// <c>combigrad data show warcraft -k 12 --index 3 --out map.png</c>: writes a PNG of one map with its true shortest
/// path (red). Hook for predictions: <see cref="WarcraftImageWriter.WritePng"/> takes any number of
/// <see cref="PathOverlay"/>s, so a predicted path (a k² 0/1 indicator, e.g. the solver's output on a model's costs)
/// is drawn by adding <c>new PathOverlay(predicted, PathOverlay.PredictedColour)</c> to the list below.
/// </summary>
public sealed class DataShowCommand : Command<DataShowSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataShowSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Dataset != WarcraftData.DatasetName)
            throw new ArgumentException($"'data show {settings.Dataset}' is not available yet; only 'data show warcraft' is.");
        var cache = new DataCache(settings.DataDirectory);
        var split = settings.ParsedSplit;
        var dataset = WarcraftData.Load(cache, settings.Size, settings.Seed, split);
        if (settings.Index < 0 || settings.Index >= dataset.Count)
            throw new ArgumentException($"--index must be in [0, {dataset.Count - 1}] for the {split.ToString().ToLowerInvariant()} split, not {settings.Index}.");
        var map = dataset.Map(settings.Index);
        var truePath = new float[settings.Size * settings.Size];
        dataset.WritePath(settings.Index, truePath);
        var costs = new float[truePath.Length];
        dataset.WriteCosts(settings.Index, costs);
        var renderer = new WarcraftMapRenderer(WarcraftData.LoadTileset(cache));
        WarcraftImageWriter.WritePng(settings.Output, map, renderer, [new PathOverlay(truePath, PathOverlay.TrueColour)], settings.Scale);
        var pathCost = costs.Zip(truePath, (c, y) => c * y).Sum();
        AnsiConsole.MarkupLine(
            $"{Markup.Escape(settings.Output)}: {split.ToString().ToLowerInvariant()} map {settings.Index} of {dataset.Count}, k = {settings.Size}, " +
            $"true path {truePath.Count(y => y > 0.5f)} cells, cost {pathCost:0.00}");
        return 0;
    }
}
