using System.CommandLine;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Option = System.CommandLine.Option;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// An interval as <c>--start</c> with <c>--for</c> or <c>--end</c>; times in the instrument's zone. An
/// end given as a time of day ("16:00") is on the start's day.
/// </summary>
public sealed class IntervalOptions(string startDescription)
{
    public Option<string> Start { get; } = CommandTree.Required(
        "--start", $"{startDescription}: \"tomorrow 14:00\", \"2027-03-02 09:00\", \"friday 9h30\", ISO 8601", "time", "--at");

    public Option<string?> Length { get; } = CommandTree.Optional("--for", "How long, e.g. 2h, 90m, 1h30", "length", "--length");

    public Option<string?> End { get; } = CommandTree.Optional("--end", "When it ends, instead of --for", "time");

    public Option[] All => [Start, Length, End];

    public (DateTimeOffset Start, DateTimeOffset End) ReadTimes(Invocation run)
    {
        var start = run.Time(run.Get(Start));
        var end = (run.Get(Length), run.Get(End)) switch
        {
            ({ } length, null) => start + Durations.Parse(length),
            (null, { } text) => Times.Parse(text, run.Zone, start),
            _ => throw new UsageException("Give how long with --for, or when it ends with --end (one of the two)."),
        };
        return end > start ? (start, end) : throw new UsageException($"It would end ({Times.Show(end, run.Zone)}) before it starts ({Times.Show(start, run.Zone)}).");
    }

    public TimeInterval Read(Invocation run)
    {
        var (start, end) = ReadTimes(run);
        return new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(start), EndTime = Timestamp.FromDateTimeOffset(end) };
    }
}
