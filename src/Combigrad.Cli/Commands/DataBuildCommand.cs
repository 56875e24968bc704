using System.Diagnostics;
using Combigrad.Data.Fetching;
using Combigrad.Data.Warcraft;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad data build warcraft -k 12</c>: generates, labels and caches the three splits.</summary>
public sealed class DataBuildCommand : Command<DataBuildSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DataBuildSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Dataset != WarcraftData.DatasetName)
            throw new ArgumentException($"'data build {settings.Dataset}' is not available yet; only 'data build warcraft' is.");
        var cache = new DataCache(settings.DataDirectory);
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
}
