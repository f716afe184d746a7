using Biobank.Cli.Values;
using Biobank.Client;
using Grpc.Core;

namespace Biobank.Cli.CommandLine;

/// <summary>
/// The one translation of the server's errors into what a person reads and the exit code a script
/// tests: the server's reason and metadata, times in the run's zone, and what to do next.
/// </summary>
public static class ErrorReport
{
    public static CommandException From(RpcException error, Invocation run)
    {
        var info = error.ErrorInfo();
        var meta = info?.Metadata ?? (IDictionary<string, string>)new Dictionary<string, string>();
        string Value(string key) => meta.TryGetValue(key, out var value) ? value : "";
        string Time(string key) => Times.ShowWireTime(Value(key), run.Zone);
        var message = string.IsNullOrWhiteSpace(error.Status.Detail) ? error.StatusCode.ToString() : error.Status.Detail;

        switch (error.StatusCode)
        {
            case StatusCode.Unavailable when info is null:
                return new CommandException(
                    ExitCodes.Unreachable, $"Cannot reach the Biobank server at {run.Connection.Server}.",
                    "Is it running? From a clone: dotnet run --project src/Biobank.Server",
                    "Or point at another server with --address or BIOBANK_ADDRESS.");
            case StatusCode.Unavailable:
                return new CommandException(ExitCodes.Unreachable, message, "Try again in a moment; a change that was sent is made at most once.");
            case StatusCode.DeadlineExceeded or StatusCode.Cancelled when !run.Cancellation.IsCancellationRequested:
                return new CommandException(
                    ExitCodes.Unreachable, $"The server at {run.Connection.Server} did not answer in time.",
                    "A change may or may not have been made: look before trying again (e.g. biobank reservations list).");
            case StatusCode.Unauthenticated:
                return new CommandException(ExitCodes.Unreachable, $"The server did not accept your token: {message}", run.SignInAdvice());
        }

        var advice = info?.Reason switch
        {
            "SLOT_UNAVAILABLE" => Refused(
                $"The slot is taken: {Words.Of(Enum.TryParse<V1.BusyKind>(Value("conflict_kind").Replace("_", ""), true, out var kind) ? kind : V1.BusyKind.Reservation)} from {Time("conflict_start")} until {Time("conflict_end")}.",
                $"See what is free: biobank equipment availability {Names.Id(Value("equipment"))}"),
            "DURATION_OUT_OF_RANGE" => Refused(
                $"{message}",
                $"Bookings of this instrument last from {Durations.ShowWireSeconds(Value("min_duration"))} to {Durations.ShowWireSeconds(Value("max_duration"))}: change --for or --end."),
            "INSUFFICIENT_NOTICE" => Refused(
                $"Too soon: bookings of this instrument start at {Time("earliest_start")} at the earliest.",
                $"Use --start \"{Time("earliest_start")}\" or later."),
            "OUTSIDE_BOOKING_HORIZON" => Refused(
                $"Too far ahead: bookings of this instrument start at {Time("latest_start")} at the latest.",
                "Book nearer the date."),
            "QUALIFICATION_REQUIRED" => Refused(
                $"{Value("person")} holds no qualification for {Names.Id(Value("equipment"))}.",
                "Ask a facility manager of the instrument's organisation to grant one:",
                $"  biobank equipment qualify {Names.Id(Value("equipment"))} --person {Value("person")} --person-org ORGANISATION"),
            "EQUIPMENT_UNAVAILABLE" => Refused(message, "Choose another instrument: biobank equipment list"),
            "INVALID_STATE_TRANSITION" => Refused(message, $"It is {Value("state").ToLowerInvariant().Replace('_', '-')} now."),
            "RESOURCE_NOT_FOUND" => Refused($"Not found: {Value("name")}.", "Check the name; list commands show what exists (e.g. biobank equipment list)."),
            "RESOURCE_ALREADY_EXISTS" => Refused(message, "Choose another barcode or id."),
            "ROLE_REQUIRED" => Refused(
                $"{message}",
                $"Sign in with one of those roles: biobank login --user NAME --org ORGANISATION --role {Value("required_roles").Split(',')[0]}"),
            "ORGANISATION_MISMATCH" => Refused(
                $"Only {Names.Id(Value("owner_organisation"))} may do this; you act for {Names.Id(Value("caller_organisation"))}."),
            "ETAG_MISMATCH" => Refused($"{message}", "It changed since it was read: run the command again."),
            "POSITION_OCCUPIED" => Refused(
                $"Position {Value("position")} of {Names.Id(Value("storage_unit"))} is taken.",
                $"See the box: biobank storage show {Names.Id(Value("storage_unit"))}"),
            "INVALID_POSITION" => Refused(message, $"See the box: biobank storage show {Names.Id(Value("storage_unit"))}"),
            "INSUFFICIENT_QUANTITY" => Refused($"{message}", $"Available: {Value("available")}; asked for: {Value("requested")}."),
            "SAMPLE_NOT_AVAILABLE" => Refused($"{message}", $"The sample is {Value("state").ToLowerInvariant().Replace('_', '-')}: biobank samples show {Names.Id(Value("name"))}"),
            "RELEASE_GATE_FAILED" => Refused(
                $"The release gate holds transfer {Names.Id(Value("name"))} back: {Value("failed_checks")} check(s) failed.",
                [.. error.PreconditionViolations().Select(v => $"  {Names.Id(v.Subject)}: {GateCheck(v.Type)} ({Inputs(v.Description)})"),
                    "Resolve them, or cancel it and request the transfer without those items."]),
            "ITEM_IN_OPEN_TRANSFER" => Refused(
                message,
                [.. error.PreconditionViolations().Select(v => $"  {Names.Id(v.Subject)}: {v.Description}"),
                    "See them: biobank transfers list --item ITEM"]),
            "INTERNAL_FAULT" => Refused(message, $"Quote correlation id {Value("correlation_id")} to the server's operators."),
            "DEVELOPMENT_SIGN_IN_DISABLED" => Refused(
                $"This server takes its tokens from the identity provider {Value("authority")}.",
                "Get a token there, then: biobank login --with-token < token.txt"),
            "LOOPBACK_ONLY" => Refused(
                message,
                "Sign in on the server's own machine, or with a token: biobank login --with-token < token.txt"),
            _ => Refused(message),
        };

        var violations = error.FieldViolations().Select(v => $"  {v.Field}: {v.Description}").ToArray();
        return new CommandException(ExitCodes.Refused, advice.Message, [.. violations, .. advice.Advice]);
    }

    /// <summary>A check of the release gate, by the reason it fails with, in the words of the bench.</summary>
    private static string GateCheck(string reason) => reason switch
    {
        "TRANSFER_ITEM_ELSEWHERE" => "not held by the sender at the sending site",
        "TRANSFER_ITEM_UNAVAILABLE" => "not available (depleted, disposed, in transit, lost, or an instrument not in service)",
        "TRANSFER_ITEM_ON_HOLD" => "on hold",
        "TRANSFER_ITEM_ALLOCATED" => "allocated to another project",
        "TRANSFER_CONSENT_NOT_GIVEN" => "the donor's consent does not permit it",
        "TRANSFER_AGREEMENT_NOT_COVERING" => "no active agreement between the two organisations covers it",
        "TRANSFER_LOAN_OVERLAPS_RESERVATIONS" => "booked during the loan (give those bookings up with --cancel-reservation)",
        _ => reason,
    };

    /// <summary>The values a check was judged on, from its description "item: CHECK (key=value, ...)".</summary>
    private static string Inputs(string description)
    {
        var open = description.IndexOf(" (", StringComparison.Ordinal);
        return open < 0 ? description : description[(open + 2)..].TrimEnd(')');
    }

    private static (string Message, string[] Advice) Refused(string message, params string[] advice) => (message, advice);
}
