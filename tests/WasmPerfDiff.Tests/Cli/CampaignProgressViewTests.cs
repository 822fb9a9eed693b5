using WasmPerfDiff.Campaigns;
using WasmPerfDiff.Cli.Views;

namespace WasmPerfDiff.Tests.Cli;

public class CampaignProgressViewTests
{
    [Fact]
    public void Progress_shows_cells_settled_and_open()
    {
        var p = new CampaignProgress(120, 80, 14, 60, 1, "fib @ wasmtime-pulley", "round 5", TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(30))
            { SettledCells = 45, UndecidedCells = 9 };
        var line = CampaignProgressBar.Describe(p);
        Assert.Contains("45 settled / 14 open (9 undecided) of 60", line);
        Assert.Contains("1 failed", line);
    }
}
