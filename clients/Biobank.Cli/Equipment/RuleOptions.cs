using System.CommandLine;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Option = System.CommandLine.Option;

namespace Biobank.Cli.Equipment;

/// <summary>The booking rules as options, for registering an instrument and changing its rules.</summary>
public sealed class RuleOptions
{
    private readonly Option<string?> _min = CommandTree.Optional("--min", "Shortest booking, e.g. 30m", "length");
    private readonly Option<string?> _max = CommandTree.Optional("--max", "Longest booking, e.g. 4h", "length");
    private readonly Option<string?> _horizon = CommandTree.Optional("--horizon", "How far ahead bookings may start, e.g. 60d", "length");
    private readonly Option<string?> _notice = CommandTree.Optional("--notice", "How long before its start a booking must be made, e.g. 2h", "length");
    private readonly Option<string?> _buffer = CommandTree.Optional("--buffer", "Time kept free after each booking, e.g. 15m", "length");
    private readonly Option<string?> _grace = CommandTree.Optional("--no-show-after", "How long after its start a booking not checked in is a no-show", "length");
    private readonly Option<bool?> _approval = new("--approval") { Description = "Whether bookings by the other organisation wait for approval (true|false)" };
    private readonly Option<bool?> _qualification = new("--qualification") { Description = "Whether bookers need a qualification (true|false)" };

    public Option[] All => [_min, _max, _horizon, _notice, _buffer, _grace, _approval, _qualification];

    public bool AnyGiven(Invocation run) => All.Any(run.Given);

    /// <summary><paramref name="current"/> with the rules given on the command line changed.</summary>
    public BookingRules Apply(Invocation run, BookingRules? current)
    {
        var rules = current?.Clone() ?? new BookingRules();
        Set(run, _min, d => rules.MinDuration = d);
        Set(run, _max, d => rules.MaxDuration = d);
        Set(run, _horizon, d => rules.BookingHorizon = d);
        Set(run, _notice, d => rules.MinimumNotice = d);
        Set(run, _buffer, d => rules.Buffer = d);
        Set(run, _grace, d => rules.NoShowGrace = d);
        if (run.Get(_approval) is { } approval)
        {
            rules.CrossOrganisationApproval = approval;
        }

        if (run.Get(_qualification) is { } qualification)
        {
            rules.QualificationRequired = qualification;
        }

        return rules;
    }

    private static void Set(Invocation run, Option<string?> option, Action<Duration> set)
    {
        if (run.Get(option) is { } text)
        {
            set(Duration.FromTimeSpan(Durations.Parse(text)));
        }
    }
}
