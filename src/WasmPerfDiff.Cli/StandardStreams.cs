using System.Runtime.InteropServices;
using System.Text;

namespace WasmPerfDiff.Cli;

/// <summary>
/// What the tool does when its own stdout or stderr cannot be written (a full device, a closed descriptor, a
/// reader that went away). stderr is where problems are reported, so a failure to write it cannot be reported
/// anywhere: it is ignored and the verb goes on (a campaign keeps measuring and storing; writing the error about
/// stderr to stderr again used to abort the process with SIGABRT). A failed write to stdout, which holds the
/// verb's result, becomes <see cref="StdoutUnwritableException"/>: one line naming stdout, exit 2.
/// </summary>
public static class StandardStreams
{
    /// <summary>Wraps <see cref="Console.Out"/> and <see cref="Console.Error"/>; call before anything writes or
    /// caches them (Spectre's console keeps the writer it first sees).</summary>
    public static void Install()
    {
        var stdoutClosed = IsClosed(1);
        Console.SetOut(new GuardedWriter(Console.Out, e => throw new StdoutUnwritableException(stdoutClosed ? "it is closed" : e.Message, e)));
        Console.SetError(new GuardedWriter(Console.Error, _ => { }));
    }

    /// <summary>Closed when the caller started us with it closed (<c>&gt;&amp;-</c>): the descriptor is then either
    /// invalid or already reused by the .NET runtime for one of its own pipes, opened read-only.</summary>
    private static bool IsClosed(int fd)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var flags = fcntl(fd, 3 /* F_GETFL */);
        return flags == -1 || (flags & 3 /* O_ACCMODE */) == 0 /* O_RDONLY */;
    }

    [DllImport("libc")]
    private static extern int fcntl(int fd, int command);

    /// <summary>Passes every write through; an I/O failure goes to <c>onFailure</c> (which may throw).</summary>
    private sealed class GuardedWriter(TextWriter inner, Action<Exception> onFailure) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;
        public override IFormatProvider FormatProvider => inner.FormatProvider;
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine { get => inner.NewLine; set => inner.NewLine = value; }

        public override void Write(char value) => Guard(() => inner.Write(value));
        public override void Write(string? value) => Guard(() => inner.Write(value));
        public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));
        public override void Write(ReadOnlySpan<char> buffer) { var copy = buffer.ToArray(); Guard(() => inner.Write(copy)); }
        public override void WriteLine() => Guard(inner.WriteLine);
        public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));
        public override void Flush() => Guard(inner.Flush);

        private void Guard(Action write)
        {
            try { write(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { onFailure(e); }
        }
    }
}

/// <summary>The verb's output could not be written to stdout.</summary>
public sealed class StdoutUnwritableException(string reason, Exception inner)
    : IOException($"cannot write to stdout: {reason}", inner);
