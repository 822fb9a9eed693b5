using System.Text;
using WasmPerfDiff.Measurement;

namespace WasmPerfDiff.Tests.Measurement;

/// <summary>The guest's <c>@perfdiff begin/end</c> lines, found in stderr as it streams.</summary>
public sealed class GuestMarkerScannerTests
{
    private static GuestMarkerScanner Scan(params string[] chunks)
    {
        var s = new GuestMarkerScanner();
        foreach (var c in chunks) s.Append(Encoding.ASCII.GetBytes(c));
        return s;
    }

    [Fact]
    public void Markers_split_across_chunks_are_found()
    {
        var s = Scan("noise\n@perf", "diff begin 1000\nwork\n@perfdiff e", "nd 5000\n");
        Assert.Equal(1000, s.BeginNs);
        Assert.Equal(5000, s.EndNs);
    }

    [Fact]
    public void The_first_begin_and_the_last_end_span_several_regions()
    {
        var s = Scan("@perfdiff begin 10\n@perfdiff end 20\n@perfdiff begin 30\n@perfdiff end 40\n");
        Assert.Equal(10, s.BeginNs);
        Assert.Equal(40, s.EndNs);
    }

    [Fact]
    public void Lines_that_only_look_like_markers_are_ignored()
    {
        var s = Scan(" @perfdiff begin 1\n@perfdiff begin notanumber\n@perfdiff end 2 extra\n" + "@perfdiff begin " + new string('9', 80) + "\n");
        Assert.Null(s.BeginNs);
        Assert.Null(s.EndNs);
    }

    [Fact]
    public void A_marker_without_its_newline_does_not_count()
    {
        Assert.Null(Scan("@perfdiff begin 100").BeginNs);
    }
}
