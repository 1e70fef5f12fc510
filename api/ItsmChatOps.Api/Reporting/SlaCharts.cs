using ItsmChatOps.Api.Client.Reporting;
using ScottPlot;

namespace ItsmChatOps.Api.Reporting;

/// <summary>
/// The SLA report as pictures people take in at a glance (RPT-02, BS 15000-2 §5.3): attainment by priority,
/// breaches by cause, and the weekly trend. Sized and lettered for a chat card (about 480 pixels wide).
/// </summary>
public static class SlaCharts
{
    public const int Width = 480;
    public const int Height = 270;
    public static readonly IReadOnlyList<string> Names = Client.Reporting.SlaChartNames.All;

    public static byte[]? Render(string name, SlaReport report) => name switch
    {
        "attainment" => Attainment(report),
        "causes" => Causes(report),
        "trend" => Trend(report),
        _ => null,
    };

    private static byte[] Attainment(SlaReport report)
    {
        var plot = NewPlot("Within target by priority (%)");
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < report.ByPriority.Count; i++)
        {
            var row = report.ByPriority[i];
            bars.Add(new Bar { Position = i * 3, Value = row.RespondedWithinTarget ?? 0, FillColor = palette.GetColor(0), Label = Label(row.RespondedWithinTarget) });
            bars.Add(new Bar { Position = i * 3 + 1, Value = row.ResolvedWithinTarget ?? 0, FillColor = palette.GetColor(2), Label = Label(row.ResolvedWithinTarget) });
            ticks.Add(new Tick(i * 3 + 0.5, $"{row.Priority} ({row.Count})"));
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.SetLimitsY(0, 115);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Responded", FillColor = palette.GetColor(0) });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Resolved", FillColor = palette.GetColor(2) });
        return Png(plot);
    }

    private static byte[] Causes(SlaReport report)
    {
        var plot = NewPlot("Breaches by cause");
        var causes = report.BreachesByCause.ToList();
        if (causes.Count == 0)
        {
            plot.Add.Annotation("No breaches in this period", Alignment.MiddleCenter);
            return Png(plot);
        }

        var bars = causes.Select((c, i) => new Bar { Position = i, Value = c.Value, Label = c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), FillColor = Colors.OrangeRed }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(causes.Select((c, i) => new Tick(i, c.Key)).ToArray());
        plot.Axes.SetLimitsX(0, causes.Max(c => c.Value) * 1.25);
        return Png(plot);
    }

    private static byte[] Trend(SlaReport report)
    {
        var plot = NewPlot("Resolved within target by week (%)");
        var weeks = report.Trend.Where(w => w.ResolvedWithinTarget is not null).ToList();
        if (weeks.Count == 0)
        {
            plot.Add.Annotation("Nothing resolved in this period yet", Alignment.MiddleCenter);
            return Png(plot);
        }

        var line = plot.Add.Scatter(weeks.Select((_, i) => (double)i).ToArray(), weeks.Select(w => w.ResolvedWithinTarget!.Value).ToArray());
        line.LineWidth = 3;
        line.MarkerSize = 8;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(weeks.Select((w, i) => new Tick(i, $"{w.Week[^3..]}\n({w.Raised})")).ToArray());
        plot.Axes.SetLimitsY(0, 105);
        plot.Axes.SetLimitsX(-0.5, Math.Max(weeks.Count - 0.5, 0.5));
        return Png(plot);
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, size: 16);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        return plot;
    }

    private static string Label(double? share) => share is { } s ? $"{s:0}" : "–";

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
