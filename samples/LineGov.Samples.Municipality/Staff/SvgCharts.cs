using System.Globalization;
using System.Text;

namespace LineGov.Samples.Municipality.Staff;

/// <summary>One series of a bar chart: a name, a color and one value per category.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<long> Values);

/// <summary>Bar charts rendered on the server as inline SVG: no script, readable by screen readers (role="img", a title and a description; every bar has a tooltip).</summary>
internal static class SvgCharts
{
    private const double Width = 720;
    private const double Height = 280;
    private const double Left = 60;
    private const double Right = 16;
    private const double Top = 34;
    private const double Bottom = 52;

    /// <summary>A grouped vertical bar chart.</summary>
    /// <param name="id">The svg element's id.</param>
    /// <param name="title">The chart's title (also its accessible name).</param>
    /// <param name="description">A sentence summing up the data for screen readers.</param>
    /// <param name="categories">The x-axis categories.</param>
    /// <param name="series">One or more series; each has one value per category.</param>
    /// <param name="xAxisLabel">The x-axis label.</param>
    /// <param name="yAxisLabel">The y-axis label.</param>
    /// <param name="labelEvery">Show every n-th category label (long axes).</param>
    public static string BarChart(
        string id,
        string title,
        string description,
        IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> series,
        string xAxisLabel,
        string yAxisLabel,
        int labelEvery = 1)
    {
        var max = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var step = NiceStep(Math.Max(max, 1) / 4.0);
        var top = Math.Max(step, (long)Math.Ceiling(Math.Max(max, 1) / (double)step) * step);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var band = categories.Count == 0 ? plotWidth : plotWidth / categories.Count;
        var barWidth = band * 0.8 / Math.Max(1, series.Count);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{H(id)}\" class=\"chart\" role=\"img\" aria-label=\"{H(title)}\" aria-describedby=\"{H(id)}-desc\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{H(title)}</title><desc id=\"{H(id)}-desc\">{H(description)}</desc>");

        // Grid lines and y ticks.
        for (var value = 0L; value <= top; value += step)
        {
            var y = Top + plotHeight - (plotHeight * value / top);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{value}</text>");
        }

        // Bars, each with a tooltip.
        for (var c = 0; c < categories.Count; c++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = c < series[s].Values.Count ? series[s].Values[c] : 0;
                var h = plotHeight * value / top;
                var x = Left + (band * c) + (band * 0.1) + (barWidth * s);
                var tip = series.Count > 1 ? $"{categories[c]} {series[s].Name}: {value}件" : $"{categories[c]}: {value}件";
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"{F(Top + plotHeight - h)}\" width=\"{F(Math.Max(1, barWidth - 1))}\" height=\"{F(h)}\" fill=\"{H(series[s].Color)}\"><title>{H(tip)}</title></rect>");
            }

            if (c % Math.Max(1, labelEvery) == 0)
            {
                var cx = Left + (band * c) + (band / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(cx)}\" y=\"{F(Top + plotHeight + 16)}\" text-anchor=\"middle\">{H(categories[c])}</text>");
            }
        }

        // Axes and their labels.
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + plotHeight}\" y2=\"{Top + plotHeight}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"{F(Left + (plotWidth / 2))}\" y=\"{Height - 10}\" text-anchor=\"middle\">{H(xAxisLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"axis-label\" x=\"14\" y=\"{F(Top + (plotHeight / 2))}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {F(Top + (plotHeight / 2))})\">{H(yAxisLabel)}</text>");

        // Legend when there is more than one series.
        if (series.Count > 1)
        {
            var lx = Left;
            foreach (var s in series)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(lx)}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{H(s.Color)}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{F(lx + 20)}\" y=\"20\">{H(s.Name)}</text>");
                lx += 40 + (s.Name.Length * 14);
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="raw"/> (at least 1).</summary>
    internal static long NiceStep(double raw)
    {
        if (raw <= 1)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return (long)(nice * magnitude);
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string H(string value) => StaffHtml.Encode(value);
}
