using WasmPerfDiff.Host.Processes;
using WasmPerfDiff.Runtimes;

namespace WasmPerfDiff.Reduction;

/// <summary>A runtime as an issue names it: engine, tier, version, the tool's command template, and a command that runs the
/// reduced module from the output folder without this tool (null with <see cref="Note"/> when there is none).</summary>
public sealed record RuntimeFacts(string Name, string Engine, string Tier, string? Version, string Template, string? Command, string? Note);

/// <summary>
/// The reproduction commands of an issue: the process a runtime would start for the reduced module (its
/// <see cref="IRuntime.PrepareAsync"/>, so the flags are exactly the measured ones), rewritten to run from the output
/// folder: the module by its file name, a runner script of ours copied beside it, the runner's side-channel file sent
/// to /dev/null. The embedded Wasmtime tiers run inside this tool and have no such command.
/// </summary>
public static class Reproduction
{
    public static async Task<RuntimeFacts> DescribeAsync(IRuntime runtime, string folder, string module, IReadOnlyList<string> args, string? stdin,
        CancellationToken ct)
    {
        var a = runtime.Detect();
        var facts = new RuntimeFacts(runtime.Name, runtime.Engine, runtime.Tier, a.Version, runtime.Describe(), null, null);
        var launch = await runtime.PrepareAsync(new RunRequest(module, args, RunRequest.DefaultTimeout, stdin), LaunchOptions.Default, ct);
        try
        {
            if (launch.Spec is not { } spec) return facts with { Note = launch.FailureMessage ?? "not runnable here" };
            if (WorkerLauncher.CliDll is { } dll && spec.Arguments.Contains(dll))
                return facts with { Note = "runs inside wasm-perfdiff (embedded Wasmtime through its C API); no standalone command" };
            var words = spec.Arguments.Select(w => Rewrite(w, folder, module, launch.MarksFile)).ToList();
            var env = string.Concat(spec.Environment.Select(p => CheckScript.Quote(p.Key + "=" + p.Value) + " "));
            var line = (env.Length > 0 ? "env " + env : "") + new ProcessSpec(spec.Executable, words, spec.Timeout) + (stdin is null ? "" : " < " + CheckScript.Quote(stdin));
            return facts with { Command = line };
        }
        finally
        {
            foreach (var f in launch.ScratchFiles) File.Delete(f);
        }
    }

    private static string Rewrite(string word, string folder, string module, string? marks)
    {
        if (word == Path.GetFullPath(module)) return "./" + Path.GetFileName(module);
        if (marks is not null && word == marks) return "/dev/null";
        // A runner script of ours (V8, JavaScriptCore, SpiderMonkey): copied into the folder so the command needs only the engine.
        if (word.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal) && File.Exists(word))
        {
            File.Copy(word, Path.Combine(folder, Path.GetFileName(word)), overwrite: true);
            return "./" + Path.GetFileName(word);
        }
        return word;
    }
}
