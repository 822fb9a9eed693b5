namespace WasmPerfDiff.Exporters;

/// <summary>
/// One output format: its name on the wire, the extension of its files, and how it writes its input. Exporters only
/// lay out what they are given; the workflow that feeds them reads the database, runs the analyses and opens the file.
/// </summary>
public interface IExporter<in T>
{
    /// <summary>The format's name (<c>export --format</c>'s value where it is one).</summary>
    string Format { get; }

    /// <summary>The extension of a file in this format, with its dot.</summary>
    string Extension { get; }

    void Write(TextWriter writer, T data);
}
