using System.Diagnostics;
using Biobank.Client;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;

namespace Biobank.Server.Tests.Audit;

public sealed class ReplayTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    [Fact]
    public async Task A_replay_with_eight_writers_busy_and_a_resume_in_the_middle_sends_every_event_once_in_order()
    {
        using var auditor = server.Auditor();
        var start = await LastPositionAsync(auditor);
        const int Writers = 8, SamplesEach = 15;

        // The first reader follows from the start and hangs up half way; the second resumes after
        // the last position the first received.
        using var hangUp = new CancellationTokenSource();
        var first = new List<AuditEvent>();
        var firstReader = Task.Run(async () =>
        {
            using var call = auditor.Audit.ReplayEvents(new ReplayEventsRequest { ResumeAfter = start, Follow = true }, cancellationToken: hangUp.Token);
            try
            {
                while (await call.ResponseStream.MoveNext(hangUp.Token))
                {
                    first.Add(call.ResponseStream.Current);
                    if (first.Count == Writers * SamplesEach / 2)
                    {
                        await hangUp.CancelAsync();
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
            {
                // Hung up.
            }
        });
        var written = await Race.RunAsync(Writers, i => server.AnsesTechnician($"writer-{i}"), async client =>
        {
            var names = new List<string>();
            for (var i = 0; i < SamplesEach; i++)
            {
                names.Add((await client.RegisterSampleAsync()).Name);
            }

            return names;
        });
        await firstReader;
        var second = await ReplayAsync(auditor, new ReplayEventsRequest { ResumeAfter = first[^1].Position });
        var everything = await ReplayAsync(auditor, new ReplayEventsRequest { ResumeAfter = start });

        written.ShouldAllBe(w => w.Error == null);
        var received = first.Concat(second).ToList();
        received.Select(e => e.Position).ShouldBe(everything.Select(e => e.Position));
        received.Select(e => e.Position).ShouldBeInOrder(SortDirection.Ascending);
        received.Select(e => e.Position).ShouldBeUnique();
        received.Select(e => e.Position).ShouldBe(await StoredPositionsAfterAsync(start));
        var streams = received.Select(e => e.Stream).ToHashSet();
        written.SelectMany(w => w.Result!).ShouldAllBe(name => streams.Contains(name));
        received.ShouldAllBe(e => e.Hash.Length == 64);
    }

    [Fact]
    public async Task Each_filter_selects_only_the_events_it_names()
    {
        using var auditor = server.Auditor();
        var start = await LastPositionAsync(auditor);
        using var anses = server.AnsesTechnician("filter.anses");
        using var inserm = server.InsermTechnician("filter.inserm");
        var sample = await anses.RegisterSampleAsync();
        var other = await inserm.RegisterSampleAsync();
        var confocal = await server.RegisterConfocalAsync();
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        using var facility = server.AnsesManager();
        await facility.Equipment.SetEquipmentStatusAsync(new SetEquipmentStatusRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = confocal.Name, Status = EquipmentStatus.OutOfService, Reason = "Laser alignment",
        });
        var after = DateTimeOffset.UtcNow;

        async Task<List<AuditEvent>> Filtered(Action<ReplayEventsRequest> filter)
        {
            var request = new ReplayEventsRequest { ResumeAfter = start };
            filter(request);
            return await ReplayAsync(auditor, request);
        }

        var all = await Filtered(_ => { });
        var byType = await Filtered(r => r.EventTypes.Add("sample_registered"));
        var byKind = await Filtered(r => r.StreamKinds.Add(StreamKind.Equipment));
        var byResource = await Filtered(r => r.Resource = sample.Name);
        var byOrganisation = await Filtered(r => r.Organisation = "organisations/inserm");
        var byActor = await Filtered(r => r.Actor = "filter.anses");
        var byTime = await Filtered(r =>
        {
            r.RecordStartTime = Timestamp.FromDateTimeOffset(before);
            r.RecordEndTime = Timestamp.FromDateTimeOffset(after.AddSeconds(1));
        });

        all.Select(e => e.Stream).ShouldBe([sample.Name, other.Name, confocal.Name, confocal.Name], ignoreOrder: true);
        byType.Select(e => e.Stream).ShouldBe([sample.Name, other.Name]);
        byKind.ShouldAllBe(e => e.Stream == confocal.Name && e.StreamKind == StreamKind.Equipment);
        byKind.Count.ShouldBe(2);
        byResource.Single().EventType.ShouldBe("sample_registered");
        byOrganisation.Single().Stream.ShouldBe(other.Name);
        byActor.Single().Stream.ShouldBe(sample.Name);
        var changed = byTime.Single();
        (changed.Stream, changed.Reason, changed.Actor, changed.Organisation) .ShouldBe((confocal.Name, "Laser alignment", "marie.facility", "organisations/anses"));
        changed.Roles.ShouldBe(["facility-manager"]);
        changed.RequestId.ShouldNotBeEmpty();
        changed.CausationId.ShouldBe(changed.RequestId);
        changed.PayloadJson.ShouldContain("Laser alignment");
    }

    [Fact]
    public async Task A_follower_receives_a_new_event_within_a_second()
    {
        using var auditor = server.Auditor();
        var start = await LastPositionAsync(auditor);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = auditor.Audit.ReplayEvents(new ReplayEventsRequest { ResumeAfter = start, Follow = true }, cancellationToken: stop.Token);
        var next = call.ResponseStream.MoveNext(stop.Token);
        await Task.Delay(500);

        using var technician = server.AnsesTechnician();
        var sample = await technician.RegisterSampleAsync();
        var written = Stopwatch.StartNew();
        (await next).ShouldBeTrue();
        var seen = written.Elapsed;

        call.ResponseStream.Current.Stream.ShouldBe(sample.Name);
        seen.ShouldBeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_summary_counts_the_events_of_a_period_per_type_organisation_and_actor()
    {
        using var auditor = server.Auditor();
        var start = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        using var anses = server.AnsesTechnician("summary.anses");
        using var inserm = server.InsermTechnician("summary.inserm");
        await anses.RegisterSampleAsync();
        await anses.RegisterSampleAsync();
        await inserm.RegisterSampleAsync();
        var period = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(start), EndTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(1)) };

        var summary = await auditor.Audit.GetAuditSummaryAsync(new GetAuditSummaryRequest { Period = period });
        var empty = await auditor.Audit.GetAuditSummaryAsync(new GetAuditSummaryRequest
        {
            Period = new TimeInterval { StartTime = Timestamp.FromDateTimeOffset(start.AddYears(-5)), EndTime = Timestamp.FromDateTimeOffset(start.AddYears(-4)) },
        });

        summary.Total.ShouldBe(3);
        summary.EventTypes.Select(c => (c.Key, c.Count)).ShouldBe([("sample_registered", 3L)]);
        summary.Organisations.Select(c => (c.Key, c.Count)).ShouldBe([("organisations/anses", 2L), ("organisations/inserm", 1L)]);
        summary.Actors.Select(c => (c.Key, c.Count)).ShouldBe([("summary.anses", 2L), ("summary.inserm", 1L)]);
        summary.Period.ShouldBe(period);
        empty.Total.ShouldBe(0);
        empty.EventTypes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Callers_who_are_not_auditors_are_refused_and_bad_filters_are_named()
    {
        using var technician = server.AnsesTechnician();
        using var manager = server.AnsesBiobankManager();
        using var auditor = server.Auditor();

        var replay = await Should.ThrowAsync<RpcException>(ReplayAsync(technician, new ReplayEventsRequest()));
        var history = await Should.ThrowAsync<RpcException>(manager.Audit.ListResourceHistoryAsync(new ListResourceHistoryRequest { Resource = "samples/x" }).ResponseAsync);
        var verify = await Should.ThrowAsync<RpcException>(manager.Audit.VerifyIntegrityAsync(new VerifyIntegrityRequest()).ResponseAsync);
        var bad = await Should.ThrowAsync<RpcException>(ReplayAsync(auditor, new ReplayEventsRequest
        {
            ResumeAfter = -1, StreamKinds = { StreamKind.Unspecified }, Organisation = "inserm",
        }));

        replay.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        history.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        verify.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        replay.Reason().ShouldBe("ROLE_REQUIRED");
        bad.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        bad.FieldViolations().Select(v => v.Field).ShouldBe(["resume_after", "stream_kinds[0]", "organisation"], ignoreOrder: true);
    }

    /// <summary>The events a replay that does not follow sends.</summary>
    public static async Task<List<AuditEvent>> ReplayAsync(BiobankClient client, ReplayEventsRequest request)
    {
        using var call = client.Audit.ReplayEvents(request, deadline: DateTime.UtcNow.AddSeconds(60));
        var events = new List<AuditEvent>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    /// <summary>The position of the last event recorded so far.</summary>
    public static async Task<long> LastPositionAsync(BiobankClient auditor) =>
        (await ReplayAsync(auditor, new ReplayEventsRequest())).LastOrDefault()?.Position ?? 0;

    private async Task<List<long>> StoredPositionsAfterAsync(long start)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select seq_id from biobank.mt_events where seq_id > $1 and stream_id <> 'mt_tombstone' order by seq_id", connection)
        {
            Parameters = { new NpgsqlParameter { Value = start } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var positions = new List<long>();
        while (await reader.ReadAsync())
        {
            positions.Add(reader.GetInt64(0));
        }

        return positions;
    }
}
