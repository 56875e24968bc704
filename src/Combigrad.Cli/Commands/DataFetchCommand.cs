using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad data fetch warcraft</c>: downloads and unpacks the freeciv tiles into the data cache.</summary>
public sealed class DataFetchCommand : Command<DataFetchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataFetchSettings settings, CancellationToken cancellationToken)
    {
        var cache = new DataCache(settings.DataDirectory);
        var directory = WarcraftData.FetchTiles(cache);
        var tileset = WarcraftData.LoadTileset(cache);
        AnsiConsole.MarkupLine($"{WarcraftData.TilesPackage}: {Markup.Escape(directory)} ({tileset.Tags.Count} sprites indexed)");
        return 0;
    }
}
