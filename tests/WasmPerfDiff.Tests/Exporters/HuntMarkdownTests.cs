using WasmPerfDiff.Analysis;
using WasmPerfDiff.Exporters;
using WasmPerfDiff.Exporters.Documents;

namespace WasmPerfDiff.Tests.Exporters;

/// <summary>hunt.md's group row: the interval belongs to the strongest program, so that program's factor stands beside it.</summary>
public sealed class HuntMarkdownTests
{
    [Fact]
    public void A_group_row_shows_the_strongest_programs_factor_beside_its_interval()
    {
        // The 60-minute hunt's SpiderMonkey group: median 2.25×, strongest member 4.87× [4.54, 5.01].
        HuntMember[] members =
        [
            new("stdio-per-iteration-553606307", 2.15, 1.57, 2.76, "wasmtime-cranelift", null),
            new("stdio-per-iteration-862592095", 4.87, 4.54, 5.01, null, null),
            new("stdio-per-iteration-899223166", 2.25, 1.88, 2.58, "wasmtime-cranelift-o0", null),
        ];
        var group = new HuntGroupRow("spidermonkey", "stdio-per-iteration", FindingKind.Peer, 2.25, 4.54, 5.01,
            "findings/spidermonkey--stdio-per-iteration", members);
        var doc = new HuntDocument("out", ["spidermonkey", "wasm3"], 3600, "out-of-time", 48, 45, 67, 3, [group], [], []);

        var row = HuntMarkdown.Render(doc).Split('\n').Single(l => l.StartsWith("| spidermonkey", StringComparison.Ordinal));

        Assert.Contains("| 2.25× |", row);
        Assert.Contains("| 4.87× [4.54, 5.01] |", row);
        Assert.Contains("| 3 |", row);
    }
}
