using WasmPerfDiff.Cli.Options;

namespace WasmPerfDiff.Tests.Cli;

public class DurationParserTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2h", 7200)]
    [InlineData("00:05:00", 300)]
    [InlineData("1.5m", 90)]
    public void Durations_read_as_a_user_writes_them(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationParser.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5 minutes")]
    public void Anything_else_is_a_usage_error(string text) =>
        Assert.Throws<BadInputException>(() => DurationParser.Parse(text));
}
