namespace WasmPerfDiff;

/// <summary>Turns a user's number of seconds into a duration, refusing what no clock can wait for.</summary>
public static class Durations
{
    /// <summary>A year: far beyond any run or campaign this tool plans, and far inside what a timer can hold.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public static TimeSpan FromSeconds(double seconds, string field)
    {
        if (!double.IsFinite(seconds) || seconds <= 0)
            throw new BadInputException($"must be a positive number of seconds (got {seconds})", field);
        if (seconds > Longest.TotalSeconds)
            throw new BadInputException($"must be at most {Longest.TotalSeconds:0} seconds (got {seconds})", field);
        return TimeSpan.FromSeconds(seconds);
    }
}
