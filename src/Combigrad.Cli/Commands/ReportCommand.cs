using Combigrad.Experiments.Reports;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad report</c>: the preset's table (ours beside the paper's) and figures, as Markdown, HTML and PNG/SVG.</summary>
public sealed class ReportCommand : Command<ReportSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var preset = Preset.Load(settings.Config);
        if (!File.Exists(settings.Database))
            throw new FileNotFoundException($"no results database at {settings.Database}; run 'combigrad sweep --config {settings.Config}' first.");
        using var database = new ResultsDatabase(settings.Database);
        var data = ReportData.Collect(preset, database, settings.Set, settings.Seeds);
        var directory = settings.Out ?? Path.Combine(Path.GetDirectoryName(database.Path)!, "reports", Path.GetFileNameWithoutExtension(settings.Config));
        var written = ReportWriter.Write(data, directory);

        var table = new Table().Title(Markup.Escape($"{preset.Experiment}: {preset.Description}"))
            .AddColumn("configuration").AddColumn(new TableColumn(Markup.Escape($"ours: {data.MetricLabel}")).RightAligned())
            .AddColumn(new TableColumn("seeds").RightAligned()).AddColumn(new TableColumn("paper").RightAligned());
        foreach (var row in data.Rows)
            table.AddRow(Markup.Escape(row.Label), Markup.Escape(ReportWriter.Format(row)), $"{row.Values.Count}/{row.SeedsPlanned}", Markup.Escape(row.Paper ?? "–"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(written.Markdown)}, {Markup.Escape(written.Html)} and {written.Figures.Count} figures");
        return 0;
    }
}
