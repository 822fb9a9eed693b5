using System.Text;

namespace WasmPerfDiff.Measurement;

/// <summary>
/// Finds the guest's phase markers in its stderr as it streams by: lines
/// <c>@perfdiff begin &lt;unix-ns&gt;</c> and <c>@perfdiff end &lt;unix-ns&gt;</c> written by
/// <c>corpus/include/perfdiff.h</c>. Only line starts are examined, and at most a short prefix
/// of each line is held, so the scan costs nothing on large outputs.
/// </summary>
public sealed class GuestMarkerScanner
{
    private const string Prefix = "@perfdiff ";
    /// <summary>"@perfdiff begin " + 20 digits fits easily; longer lines cannot be markers.</summary>
    private const int MaxMarkerLine = 64;

    private readonly byte[] _line = new byte[MaxMarkerLine];
    private int _length;
    private bool _overflow;

    public long? BeginNs { get; private set; }
    public long? EndNs { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        foreach (var b in chunk)
        {
            if (b == (byte)'\n')
            {
                if (!_overflow) Parse(Encoding.ASCII.GetString(_line, 0, _length));
                _length = 0;
                _overflow = false;
            }
            else if (!_overflow)
            {
                if (_length == MaxMarkerLine || (_length < Prefix.Length && b != Prefix[_length])) _overflow = true;
                else _line[_length++] = b;
            }
        }
    }

    private void Parse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !long.TryParse(parts[2], out var ns)) return;
        // First begin and last end: a program that marks several regions is measured across all of them.
        if (parts[1] == "begin") BeginNs ??= ns;
        else if (parts[1] == "end") EndNs = ns;
    }
}
