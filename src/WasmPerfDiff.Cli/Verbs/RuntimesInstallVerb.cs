using System.CommandLine;
using WasmPerfDiff.Cli.Options;
using WasmPerfDiff.Cli.Views;
using WasmPerfDiff.Exporters.Documents;
using WasmPerfDiff.Runtimes.Install;

namespace WasmPerfDiff.Cli.Verbs;

/// <summary><c>runtimes install</c>: npm packages, pinned release archives and source builds into the per-user data directory.</summary>
public static class RuntimesInstallVerb
{
    public static Command Create()
    {
        var specs = new Argument<string[]>("runtime") { Description = $"NAME or NAME@VERSION ({string.Join(", ", RuntimeInstaller.Known)}; e.g. bun, node@24, wasmtime@46, wamr)", Arity = ArgumentArity.ZeroOrMore };
        var registry = new Option<string?>("--npm-registry") { Description = "npm registry URL (a mirror); default: $WASM_PERFDIFF_NPM_REGISTRY, else npm's own" };
        var mirror = new Option<string?>("--mirror") { Description = "base URL or local folder serving the release assets by file name (see --list) instead of the official URLs; default: $WASM_PERFDIFF_MIRROR" };
        var releases = new Option<string?>("--releases") { Description = "JSON file of extra pinned versions (same fields as --list --json); default: $WASM_PERFDIFF_RELEASES" };
        var list = new Option<bool>("--list") { Description = "list the pinned versions (asset, SHA-256, where the checksum was found) and install nothing" };
        var json = CommonOptions.Json();
        var install = new Command("install", "install runtimes into the per-user data directory; each is checked by a probe run and registered at once") { specs, registry, mirror, releases, list, json };
        install.SetAction(async (parse, cancel) =>
        {
            var sources = InstallSources.FromEnvironment();
            if (parse.GetValue(registry) is { } r) sources = sources with { NpmRegistry = r };
            if (parse.GetValue(mirror) is { } m) sources = sources with { Mirror = m };
            if (parse.GetValue(releases) is { } f) sources = sources with { ReleasesFile = f };
            var pins = ReleasePins.All(sources.ReleasesFile);
            if (parse.GetValue(list))
            {
                if (parse.GetValue(json)) JsonOutput.Print(PinsDocument.From(pins));
                else RuntimesView.PrintPins(pins);
                return ExitCodes.Ok;
            }
            var names = parse.GetValue(specs) ?? [];
            if (names.Length == 0) throw new BadInputException("name at least one runtime to install (or --list the pinned versions)");
            var entries = new List<InstallDocument.Entry>();
            foreach (var spec in names)
                entries.Add(await RuntimesView.InstallAsync(spec, sources, quiet: parse.GetValue(json), cancel));
            if (parse.GetValue(json)) JsonOutput.Print(new InstallDocument(entries));
            return entries.Any(e => !e.Ok) ? ExitCodes.Found : ExitCodes.Ok; // 1: some install failed (each said why on one line)
        });
        return install;
    }
}
