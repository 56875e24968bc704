using Combigrad.Experiments.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad merge</c>: combines per-run databases (from a job file) into one.</summary>
public sealed class MergeCommand : Command<MergeSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, MergeSettings settings, CancellationToken cancellationToken)
    {
        using var target = new ResultsDatabase(settings.Into);
        var total = 0;
        foreach (var source in settings.Sources)
        {
            var copied = target.MergeFrom(source);
            total += copied;
            AnsiConsole.MarkupLine($"{Markup.Escape(source)}: {copied} runs copied");
        }
        AnsiConsole.MarkupLine($"merged {total} runs into {Markup.Escape(target.Path)}");
        return 0;
    }
}
