using System.CommandLine;

namespace WasmPerfDiff.Cli;

/// <summary>Options every verb understands.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Runtime config file (JSON; default ./wasm-perfdiff.json or ~/.config/wasm-perfdiff/config.json)",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout and nothing else there" };
}
