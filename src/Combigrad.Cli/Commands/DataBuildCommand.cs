using System.Diagnostics;
using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad data build warcraft -k 12</c> or <c>combigrad data build globe-tsp [-k 5]</c>: generates, labels and caches
/// the three splits.</summary>
public sealed class DataBuildCommand : Command<DataBuildSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataBuildSettings settings, CancellationToken cancellationToken)
    {
        var cache = new DataCache(settings.DataDirectory);
        if (settings.Dataset == GlobeTspSources.Dataset) return BuildGlobeTsp(cache, settings, cancellationToken);
        var options = settings.ToOptions();
        options.Validate();
        var wasBuilt = WarcraftData.IsBuilt(cache, options);
        var stopwatch = Stopwatch.StartNew();
        var manifest = WarcraftData.Build(cache, options, cancellationToken: cancellationToken);
        var directory = WarcraftData.DatasetDirectory(cache, options.Size, options.Seed);
        AnsiConsole.MarkupLine(wasBuilt
            ? $"already built: {Markup.Escape(directory)}"
            : $"built in {stopwatch.Elapsed.TotalSeconds:0.0} s: {Markup.Escape(directory)}");
        foreach (var file in manifest.Files)
            AnsiConsole.MarkupLine($"  {file.Split,-10} {file.Count,6} maps  {Markup.Escape(file.File)}  sha256 {file.Sha256[..16]}...");
        return 0;
    }

    private static int BuildGlobeTsp(DataCache cache, DataBuildSettings settings, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var sizes = settings.Size is { } k ? [k] : GlobeTspData.StandardSizes;
        var splits = GlobeTspData.Build(cache, sizes, settings.TrainCount, settings.ValidationCount, settings.TestCount,
            checked((int)settings.Seed), cancellationToken);
        AnsiConsole.MarkupLine($"globe-tsp splits ({stopwatch.Elapsed.TotalSeconds:0.0} s), labels = optimal tours (exact TSP):");
        foreach (var split in splits)
            AnsiConsole.MarkupLine($"  TSP({split.K,2}) {split.Split,-10} {split.Count,6} examples  {(split.Built ? "built " : "cached")}  " +
                $"{Markup.Escape(Path.GetFileName(split.Path))}  sha256 {split.Sha256[..16]}...");
        return 0;
    }
}
