using System.Diagnostics;
using WasmPerfDiff.Tests.Support;

namespace WasmPerfDiff.Tests.Host;

/// <summary>A fact that needs util-linux <c>script</c> (it gives the CLI a pseudo-terminal, as a user's shell has).</summary>
public sealed class RequiresScriptFactAttribute : FactAttribute
{
    public RequiresScriptFactAttribute() => Skip = RequiredTools.SkipReason("script", RequiredTools.MissingFromPath("script"));
}

/// <summary>Runtimes start without the user's terminal: in a session of their own, stdin not the tty.</summary>
public class ControllingTerminalTests
{
    [RequiresScriptFact]
    public void A_runtime_started_from_a_terminal_cannot_write_to_it()
    {
        var folder = Directory.CreateTempSubdirectory("perfdiff-tty-").FullName;
        var wasm = Path.Combine(folder, "hello.wasm");
        File.Copy(TestModules.Wat("hello"), wasm);
        var config = UserConfig.Write(new { name = "ttywriter", command = new[] { TestModules.FakeRuntime("tty-writer.sh"), "{wasm}" }, probe = false });
        var cli = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "wasm-perfdiff.dll"), "--config", config, "exec", wasm, "--runtime", "ttywriter" }
            .Select(w => "'" + w.Replace("'", "'\\''") + "'"));

        // script(1) runs the CLI on a new pseudo-terminal, its controlling terminal; what reaches the terminal is script's stdout.
        var psi = new ProcessStartInfo("script", ["-qec", cli, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var terminal = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the CLI did not finish");

        Assert.Equal("refused", File.ReadAllText(wasm + ".tty").Trim());
        Assert.DoesNotContain("LEAKED-TO-TERMINAL", terminal);
        Assert.Contains("ttywriter", terminal); // the CLI itself did write its table to the terminal
    }
}
