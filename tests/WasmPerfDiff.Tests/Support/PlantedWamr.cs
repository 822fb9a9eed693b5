using System.Text.Json;

namespace WasmPerfDiff.Tests.Support;

/// <summary>
/// A runtime config for planted-anomaly tests: a shell script runtime (engine wamr) that runs WAMR's iwasm-fast-jit from
/// ../shared/runtimes in some mode, beside plain WAMR runtimes. The script is fault injection, never a measured peer.
/// </summary>
public static class PlantedWamr
{
    public static string Iwasm => Path.Combine(SharedRuntimes.Dir, "iwasm-fast-jit");

    /// <summary>Writes <paramref name="dir"/>/planted.sh (<paramref name="script"/> after the shebang) and the config registering it
    /// as <paramref name="name"/> with <paramref name="others"/> (name, tier, argv); returns the config's path.</summary>
    public static string WriteConfig(string dir, string name, string tier, string script, params (string Name, string Tier, string[] Command)[] others)
    {
        var path = Path.Combine(dir, "planted.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(dir, "wasm-perfdiff.json");
        var runtimes = others.Select(o => (object)new { name = o.Name, engine = "wamr", tier = o.Tier, command = o.Command })
            .Append(new { name, engine = "wamr", tier, command = new[] { path, "{wasm}", "{args}" } });
        File.WriteAllText(config, JsonSerializer.Serialize(new { runtimes = runtimes.ToArray() }));
        return config;
    }
}
