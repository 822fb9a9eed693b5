namespace WasmPerfDiff.Corpus;

/// <summary>
/// Finds the corpus directory: <c>--corpus DIR</c>, else <c>$WASM_PERFDIFF_CORPUS</c>, else the copy shipped
/// beside the tool (<c>&lt;AppContext.BaseDirectory&gt;/corpus</c>), else the first <c>corpus/manifest.json</c>
/// found walking up from the current directory and then from the tool's directory (a source checkout).
/// </summary>
public static class CorpusLocator
{
    public const string EnvironmentVariable = "WASM_PERFDIFF_CORPUS";
    public const string DirectoryName = "corpus";

    public static string Locate(string? explicitDirectory = null) =>
        TryLocate(explicitDirectory, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory, Environment.CurrentDirectory)
        ?? throw new BadInputException($"no corpus found: name a corpus directory or set {EnvironmentVariable}", "Corpus");

    /// <summary>The search with every input explicit (testable); null when nothing is found.</summary>
    public static string? TryLocate(string? explicitDirectory, string? environmentValue, string baseDirectory, string currentDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
            return Directory.Exists(explicitDirectory) ? Path.GetFullPath(explicitDirectory)
                : throw new BadInputException($"directory '{explicitDirectory}' does not exist", "Corpus");
        if (!string.IsNullOrEmpty(environmentValue))
            return Directory.Exists(environmentValue) ? Path.GetFullPath(environmentValue)
                : throw new BadInputException($"{EnvironmentVariable}: directory '{environmentValue}' does not exist");
        var shipped = Path.Combine(baseDirectory, DirectoryName);
        if (File.Exists(Path.Combine(shipped, CorpusManifest.FileName))) return Path.GetFullPath(shipped);
        return WalkUp(currentDirectory) ?? WalkUp(baseDirectory);
    }

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DirectoryName);
            if (File.Exists(Path.Combine(candidate, CorpusManifest.FileName))) return candidate;
        }
        return null;
    }
}
