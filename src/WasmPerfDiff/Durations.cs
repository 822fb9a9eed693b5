namespace WasmPerfDiff;

/// <summary>Turns a user's number of seconds into a duration, refusing what no clock can wait for.</summary>
public static class Durations
{
    /// <summary>24 days: far beyond any run or campaign this tool plans, and inside what every timer it uses can hold
    /// (.NET waits and cancellation timers take at most 2^31 − 1 milliseconds, 24.8 days).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(24);

    /// <summary>Refuses a duration outside (0, <see cref="Longest"/>].</summary>
    public static TimeSpan Check(TimeSpan value, string field) =>
        value <= TimeSpan.Zero ? throw new BadInputException($"must be a positive duration (got {value})", field)
        : value > Longest ? throw new BadInputException($"must be at most {Longest.TotalDays:0} days (got {Describe(value)})", field)
        : value;

    private static string Describe(TimeSpan t) => t.TotalDays >= 1 ? $"{t.TotalDays:0.#} days" : t.ToString();

    public static TimeSpan FromSeconds(double seconds, string field)
    {
        if (double.IsNaN(seconds) || seconds <= 0)
            throw new BadInputException($"must be a positive number of seconds (got {seconds})", field);
        if (double.IsInfinity(seconds) || seconds > Longest.TotalSeconds)
            throw new BadInputException($"must be at most {Longest.TotalSeconds:0} seconds (got {seconds})", field);
        return TimeSpan.FromSeconds(seconds);
    }
}
