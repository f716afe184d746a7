using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Biobank.Cli.CommandLine;
using Biobank.Cli.Output;
using Biobank.Cli.Values;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Biobank.Cli.Audit;

/// <summary><c>audit ...</c>: the auditors' commands: replay the history to a file, a resource's history, a resource at a time, verify.</summary>
public static class AuditCommands
{
    /// <summary>How many events a replay to a file writes between two progress remarks.</summary>
    private const int ProgressEvery = 10_000;

    public static Command Build(CommandTree cli) => CommandTree.Group(
        "audit", "The event history (auditors): replay it to a file, a resource's history, a resource at a time, verify it.",
        Replay(cli), History(cli), At(cli), Verify(cli));

    private static Command Replay(CommandTree cli)
    {
        var output = CommandTree.Optional("--output", "JSON Lines file to append the events to; a replay into it resumes after its last line", "file", "-o");
        var follow = CommandTree.Flag("--follow", "Keep writing new events until interrupted");
        var types = new Option<string[]>("--type") { Description = "Only events of this type, e.g. sample_moved; repeat for several", HelpName = "type" };
        var kinds = new Option<string[]>("--kind") { Description = $"Only streams of this kind; repeat for several ({string.Join(", ", Words.All<StreamKind>())})", HelpName = "word" };
        var resource = CommandTree.Optional("--resource", "Only events of this resource, e.g. samples/{id}", "name");
        var organisation = CommandTree.Optional("--organisation", "Only events recorded for this organisation", "id");
        var actor = CommandTree.Optional("--actor", "Only events recorded by this person or system (the token's sub)", "sub");
        return cli.Leaf("replay", "Replay every event in order, as JSON Lines, to a file (resumable) or to the output.",
            [output, follow, types, kinds, resource, organisation, actor], async run =>
        {
            var file = run.Get(output);
            var request = new ReplayEventsRequest
            {
                ResumeAfter = file is null ? 0 : LastPositionIn(file),
                Follow = run.Get(follow),
                Resource = run.Get(resource) ?? "",
                Organisation = run.Get(organisation) is { } id ? Names.Of(Names.Organisations, id) : "",
                Actor = run.Get(actor) ?? "",
                EventTypes = { run.Get(types) ?? [] },
                StreamKinds = { (run.Get(kinds) ?? []).Select(k => Words.Parse<StreamKind>(k, "a stream kind")) },
            };
            if (request.ResumeAfter > 0)
            {
                run.Remark($"Resuming after position {request.ResumeAfter}, the last in {file}.");
            }

            await using var writer = file is null ? null : new StreamWriter(file, append: true);
            var lines = writer ?? run.Environment.Terminal.Out;
            using var call = run.Client.Audit.ReplayEvents(request, run.Options);
            var written = 0L;
            try
            {
                await foreach (var e in call.ResponseStream.ReadAllAsync(run.Cancellation))
                {
                    await lines.WriteLineAsync(Json.Line(e));
                    if (++written % ProgressEvery == 0 && file is not null)
                    {
                        await lines.FlushAsync(run.Cancellation);
                        run.Remark($"{written:N0} events, up to position {e.Position}.");
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && run.Cancellation.IsCancellationRequested)
            {
                // Interrupted: what was written stays, and the next replay into the file resumes after it.
            }

            await lines.FlushAsync(CancellationToken.None);
            if (file is not null)
            {
                run.Remark($"Wrote {written:N0} events to {file}.");
            }
        });
    }

    /// <summary>The position of the last event in a JSON Lines file of a replay, or 0 when it has none yet.</summary>
    private static long LastPositionIn(string file)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        var last = File.ReadLines(file).LastOrDefault(line => line.Length > 0);
        if (last is null)
        {
            return 0;
        }

        try
        {
            using var json = JsonDocument.Parse(last);
            return json.RootElement.TryGetProperty("position", out var position)
                ? long.Parse(position.ToString(), NumberStyles.None, CultureInfo.InvariantCulture)
                : throw new FormatException();
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException)
        {
            throw new UsageException($"The last line of {file} is not an event of a replay.", "Give another --output file, or mend its last line.");
        }
    }

    private static Command History(CommandTree cli)
    {
        var resource = CommandTree.Argument("resource", "The resource, e.g. samples/{id} or equipment/{id}");
        var limit = CommandLine.Paging.LimitOption();
        return cli.Leaf("history", "A resource's events in order: when, what, who, for which organisation, why.", [resource, limit], async run =>
        {
            var events = await CommandLine.Paging.CollectAsync<AuditEvent>(run, run.Get(limit), async (token, size) =>
            {
                var page = await run.Client.Audit.ListResourceHistoryAsync(
                    new ListResourceHistoryRequest { Resource = run.Get(resource), PageSize = size, PageToken = token }, run.Options);
                return (page.Events, page.NextPageToken);
            });
            run.Show(events, screen =>
            {
                var table = new Table("version", "recorded", "event", "actor", "organisation", "reason");
                foreach (var e in events)
                {
                    table.Row(e.Version.ToString(CultureInfo.InvariantCulture), Times.Show(e.RecordTime, run.Zone), e.EventType, e.Actor, Names.Id(e.Organisation), e.Reason);
                }

                screen.Table(table);
            });
        });
    }

    private static Command At(CommandTree cli)
    {
        var resource = CommandTree.Argument("resource", "The resource, e.g. samples/{id} or equipment/{id}");
        var time = CommandTree.Optional("--time", "The moment, e.g. '2026-03-02 14:00' (in your time zone)", "time");
        var version = new Option<long?>("--version") { Description = "The version of the resource's stream", HelpName = "n" };
        return cli.Leaf("at", "A resource as it was at a moment or a version, as its service shows it.", [resource, time, version], async run =>
        {
            var request = (run.Get(time), run.Get(version)) switch
            {
                ({ } at, null) => new GetResourceAtRequest { Resource = run.Get(resource), ReadTime = Timestamp.FromDateTimeOffset(run.Time(at)) },
                (null, { } n) => new GetResourceAtRequest { Resource = run.Get(resource), Version = n },
                _ => throw new UsageException("Give either --time or --version."),
            };
            var then = await run.Client.Audit.GetResourceAtAsync(request, run.Options);

            // The resource is shown whole, as its service's message reads, for people too.
            run.Show(then, screen =>
            {
                screen.Note($"{run.Get(resource)} at version {then.Version}, recorded {Times.Show(then.RecordTime, run.Zone)}:");
                screen.Line(Json.Document(then));
            });
        });
    }

    private static Command Verify(CommandTree cli)
    {
        var resource = CommandTree.OptionalArgument("resource", "Only this resource's stream (everything if left out)");
        var from = new Option<long>("--from") { Description = "Only events at or after this position", HelpName = "position" };
        var to = new Option<long>("--to") { Description = "Only events at or before this position", HelpName = "position" };
        return cli.Leaf("verify", "Recompute the hash chain of the events and report every broken link; exit code 2 if any.", [resource, from, to], async run =>
        {
            var report = await run.Client.Audit.VerifyIntegrityAsync(
                new VerifyIntegrityRequest { Resource = run.Get(resource) ?? "", StartPosition = run.Get(from), EndPosition = run.Get(to) }, run.Options);
            run.Show(report, screen =>
            {
                if (report.BrokenLinks.Count == 0)
                {
                    screen.Done($"{report.EventsChecked:N0} events of {report.StreamsChecked:N0} streams: every link holds.");
                    return;
                }

                var table = new Table("stream", "version", "position", "problem", "what");
                foreach (var link in report.BrokenLinks)
                {
                    table.Row(link.Stream, link.Version.ToString(CultureInfo.InvariantCulture), link.Position.ToString(CultureInfo.InvariantCulture),
                        Words.Of(link.Problem), link.Description);
                }

                screen.Table(table);
            });
            if (report.BrokenLinks.Count > 0)
            {
                throw new CommandException(ExitCodes.Refused, $"{report.BrokenLinks.Count} broken links in {report.EventsChecked:N0} events.");
            }
        });
    }
}
