using System.Globalization;
using System.Net;
using System.Text;

namespace Combigrad.Experiments.Reports;

/// <summary>Writes a report directory: <c>report.md</c>, <c>report.html</c> (self-contained) and the figures.</summary>
public static class ReportWriter
{
    /// <summary>The files written.</summary>
    /// <param name="Markdown">The Markdown report.</param>
    /// <param name="Html">The self-contained HTML page.</param>
    /// <param name="Figures">PNG figures.</param>
    public sealed record Written(string Markdown, string Html, IReadOnlyList<string> Figures);

    /// <summary>Writes the report of <paramref name="data"/> into <paramref name="directory"/>.</summary>
    public static Written Write(ReportData data, string directory)
    {
        Directory.CreateDirectory(directory);
        var figures = data.Figures.Select((f, i) => (f.Title, Path: FigureWriter.Write(directory, $"figure-{i + 1}", f.Title, f.YLabel, f.Curves))).ToList();
        if (data.SweepSeries.Count > 0 && data.Preset.Report.SweepAxis is { } axis)
        {
            var title = $"{data.MetricLabel} against {axis}";
            figures.Insert(0, (title, FigureWriter.WriteSweep(directory, "figure-sweep", title, axis, data.MetricLabel, data.SweepSeries)));
        }
        var markdown = Path.Combine(directory, "report.md");
        File.WriteAllText(markdown, Markdown(data, figures));
        var html = Path.Combine(directory, "report.html");
        File.WriteAllText(html, Html(data, figures));
        return new Written(markdown, html, [.. figures.Select(f => f.Path)]);
    }

    /// <summary>Formats mean ± std with two decimals; one run has no spread to show ("value (one seed)"); "–" when no run
    /// is complete.</summary>
    public static string Format(ReportRow row) => row.Values.Count switch
    {
        0 => "–",
        1 => string.Create(CultureInfo.InvariantCulture, $"{row.Mean:F2} (one seed)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{row.Mean:F2} ± {row.Std:F2}"),
    };

    private static string Markdown(ReportData data, List<(string Title, string Path)> figures)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {data.Preset.Experiment}: {data.Preset.Description}");
        text.AppendLine();
        text.AppendLine($"| configuration | ours: {data.MetricLabel} (mean ± std) | seeds | paper |");
        text.AppendLine("|---|---|---|---|");
        foreach (var row in data.Rows)
            text.AppendLine($"| {row.Label} | {Format(row)} | {row.Values.Count}/{row.SeedsPlanned} | {row.Paper ?? "–"} |");
        text.AppendLine();
        if (data.Preset.Report.Note is { } note) text.AppendLine(note).AppendLine();
        text.AppendLine($"Values are test metrics at the early-stopping epoch (best validation {data.Metric}). Commits: {string.Join(", ", data.Commits)}.");
        text.AppendLine();
        foreach (var (title, path) in figures) text.AppendLine($"![{title}]({Path.GetFileName(path)})").AppendLine();
        text.AppendLine($"{data.OptionsHeading}:").AppendLine().AppendLine("```json").AppendLine(data.OptionsText).AppendLine("```");
        return text.ToString();
    }

    private static string Html(ReportData data, List<(string Title, string Path)> figures)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>{E(data.Preset.Experiment)} report</title>");
        html.AppendLine("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #eee;margin:1em 0}</style></head><body>");
        html.AppendLine($"<h1>{E(data.Preset.Experiment)}</h1><p>{E(data.Preset.Description)}</p>");
        html.AppendLine($"<table><tr><th>configuration</th><th>ours: {E(data.MetricLabel)}</th><th>seeds</th><th>paper</th></tr>");
        foreach (var row in data.Rows)
            html.AppendLine($"<tr><td>{E(row.Label)}</td><td>{E(Format(row))}</td><td>{row.Values.Count}/{row.SeedsPlanned}</td><td>{E(row.Paper ?? "–")}</td></tr>");
        html.AppendLine("</table>");
        if (data.Preset.Report.Note is { } note) html.AppendLine($"<p>{E(note)}</p>");
        html.AppendLine($"<p>Test metrics at the early-stopping epoch. Commits: {E(string.Join(", ", data.Commits))}.</p>");
        foreach (var (title, path) in figures)
            html.AppendLine($"<figure><img alt=\"{E(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\"><figcaption>{E(title)}</figcaption></figure>");
        html.AppendLine($"<h2>Options</h2><p>{E(data.OptionsHeading)}:</p><pre>{E(data.OptionsText)}</pre>");
        // Lets a headless browser check that every figure decoded (see .ci/report-in-browser).
        html.AppendLine("<script>window.addEventListener('load',function(){var n=0;for(var i of document.images){if(i.complete&&i.naturalWidth>0)n++;}document.body.setAttribute('data-figures-rendered',n+'/'+document.images.length);});</script>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
