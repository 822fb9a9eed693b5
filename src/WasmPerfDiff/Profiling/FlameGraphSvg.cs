using System.Globalization;
using System.Text;
using System.Xml;

namespace WasmPerfDiff.Profiling;

/// <summary>How one frame is painted: its fill colour and the hover text of its <c>&lt;title&gt;</c>.</summary>
public readonly record struct FramePaint(string Fill, string Tooltip);

/// <summary>
/// Writes a flame graph as a standalone SVG: one rectangle per frame at its call path, stacked
/// from the root at the bottom, width proportional to its inclusive samples, label truncated
/// to the rectangle, hover title with name, samples and share. Written through
/// <see cref="XmlWriter"/> so that every name is escaped and the file is well-formed XML.
/// </summary>
public static class FlameGraphSvg
{
    private const double ImageWidth = 1200;
    private const double FrameHeight = 16;
    private const double Padding = 10;
    private const double HeaderHeight = 48;
    private const double FontSize = 12;
    /// <summary>Average glyph width of a 12 px sans-serif font, to estimate how many characters fit.</summary>
    private const double CharWidth = FontSize * 0.59;
    /// <summary>Frames narrower than this many pixels are left out: invisible, and they bloat the file.</summary>
    private const double MinFrameWidth = 0.1;
    /// <summary>Fewer than this many characters is not worth a label.</summary>
    private const int MinLabelChars = 3;

    public static void Write(string path, FrameNode root, string title, string subtitle, Func<FrameNode, FramePaint> paint)
    {
        Host.OutputPaths.Write(path, "Out", stream => Write(stream, root, title, subtitle, paint));
    }

    public static void Write(Stream stream, FrameNode root, string title, string subtitle, Func<FrameNode, FramePaint> paint)
    {
        var scale = root.Samples > 0 ? (ImageWidth - 2 * Padding) / root.Samples : 0;
        // The height follows the deepest frame drawn: a rare deep stack too narrow to draw would leave the graph mostly empty.
        var maxDepth = root.DescendantsAndSelf().Where(n => Drawn(n, scale)).Select(n => n.Depth).DefaultIfEmpty(0).Max();
        var height = HeaderHeight + (maxDepth + 1) * FrameHeight + 2 * Padding;

        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = false, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attr(xml, "version", "1.1");
        Attr(xml, "width", ImageWidth);
        Attr(xml, "height", height);
        Attr(xml, "viewBox", $"0 0 {Num(ImageWidth)} {Num(height)}");
        Attr(xml, "font-family", "Verdana, DejaVu Sans, sans-serif");
        Attr(xml, "font-size", FontSize);

        xml.WriteStartElement("style");
        xml.WriteString("g.f { cursor: pointer; } g.f:hover rect { stroke: #000; stroke-width: 0.5; } text { pointer-events: none; }");
        xml.WriteEndElement();
        xml.WriteStartElement("script");
        xml.WriteCData(ZoomScript());
        xml.WriteEndElement();

        Rect(xml, 0, 0, ImageWidth, height, "#f8f8f8");
        Text(xml, ImageWidth / 2, 20, title, "middle", 16);
        Text(xml, ImageWidth / 2, 38, subtitle, "middle", FontSize);

        // Depth-first with explicit x offsets: each child starts where its previous sibling ended.
        var stack = new Stack<(FrameNode Node, double X)>();
        stack.Push((root, Padding));
        while (stack.Count > 0)
        {
            var (node, x) = stack.Pop();
            if (!Drawn(node, scale))
                continue;
            var width = node.Samples * scale;
            var y = height - Padding - (node.Depth + 1) * FrameHeight;
            var p = paint(node);
            xml.WriteStartElement("g");
            Attr(xml, "class", "f");
            Attr(xml, "data-n", Clean(node.Frame.Name));
            xml.WriteElementString("title", Clean(p.Tooltip));
            Rect(xml, x, y, width, FrameHeight - 1, p.Fill);
            // Every frame gets a text element, empty when the label does not fit, so zooming can fill it.
            Text(xml, x + 3, y + FrameHeight - 4, Label(node.Frame.Name, width) ?? "", "start", FontSize);
            xml.WriteEndElement();

            var childX = x;
            foreach (var child in node.Children)
            {
                stack.Push((child, childX));
                childX += child.Samples * scale;
            }
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static bool Drawn(FrameNode node, double scale) => node.Samples * scale >= MinFrameWidth;

    /// <summary>
    /// Click a frame to zoom: it and its callees spread over the full width, its callers are clipped
    /// to it, frames outside its range are hidden; click the root frame to reset. Labels are refit to
    /// the new widths with the same character-width estimate as the writer uses.
    /// </summary>
    private static string ZoomScript() => string.Create(CultureInfo.InvariantCulture, $$"""
        (function () {
          var pad = {{Padding}}, full = {{ImageWidth - 2 * Padding}}, cw = {{CharWidth}}, minChars = {{MinLabelChars}};
          var frames = Array.prototype.slice.call(document.querySelectorAll('g.f'));
          frames.forEach(function (g) {
            var r = g.querySelector('rect');
            g._x = +r.getAttribute('x'); g._w = +r.getAttribute('width');
          });
          function fit(name, w) {
            var n = Math.floor((w - 6) / cw);
            if (n < minChars) return '';
            return name.length <= n ? name : name.substring(0, n - 2) + '..';
          }
          function zoom(z) {
            var x0 = z ? z._x : pad, w0 = z ? z._w : full, s = full / w0, eps = 1e-6;
            frames.forEach(function (g) {
              var a = g._x, b = g._x + g._w;
              if (b <= x0 + eps || a >= x0 + w0 - eps) { g.style.display = 'none'; return; }
              var na = Math.max(a, x0), nb = Math.min(b, x0 + w0), nx = pad + (na - x0) * s, nw = (nb - na) * s;
              var r = g.querySelector('rect'), t = g.querySelector('text');
              g.style.display = '';
              r.setAttribute('x', nx); r.setAttribute('width', nw);
              t.setAttribute('x', nx + 3); t.textContent = fit(g.getAttribute('data-n'), nw);
            });
          }
          frames.forEach(function (g, i) {
            g.addEventListener('click', function () { zoom(i === 0 ? null : g); });
          });
        })();
        """);

    /// <summary>The plain flame graph paint: warm colours for host code, greens for wasm guest code, browns for the kernel.</summary>
    public static FramePaint PlainPaint(FrameNode node, long totalSamples) =>
        new(PlainColour(node.Frame), $"{node.Frame.Name} ({Samples(node.Samples)}, {Percent(node.Samples, totalSamples)})");

    public static string PlainColour(StackFrame frame)
    {
        // A stable hash of the name (string.GetHashCode is randomized per process) picks a shade,
        // so a function has the same colour in every graph.
        var h = StableHash(frame.Name);
        var v1 = (h & 0xFF) / 255.0;
        var v2 = ((h >> 8) & 0xFF) / 255.0;
        return frame.Kind switch
        {
            FrameKind.Guest => Rgb(50 + 60 * v1, 170 + 60 * v2, 50 + 50 * v1),
            FrameKind.Kernel => Rgb(190 + 40 * v1, 140 + 40 * v2, 80),
            _ => Rgb(205 + 50 * v2, 80 + 150 * v1, 40 + 40 * v2),
        };
    }

    public static string Rgb(double r, double g, double b) =>
        $"rgb({(int)Math.Round(Math.Clamp(r, 0, 255))},{(int)Math.Round(Math.Clamp(g, 0, 255))},{(int)Math.Round(Math.Clamp(b, 0, 255))})";

    public static string Samples(long n) => n == 1 ? "1 sample" : $"{n.ToString(CultureInfo.InvariantCulture)} samples";

    public static string Percent(long part, long total) =>
        total > 0 ? (100.0 * part / total).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "0%";

    private static uint StableHash(string text)
    {
        // FNV-1a, 32 bit.
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }

    private static string? Label(string name, double width)
    {
        var fits = (int)((width - 6) / CharWidth);
        if (fits < MinLabelChars)
            return null;
        return name.Length <= fits ? name : name[..(fits - 2)] + "..";
    }

    /// <summary>Drops characters XML cannot carry at all (control characters, lone surrogates); escaping is the writer's job.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(XmlConvert.IsXmlChar(c) ? c : '?');
        }
        return builder.ToString();
    }

    private static void Rect(XmlWriter xml, double x, double y, double w, double h, string fill)
    {
        Start(xml, "rect", x, y);
        Attr(xml, "width", w);
        Attr(xml, "height", h);
        Attr(xml, "fill", fill);
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, double x, double y, string text, string anchor, double size)
    {
        Start(xml, "text", x, y);
        Attr(xml, "text-anchor", anchor);
        Attr(xml, "font-size", size);
        xml.WriteString(Clean(text));
        xml.WriteEndElement();
    }

    private static void Start(XmlWriter xml, string element, double x, double y)
    {
        xml.WriteStartElement(element);
        Attr(xml, "x", x);
        Attr(xml, "y", y);
    }

    private static void Attr(XmlWriter xml, string name, string value) => xml.WriteAttributeString(name, value);

    private static void Attr(XmlWriter xml, string name, double value) => xml.WriteAttributeString(name, Num(value));

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
