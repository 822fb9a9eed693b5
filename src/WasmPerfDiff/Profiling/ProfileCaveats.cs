using System.Globalization;

namespace WasmPerfDiff.Profiling;

/// <summary>
/// Says when a profile is too thin to read. A share estimated from n samples has a standard error of at most
/// 0.5/√n: under <see cref="MinSamples"/> that is over 3.5 percentage points, so the shares a flame graph and the growth
/// list compare differ by noise alone. Guest functions are named only from a JIT's symbol map: under
/// <see cref="MinGuestSamples"/> in guest code the function lists say nothing.
/// </summary>
public static class ProfileCaveats
{
    public const long MinSamples = 200;
    public const long MinGuestSamples = 100;

    /// <summary>Null when the profile is worth reading; else why not, in one sentence for text and JSON alike.</summary>
    public static string? Of(long samples, double guestShare, bool interpreter)
    {
        if (samples < MinSamples)
            return string.Create(CultureInfo.InvariantCulture,
                $"{samples} samples: too few to mean anything (at least {MinSamples} wanted: profile a larger --size, or raise --frequency)");
        var guest = (long)Math.Round(samples * guestShare);
        if (guest >= MinGuestSamples) return null;
        return interpreter
            ? "an interpreter: its samples are in its own frames, not in guest functions, so no guest function can be blamed"
            : string.Create(CultureInfo.InvariantCulture,
                $"{guest} of {samples} samples in guest code: too few to say which guest function is slow (no JIT symbol map, or the guest ran briefly)");
    }
}
