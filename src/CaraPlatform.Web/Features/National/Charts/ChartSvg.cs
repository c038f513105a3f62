using System.Globalization;
using System.Net;
using System.Text;
using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Charts;

/// <summary>
/// Draws a national table as an SVG on the server, so the dashboard needs no script and no network. Each chart is an
/// image with a title and a description for assistive technology (the table next to it holds the figures), GOV.UK
/// colours each with its own pattern or marker and a legend, so colour is never the only cue; a suppressed figure is
/// drawn as absent and marked "&lt;5".
/// </summary>
public static class ChartSvg
{
    private const double Width = 720, PlotHeight = 260, Left = 56, Right = 16, Bottom = 96, LegendLine = 20, BarGap = 0.2;

    /// <summary>GOV.UK Design System colours, in the order series take them.</summary>
    public static readonly IReadOnlyList<string> Colours = ["#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197", "#912b88", "#505a5f"];

    private const string Text = "#0b0c0c", Grid = "#b1b4b6", Reference = "#d4351c";

    /// <summary>The table's chart as SVG markup; <paramref name="id"/> (unique in the page) prefixes the ids inside.</summary>
    public static string Render(NationalTable table, string id)
    {
        ArgumentNullException.ThrowIfNull(table);
        var data = ChartData.From(table);
        var chart = table.Chart;
        var legend = chart.Kind is ChartKind.Histogram or ChartKind.Funnel || data.Series.Count < 2 ? 0 : data.Series.Count;
        var top = 16 + (legend * LegendLine);
        var height = top + PlotHeight + Bottom;
        var svg = new StringBuilder();
        svg.Append(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" class="national-chart" id="{id}" data-chart-kind="{chart.Kind}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {Width} {height}" width="100%" font-family="Arial, sans-serif" font-size="13">"""));
        svg.Append(Invariant($"<title id=\"{id}-title\">{Encode(table.Title)}</title><desc id=\"{id}-desc\">{Encode(Describe(table, data))}</desc>"));
        svg.Append("<defs>");
        for (var s = 0; s < data.Series.Count; s++) svg.Append(Pattern(id, s));
        svg.Append("</defs>");
        for (var s = 0; s < legend; s++) Legend(svg, id, s, data.Series[s].Label, chart.Kind == ChartKind.Line);
        var plot = new Plot(Left, top, Width - Left - Right, PlotHeight);
        if (data.Categories.Count == 0 || data.Series.Count == 0)
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{top + (PlotHeight / 2)}\" text-anchor=\"middle\" fill=\"{Text}\">No figures for this filter</text>"));
        else
            switch (chart.Kind)
            {
                case ChartKind.Line: Line(svg, data, plot, chart); break;
                case ChartKind.StackedBar: Bars(svg, id, data, plot, chart, stacked: true); break;
                case ChartKind.Histogram: Histogram(svg, id, data, plot, chart); break;
                case ChartKind.Funnel: Funnel(svg, id, data, plot); break;
                default: Bars(svg, id, data, plot, chart, stacked: false); break;
            }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private readonly record struct Plot(double X, double Y, double Width, double Height)
    {
        public double Bottom => Y + Height;
    }

    private static string Describe(NationalTable table, ChartData data)
    {
        var what = table.Chart.Kind switch
        {
            ChartKind.Line => $"Line chart with one line for each {table.RowHeader.ToLowerInvariant()} across {string.Join(", ", data.Categories)}.",
            ChartKind.StackedBar => $"Stacked bar chart of {string.Join(", ", data.Series.Select(s => s.Label))} for each {table.RowHeader.ToLowerInvariant()}.",
            ChartKind.Histogram => $"Histogram of {table.RowHeader.ToLowerInvariant()}" + (table.Chart.ReferenceLabel is { } label ? $", with a line at {label}." : "."),
            ChartKind.Funnel => $"Funnel of {string.Join(", ", data.Categories)}.",
            _ => $"Bar chart of {string.Join(", ", data.Series.Select(s => s.Label))} for each {table.RowHeader.ToLowerInvariant()}.",
        };
        return what + " Figures under 5 are not drawn and are marked <5. The table below the chart gives every figure.";
    }

    private static void Bars(StringBuilder svg, string id, ChartData data, Plot plot, NationalChart chart, bool stacked)
    {
        var max = stacked
            ? data.Categories.Select((_, c) => data.Series.Sum(s => s.Points[c].Value ?? 0)).DefaultIfEmpty(0).Max()
            : Max(data);
        var scale = Axis(svg, plot, Math.Max(max, chart.ReferenceLine ?? 0));
        var band = plot.Width / data.Categories.Count;
        var barWidth = stacked ? band * (1 - BarGap) : band * (1 - BarGap) / data.Series.Count;
        for (var c = 0; c < data.Categories.Count; c++)
        {
            var x = plot.X + (c * band) + (band * BarGap / 2);
            var stackedHeight = 0d;
            for (var s = 0; s < data.Series.Count; s++)
            {
                var point = data.Series[s].Points[c];
                var barX = stacked ? x : x + (s * barWidth);
                var label = $"{data.Categories[c]}, {data.Series[s].Label}: {point.Display}";
                if (point.Suppressed)
                {
                    if (!stacked) SuppressedMark(svg, barX + (barWidth / 2), plot.Bottom - 4, label);
                    continue;
                }

                if (point.Value is not { } value || value <= 0) continue;
                var h = scale(value);
                var y = plot.Bottom - stackedHeight - h;
                svg.Append(Invariant($"<rect x=\"{barX:0.#}\" y=\"{y:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" fill=\"{Fill(id, s)}\" stroke=\"{Text}\" stroke-width=\"0.5\"><title>{Encode(label)}</title></rect>"));
                if (stacked) stackedHeight += h;
                else if (data.Series.Count == 1)
                    svg.Append(Invariant($"<text x=\"{barX + (barWidth / 2):0.#}\" y=\"{y - 4:0.#}\" text-anchor=\"middle\" fill=\"{Text}\">{Encode(point.Display)}</text>"));
            }

            // A stack with a hidden part would mislead about its height: say so under it.
            if (stacked && data.Series.Any(s => s.Points[c].Suppressed))
                SuppressedMark(svg, x + (barWidth / 2), plot.Bottom - stackedHeight - 4, $"{data.Categories[c]}: a part under 5 is not drawn");
        }

        CategoryLabels(svg, data.Categories, plot, band);
        if (chart.ReferenceLine is { } reference) HorizontalReference(svg, plot, plot.Bottom - scale(reference), chart.ReferenceLabel);
    }

    private static void Line(StringBuilder svg, ChartData data, Plot plot, NationalChart chart)
    {
        var scale = Axis(svg, plot, Math.Max(Max(data), chart.ReferenceLine ?? 0));
        var band = plot.Width / data.Categories.Count;
        double X(int c) => plot.X + (c * band) + (band / 2);
        for (var s = 0; s < data.Series.Count; s++)
        {
            var series = data.Series[s];
            var colour = Colours[s % Colours.Count];
            // A gap where a figure is missing or hidden: a line across it would imply a value.
            var path = new StringBuilder();
            var pen = 'M';
            for (var c = 0; c < series.Points.Count; c++)
            {
                if (series.Points[c].Value is { } value)
                {
                    path.Append(Invariant($"{pen}{X(c):0.#},{plot.Bottom - scale(value):0.#} "));
                    pen = 'L';
                }
                else
                {
                    pen = 'M';
                }
            }

            svg.Append(Invariant($"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-dasharray=\"{Dashes[s % Dashes.Count]}\"/>"));
            for (var c = 0; c < series.Points.Count; c++)
            {
                var point = series.Points[c];
                var label = $"{series.Label}, {data.Categories[c]}: {point.Display}";
                if (point.Suppressed) SuppressedMark(svg, X(c), plot.Bottom - 4 - (s * 14), label);
                else if (point.Value is { } value) Marker(svg, s, X(c), plot.Bottom - scale(value), colour, label);
            }
        }

        CategoryLabels(svg, data.Categories, plot, band);
        if (chart.ReferenceLine is { } reference) HorizontalReference(svg, plot, plot.Bottom - scale(reference), chart.ReferenceLabel);
    }

    /// <summary>Adjacent bars, one per row (a range of values), and the reference line at a row position (rows from 0).</summary>
    private static void Histogram(StringBuilder svg, string id, ChartData data, Plot plot, NationalChart chart)
    {
        var series = data.Series[0];
        var scale = Axis(svg, plot, Max(data));
        var band = plot.Width / data.Categories.Count;
        for (var c = 0; c < data.Categories.Count; c++)
        {
            var point = series.Points[c];
            var x = plot.X + (c * band);
            var label = $"{data.Categories[c]}: {point.Display}";
            if (point.Suppressed) SuppressedMark(svg, x + (band / 2), plot.Bottom - 4, label);
            else if (point.Value is { } value and > 0)
                svg.Append(Invariant($"<rect x=\"{x:0.#}\" y=\"{plot.Bottom - scale(value):0.#}\" width=\"{band:0.#}\" height=\"{scale(value):0.#}\" fill=\"{Fill(id, 0)}\" stroke=\"#ffffff\" stroke-width=\"1\"><title>{Encode(label)}</title></rect>"));
        }

        CategoryLabels(svg, data.Categories, plot, band);
        if (chart.ReferenceLine is not { } reference) return;
        var at = plot.X + ((double)reference * band);
        svg.Append(Invariant($"<line class=\"reference-line\" x1=\"{at:0.#}\" y1=\"{plot.Y:0.#}\" x2=\"{at:0.#}\" y2=\"{plot.Bottom:0.#}\" stroke=\"{Reference}\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>"));
        if (chart.ReferenceLabel is { } text)
            svg.Append(Invariant($"<text x=\"{at + 4:0.#}\" y=\"{plot.Y + 12:0.#}\" fill=\"{Text}\" font-weight=\"bold\">{Encode(text)}</text>"));
    }

    /// <summary>One centred bar per stage, as wide as its figure against the first stage's, each labelled with its stage and figure.</summary>
    private static void Funnel(StringBuilder svg, string id, ChartData data, Plot plot)
    {
        var series = data.Series[0];
        var max = (double)Math.Max(Max(data), 1);
        var band = plot.Height / data.Categories.Count;
        var labelWidth = 200d;
        var width = plot.Width - labelWidth;
        var centre = plot.X + labelWidth + (width / 2);
        for (var c = 0; c < data.Categories.Count; c++)
        {
            var point = series.Points[c];
            var y = plot.Y + (c * band);
            var label = $"{data.Categories[c]}: {point.Display}";
            svg.Append(Invariant($"<text x=\"{plot.X + labelWidth - 8:0.#}\" y=\"{y + (band / 2) + 4:0.#}\" text-anchor=\"end\" fill=\"{Text}\">{Encode(label)}</text>"));
            if (point.Suppressed) SuppressedMark(svg, centre, y + (band / 2) + 4, label);
            else if (point.Value is { } value and > 0)
            {
                var w = width * (double)value / max;
                svg.Append(Invariant($"<rect x=\"{centre - (w / 2):0.#}\" y=\"{y + (band * 0.1):0.#}\" width=\"{w:0.#}\" height=\"{band * 0.8:0.#}\" fill=\"{Fill(id, 0)}\"><title>{Encode(label)}</title></rect>"));
            }
        }
    }

    private static decimal Max(ChartData data) =>
        data.Series.SelectMany(s => s.Points).Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max();

    /// <summary>Draws the value axis (gridlines at round steps) and returns the scale from a value to a height.</summary>
    private static Func<decimal, double> Axis(StringBuilder svg, Plot plot, decimal max)
    {
        var step = NiceStep((double)max / 4);
        var top = Math.Max(step * Math.Ceiling((double)max / step), step);
        for (var tick = 0d; tick <= top + (step / 2); tick += step)
        {
            var y = plot.Bottom - (plot.Height * tick / top);
            svg.Append(Invariant($"<line x1=\"{plot.X:0.#}\" y1=\"{y:0.#}\" x2=\"{plot.X + plot.Width:0.#}\" y2=\"{y:0.#}\" stroke=\"{Grid}\" stroke-width=\"{(tick == 0 ? 1.5 : 0.5)}\"/>"));
            svg.Append(Invariant($"<text x=\"{plot.X - 6:0.#}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"{Text}\">{tick:0.##}</text>"));
        }

        return value => plot.Height * (double)value / top;
    }

    private static readonly double[] Multiples = [1, 2, 5, 10];

    /// <summary>1, 2 or 5 times a power of ten: steps a reader can count in.</summary>
    private static double NiceStep(double rough)
    {
        if (rough <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = Multiples.First(m => m * power >= rough) * power;
        return Math.Max(step, 1);
    }

    private static void CategoryLabels(StringBuilder svg, IReadOnlyList<string> categories, Plot plot, double band)
    {
        for (var c = 0; c < categories.Count; c++)
        {
            var x = plot.X + (c * band) + (band / 2);
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{plot.Bottom + 16:0.#}\" text-anchor=\"end\" transform=\"rotate(-35 {x:0.#} {plot.Bottom + 16:0.#})\" fill=\"{Text}\">{Encode(Shorten(categories[c]))}</text>"));
        }
    }

    private static string Shorten(string label) => label.Length <= 24 ? label : label[..23] + "…";

    private static void HorizontalReference(StringBuilder svg, Plot plot, double y, string? label)
    {
        svg.Append(Invariant($"<line class=\"reference-line\" x1=\"{plot.X:0.#}\" y1=\"{y:0.#}\" x2=\"{plot.X + plot.Width:0.#}\" y2=\"{y:0.#}\" stroke=\"{Reference}\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>"));
        if (label is not null)
            svg.Append(Invariant($"<text x=\"{plot.X + plot.Width:0.#}\" y=\"{y - 6:0.#}\" text-anchor=\"end\" fill=\"{Text}\" font-weight=\"bold\">{Encode(label)}</text>"));
    }

    private static void SuppressedMark(StringBuilder svg, double x, double y, string label) =>
        svg.Append(Invariant($"<text class=\"suppressed\" x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"middle\" fill=\"{Text}\" font-size=\"11\">{Encode(NationalCell.SuppressedText)}<title>{Encode(label)}</title></text>"));

    private static void Legend(StringBuilder svg, string id, int series, string label, bool line)
    {
        var y = 8 + (series * LegendLine);
        if (line)
        {
            svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{y + 7}\" x2=\"{Left + 28}\" y2=\"{y + 7}\" stroke=\"{Colours[series % Colours.Count]}\" stroke-width=\"2.5\" stroke-dasharray=\"{Dashes[series % Dashes.Count]}\"/>"));
            Marker(svg, series, Left + 14, y + 7, Colours[series % Colours.Count], null);
        }
        else
        {
            svg.Append(Invariant($"<rect x=\"{Left}\" y=\"{y}\" width=\"28\" height=\"14\" fill=\"{Fill(id, series)}\" stroke=\"{Text}\" stroke-width=\"0.5\"/>"));
        }

        svg.Append(Invariant($"<text x=\"{Left + 36}\" y=\"{y + 12}\" fill=\"{Text}\">{Encode(label)}</text>"));
    }

    private static readonly IReadOnlyList<string> Dashes = ["none", "8 4", "2 4", "12 4 2 4"];

    /// <summary>A line's points: circle, square, triangle, diamond in turn, so lines differ by more than colour.</summary>
    private static void Marker(StringBuilder svg, int series, double x, double y, string colour, string? label)
    {
        var title = label is null ? "" : $"<title>{Encode(label)}</title>";
        svg.Append((series % 4) switch
        {
            0 => Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"4.5\" fill=\"{colour}\">{title}</circle>"),
            1 => Invariant($"<rect x=\"{x - 4:0.#}\" y=\"{y - 4:0.#}\" width=\"8\" height=\"8\" fill=\"{colour}\">{title}</rect>"),
            2 => Invariant($"<path d=\"M{x:0.#},{y - 5:0.#} L{x + 5:0.#},{y + 4:0.#} L{x - 5:0.#},{y + 4:0.#} Z\" fill=\"{colour}\">{title}</path>"),
            _ => Invariant($"<path d=\"M{x:0.#},{y - 5:0.#} L{x + 5:0.#},{y:0.#} L{x:0.#},{y + 5:0.#} L{x - 5:0.#},{y:0.#} Z\" fill=\"{colour}\">{title}</path>"),
        });
    }

    private static string Fill(string id, int series) => $"url(#{id}-p{series})";

    /// <summary>Series colour with a white texture of its own: plain, stripes, dots, cross-hatch, ... in turn.</summary>
    private static string Pattern(string id, int series)
    {
        var texture = (series % 5) switch
        {
            0 => "",
            1 => "<path d=\"M0,8 L8,0\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
            2 => "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"#ffffff\"/>",
            3 => "<path d=\"M0,0 L8,8 M8,0 L0,8\" stroke=\"#ffffff\" stroke-width=\"1.2\"/>",
            _ => "<path d=\"M0,4 L8,4\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
        };
        return $"<pattern id=\"{id}-p{series}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{Colours[series % Colours.Count]}\"/>{texture}</pattern>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
