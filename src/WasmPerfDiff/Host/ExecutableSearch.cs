namespace WasmPerfDiff.Host;

/// <summary>Resolves a program name the way a shell would, without a shell: an absolute path, or the first executable match on PATH.</summary>
public static class ExecutableSearch
{
    /// <param name="pathVariable">A PATH value to search instead of the process's own.</param>
    public static string? Find(string nameOrPath, string? pathVariable = null)
    {
        if (nameOrPath.Contains('/'))
            return IsExecutable(nameOrPath) ? Path.GetFullPath(nameOrPath) : null;
        var path = pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, nameOrPath);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
