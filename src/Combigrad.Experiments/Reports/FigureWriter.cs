using ScottPlot;

namespace Combigrad.Experiments.Reports;

/// <summary>Draws report figures with ScottPlot as PNG and SVG files.</summary>
public static class FigureWriter
{
    private const int Width = 720;
    private const int Height = 420;
    private const float BestEpochMarkerSize = 12;

    /// <summary>The legend entry of the best-epoch diamonds.</summary>
    internal const string BestEpochLegend = "best validation epoch (early stopping; mean over seeds)";
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Writes the metric-versus-hyperparameter figure (paper Fig. 3 and 4 style) with error bars of one std.</summary>
    public static string WriteSweep(string directory, string name, string title, string xLabel, string yLabel, IReadOnlyList<SweepSeries> series)
    {
        Directory.CreateDirectory(directory);
        var plot = new Plot();
        var palette = Palette;
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.X.Length == 0) continue;
            var color = palette.GetColor(i);
            var line = plot.Add.Scatter(s.X, s.Mean, color);
            line.LegendText = s.Label;
            var bars = plot.Add.ErrorBar(s.X, s.Mean, s.Std);
            bars.Color = color;
        }
        return Save(plot, directory, name, title, xLabel, yLabel);
    }

    /// <summary>Writes one figure as <c>&lt;name&gt;.png</c> and <c>&lt;name&gt;.svg</c> in <paramref name="directory"/>; returns the PNG path.</summary>
    public static string Write(string directory, string name, string title, string yLabel, IReadOnlyList<Curve> curves)
    {
        Directory.CreateDirectory(directory);
        return Save(EpochPlot(curves), directory, name, title, "epoch", yLabel);
    }

    /// <summary>The curves against whole-number epoch ticks, each best epoch a diamond explained by one legend entry.</summary>
    internal static Plot EpochPlot(IReadOnlyList<Curve> curves)
    {
        var plot = new Plot();
        var palette = Palette;
        var markers = false;
        for (var i = 0; i < curves.Count; i++)
        {
            var curve = curves[i];
            if (curve.Epochs.Length == 0) continue;
            var color = palette.GetColor(i);
            var line = plot.Add.Scatter(curve.Epochs, curve.Values, color);
            line.LegendText = curve.Label;
            if (curve.BestEpoch is { } best && Array.IndexOf(curve.Epochs, best) is var at and >= 0)
            {
                var marker = plot.Add.Marker(best, curve.Values[at], MarkerShape.FilledDiamond, size: BestEpochMarkerSize, color);
                marker.LegendText = "";
                markers = true;
            }
        }
        if (markers)
        {
            // One legend entry explains every curve's diamond (each in its curve's colour).
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = BestEpochLegend,
                MarkerShape = MarkerShape.FilledDiamond,
                MarkerSize = BestEpochMarkerSize,
                MarkerColor = Colors.Gray,
                LineWidth = 0,
            });
        }
        // Epochs are whole numbers: no ticks at 0.2, 0.4, ...
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    private static string Save(Plot plot, string directory, string name, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        // Outside the data area, below it: a legend inside the axes hid curves that run along the top (Globe TSP at 90-96 %).
        plot.ShowLegend(Edge.Bottom);
        var png = Path.Combine(directory, name + ".png");
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(Path.Combine(directory, name + ".svg"), Width, Height);
        return png;
    }
}
