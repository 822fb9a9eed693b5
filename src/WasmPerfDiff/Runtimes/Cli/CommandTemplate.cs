namespace WasmPerfDiff.Runtimes.Cli;

/// <summary>
/// An argv template for a command-line runtime. Placeholders: <c>{wasm}</c> the module, <c>{out}</c> the
/// AOT artifact, <c>{dir}</c> the preopened directory (guest path = host path), and <c>{args}</c>, which
/// must stand alone and expands to the guest's arguments, one argv entry each. An entry that mentions
/// <c>{dir}</c> is left out when no directory is given. Expansion is plain string substitution into
/// separate argv entries: nothing is ever parsed by a shell.
/// </summary>
public sealed record CommandTemplate(IReadOnlyList<string> Argv)
{
    public string Program => Argv[0];

    public IReadOnlyList<string> Expand(string program, string wasm, IReadOnlyList<string> args, string? dir, string? output)
    {
        var result = new List<string>();
        foreach (var entry in Argv.Skip(1))
        {
            if (entry == "{args}") { result.AddRange(args); continue; }
            if (entry.Contains("{dir}") && dir is null) continue;
            result.Add(entry.Replace("{wasm}", wasm).Replace("{out}", output ?? "").Replace("{dir}", dir ?? ""));
        }
        return [program, .. result];
    }

    public override string ToString() => string.Join(' ', Argv);
}
