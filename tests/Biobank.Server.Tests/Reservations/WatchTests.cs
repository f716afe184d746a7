extern alias BiobankServer;

using Biobank.Client;
using Biobank.Domain.Access;
using Biobank.Server.Tests.Infrastructure;
using Biobank.V1;
using BiobankServer::Biobank.Server.Hosting;
using BiobankServer::Biobank.Server.Reservations;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Marten;
using Microsoft.AspNetCore.Builder;
using Npgsql;
using Booked = Biobank.Domain.Reservations.ReservationBooked;
using DomainInterval = Biobank.Domain.Interval;

namespace Biobank.Server.Tests.Reservations;

/// <summary>LIMS following reservation changes over a stream, through disconnections, gaps and restarts.</summary>
public sealed class WatchTests(BiobankServerFixture server) : IClassFixture<BiobankServerFixture>
{
    /// <summary>The start of the feed: a watcher of a fresh instrument from here sees its whole history.</summary>
    private const string FromTheStart = "0";

    private static readonly TimeSpan TwoHours = TimeSpan.FromHours(2);

    /// <summary>Longest wait for a change that is due: covers a gap timeout, should an earlier test have left a gap.</summary>
    private static readonly TimeSpan Due = TimeSpan.FromSeconds(20);

    /// <summary>How long a change that must not come yet is given to show up anyway: several polls.</summary>
    private static readonly TimeSpan Withheld = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_watcher_of_an_instrument_receives_its_changes_in_order_with_increasing_positions()
    {
        var confocal = await server.RegisterConfocalAsync(new BookingRules { CrossOrganisationApproval = true });
        var other = await server.RegisterConfocalAsync();
        using var anses = server.AnsesManager();
        using var bob = server.InsermTechnician();
        using var watch = Watch(anses, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart });
        var start = Catalogue.Ahead(days: 3);

        var booked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, start, TwoHours));
        await bob.Reservations.CreateReservationAsync(Catalogue.Booking(other.Name, start, TwoHours));
        await anses.Reservations.ApproveReservationAsync(new ApproveReservationRequest { RequestId = BiobankClient.NewRequestId(), Name = booked.Name });
        await bob.Reservations.RescheduleReservationAsync(new RescheduleReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = booked.Name, Interval = Catalogue.Slot(start.AddHours(3), TwoHours),
        });
        var cancelled = await bob.Reservations.CancelReservationAsync(new CancelReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = booked.Name, Reason = "Organoids did not grow",
        });

        var changes = await TakeAsync(watch, 4);

        changes.Select(c => c.Change).ShouldBe(["ReservationBooked", "ReservationApproved", "ReservationRescheduled", "ReservationCancelled"]);
        changes.Select(c => c.Reservation.State).ShouldBe(
            [ReservationState.PendingApproval, ReservationState.Confirmed, ReservationState.PendingApproval, ReservationState.Cancelled]);
        changes.Select(c => c.Reservation.Etag).ShouldBe(["1", "2", "3", "4"]);
        changes.ShouldAllBe(c => c.Reservation.Name == booked.Name && c.Reservation.BookedBy == "bob.tech");
        changes.Select(c => long.Parse(c.Position, System.Globalization.CultureInfo.InvariantCulture)).ShouldBeInOrder(SortDirection.Ascending);
        changes.Select(c => c.Position).Distinct().Count().ShouldBe(4);
        changes[0].Reservation.ShouldBe(booked);
        changes[2].Reservation.Interval.ShouldBe(Catalogue.Slot(start.AddHours(3), TwoHours));
        changes[3].Reservation.ShouldBe(cancelled);
        changes.ShouldAllBe(c => c.ChangeTime.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task A_watcher_that_reconnects_after_its_last_position_gets_exactly_the_changes_it_missed()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var first = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 4), TwoHours));
        string lastPosition;
        using (var watch = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart }))
        {
            var received = await NextAsync(watch);
            received.Reservation.Name.ShouldBe(first.Name);
            lastPosition = received.Position;
        }

        // Made while the watcher is away.
        var second = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 5), TwoHours));
        await alice.Reservations.CancelReservationAsync(new CancelReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = first.Name, Reason = "Moved to the other site",
        });

        using var resumed = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = lastPosition });
        var missed = await TakeAsync(resumed, 2);
        var third = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 6), TwoHours));
        var next = await NextAsync(resumed);

        missed.Select(c => (c.Reservation.Name, c.Change)).ShouldBe([(second.Name, "ReservationBooked"), (first.Name, "ReservationCancelled")]);
        missed[0].Position.ShouldNotBe(lastPosition);
        (next.Reservation.Name, next.Change).ShouldBe((third.Name, "ReservationBooked"));
    }

    [Fact]
    public async Task Without_a_position_a_watcher_gets_the_changes_from_now_on()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        var before = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 7), TwoHours));
        using (var history = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart }))
        {
            // Once a watcher from the start has it, the feed has moved past it.
            (await NextAsync(history)).Reservation.Name.ShouldBe(before.Name);
        }

        using var watch = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name });
        var next = watch.ResponseStream.MoveNext();
        var after = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 8), TwoHours));

        (await TakeAsync(watch, 1, next)).Single().Reservation.Name.ShouldBe(after.Name);
    }

    [Fact]
    public async Task An_organisation_watcher_sees_its_own_bookings_and_its_own_instruments_but_nothing_else()
    {
        var ansesConfocal = await server.RegisterConfocalAsync();
        var insermConfocal = await RegisterInsermConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        using var insermLims = server.ClientFor("lims.inserm", "inserm", Role.LabSystem);
        using var watch = Watch(insermLims, new WatchReservationsRequest { Organisation = "organisations/inserm", ResumeAfter = FromTheStart });
        var start = Catalogue.Ahead(days: 9);

        var unrelated = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(ansesConfocal.Name, start, TwoHours));
        var bookedByInserm = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(ansesConfocal.Name, start.AddHours(3), TwoHours));
        var onInsermInstrument = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(insermConfocal.Name, start, TwoHours));
        await alice.Reservations.CancelReservationAsync(new CancelReservationRequest
        {
            RequestId = BiobankClient.NewRequestId(), Name = unrelated.Name, Reason = "Not needed",
        });
        var last = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(insermConfocal.Name, start.AddHours(3), TwoHours));

        var changes = await TakeUntilAsync(watch, c => c.Reservation.Name == last.Name);

        var ours = new[] { bookedByInserm.Name, onInsermInstrument.Name, last.Name };
        changes.Where(c => ours.Contains(c.Reservation.Name)).Select(c => c.Reservation.Name).ShouldBe(ours);
        changes.ShouldNotContain(c => c.Reservation.Name == unrelated.Name);
        // Another organisation's booking is only there for being on an Inserm instrument, so in full.
        changes.ShouldAllBe(c => c.Reservation.Organisation == "organisations/inserm" || c.Reservation.BookedBy != "");
        changes.Single(c => c.Reservation.Name == onInsermInstrument.Name).Reservation.BookedBy.ShouldBe("alice.tech");
    }

    [Fact]
    public async Task Another_organisation_watching_an_instrument_sees_who_booked_it_only_as_an_organisation()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var bob = server.InsermTechnician();
        using var insermWatch = Watch(bob, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart });
        using var ansesWatch = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart });

        var booked = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 10), TwoHours));

        var seenByInserm = (await NextAsync(insermWatch)).Reservation;
        var seenByAnses = (await NextAsync(ansesWatch)).Reservation;
        seenByAnses.ShouldBe(booked);
        seenByInserm.Name.ShouldBe(booked.Name);
        seenByInserm.Interval.ShouldBe(booked.Interval);
        seenByInserm.Organisation.ShouldBe("organisations/anses");
        (seenByInserm.BookedBy, seenByInserm.Purpose, seenByInserm.Project).ShouldBe(("", "", ""));
    }

    [Fact]
    public async Task Watching_another_organisation_is_denied_except_to_auditors()
    {
        using var alice = server.AnsesTechnician();
        using var auditor = server.ClientFor("claire.audit", "anses", Role.Auditor);
        using var bob = server.InsermTechnician();
        var insermConfocal = await RegisterInsermConfocalAsync();

        var denied = await FailureAsync(alice, new WatchReservationsRequest { Organisation = "organisations/inserm" });
        using var audit = Watch(auditor, new WatchReservationsRequest { Organisation = "organisations/inserm", ResumeAfter = FromTheStart });
        var booked = await bob.Reservations.CreateReservationAsync(Catalogue.Booking(insermConfocal.Name, Catalogue.Ahead(days: 11), TwoHours));
        var audited = await TakeUntilAsync(audit, c => c.Reservation.Name == booked.Name);

        denied.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        denied.Reason().ShouldBe("ORGANISATION_MISMATCH");
        audited[^1].Reservation.ShouldBe(booked);
    }

    [Fact]
    public async Task Malformed_watches_name_every_bad_field_and_an_unknown_instrument_is_not_found()
    {
        using var alice = server.AnsesTechnician();
        var confocal = await server.RegisterConfocalAsync();

        var neither = await FailureAsync(alice, new WatchReservationsRequest());
        var both = await FailureAsync(alice, new WatchReservationsRequest { Equipment = confocal.Name, Organisation = "organisations/anses" });
        var malformed = await FailureAsync(alice, new WatchReservationsRequest { Equipment = "confocal-1", ResumeAfter = "-3" });
        var notAPosition = await FailureAsync(alice, new WatchReservationsRequest { Organisation = "anses", ResumeAfter = "yesterday" });
        var unknown = await FailureAsync(alice, new WatchReservationsRequest { Equipment = "equipment/no-such-confocal" });

        neither.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        neither.FieldViolations().Select(v => v.Field).Order().ShouldBe(["equipment", "organisation"]);
        both.FieldViolations().Select(v => v.Field).Order().ShouldBe(["equipment", "organisation"]);
        malformed.FieldViolations().Select(v => v.Field).Order().ShouldBe(["equipment", "resume_after"]);
        notAPosition.FieldViolations().Select(v => v.Field).Order().ShouldBe(["organisation", "resume_after"]);
        unknown.StatusCode.ShouldBe(StatusCode.NotFound);
        unknown.ErrorInfo()!.Metadata["name"].ShouldBe("equipment/no-such-confocal");
    }

    [Fact]
    public async Task A_change_that_commits_after_a_later_one_is_delivered_first_not_skipped()
    {
        // Two instruments: a booking holds its instrument's calendar until it commits, and the
        // quick one must commit while the slow one is still open. The watch follows both.
        var confocal = await server.RegisterConfocalAsync();
        var other = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var watch = Watch(alice, new WatchReservationsRequest { Organisation = "organisations/anses", ResumeAfter = FromTheStart });
        await using var slow = await SlowBookingAsync(other.Name, Catalogue.Ahead(days: 12));

        var quick = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 13), TwoHours));
        var reading = TakeUntilAsync(watch, c => c.Reservation.Name == quick.Name);
        var early = await Task.WhenAny(reading, Task.Delay(Withheld)) == reading;
        await slow.Transaction.CommitAsync();
        var changes = (await reading).Where(c => c.Reservation.Name == slow.Name || c.Reservation.Name == quick.Name).ToList();

        early.ShouldBeFalse("the quick booking came through while an earlier position was still uncommitted");
        changes.Select(c => c.Reservation.Name).ShouldBe([slow.Name, quick.Name]);
        long.Parse(changes[0].Position, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeLessThan(long.Parse(changes[1].Position, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_gap_left_by_a_rolled_back_transaction_is_passed()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        using var watch = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart });
        await using (var slow = await SlowBookingAsync(confocal.Name, Catalogue.Ahead(days: 14)))
        {
            await slow.Transaction.RollbackAsync();
        }

        var quick = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 15), TwoHours));
        var change = await NextAsync(watch);

        change.Reservation.Name.ShouldBe(quick.Name);
    }

    [Fact]
    public async Task A_stopping_server_ends_its_streams_and_the_watcher_resumes_on_another()
    {
        var confocal = await server.RegisterConfocalAsync();
        using var alice = server.AnsesTechnician();
        await using var second = await StartSecondServerAsync();
        ReservationChange received;
        bool more;
        using (var onSecond = new BiobankClient(new Uri(second.Urls.Single()), server.TokenFor(new Caller("alice.tech", "anses", new HashSet<string> { Role.Technician }))))
        using (var watch = Watch(onSecond, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = FromTheStart }))
        {
            await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 16), TwoHours));
            received = await NextAsync(watch);
            var next = watch.ResponseStream.MoveNext();
            await second.StopAsync().WaitAsync(Due);
            more = await next.WaitAsync(Due);
        }

        var later = await alice.Reservations.CreateReservationAsync(Catalogue.Booking(confocal.Name, Catalogue.Ahead(days: 17), TwoHours));
        using var resumed = Watch(alice, new WatchReservationsRequest { Equipment = confocal.Name, ResumeAfter = received.Position });

        more.ShouldBeFalse();
        (await NextAsync(resumed)).Reservation.Name.ShouldBe(later.Name);
    }

    private static AsyncServerStreamingCall<ReservationChange> Watch(BiobankClient client, WatchReservationsRequest request) =>
        client.Reservations.WatchReservations(request, deadline: DateTime.UtcNow.AddMinutes(1));

    private static async Task<ReservationChange> NextAsync(AsyncServerStreamingCall<ReservationChange> watch) =>
        (await TakeAsync(watch, 1)).Single();

    /// <summary>The next <paramref name="count"/> changes, starting with a read already under way.</summary>
    private static async Task<List<ReservationChange>> TakeAsync(
        AsyncServerStreamingCall<ReservationChange> watch, int count, Task<bool>? pending = null)
    {
        var changes = new List<ReservationChange>();
        while (changes.Count < count)
        {
            var next = pending ?? watch.ResponseStream.MoveNext();
            pending = null;
            (await next.WaitAsync(Due)).ShouldBeTrue("the stream ended");
            changes.Add(watch.ResponseStream.Current);
        }

        return changes;
    }

    private static async Task<List<ReservationChange>> TakeUntilAsync(
        AsyncServerStreamingCall<ReservationChange> watch, Func<ReservationChange, bool> last)
    {
        var changes = new List<ReservationChange>();
        while (changes.Count == 0 || !last(changes[^1]))
        {
            changes.Add((await TakeAsync(watch, 1)).Single());
        }

        return changes;
    }

    private static async Task<RpcException> FailureAsync(BiobankClient client, WatchReservationsRequest request)
    {
        using var watch = Watch(client, request);
        return await Should.ThrowAsync<RpcException>(watch.ResponseStream.MoveNext().WaitAsync(Due));
    }

    private async Task<Biobank.V1.Equipment> RegisterInsermConfocalAsync()
    {
        using var manager = server.InsermManager();
        return await manager.RegisterAsync("Leica Stellaris confocal", EquipmentKind.ConfocalMicroscope, "sites/inserm-paris-cochin");
    }

    /// <summary>
    /// A booking appended but not committed: its transaction holds a sequence number below those of
    /// bookings made meanwhile, as a slow writer's would.
    /// </summary>
    private async Task<SlowBooking> SlowBookingAsync(string equipment, DateTimeOffset start)
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        var name = $"reservations/{Guid.CreateVersion7()}";
        await using (var session = server.Service<IDocumentStore>().LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction)))
        {
            session.Events.StartStream<Domain.Reservations.Reservation>(name, new Booked(
                name, equipment, "anses", "alice.tech", "anses", new DomainInterval(start, start + TwoHours), TimeSpan.Zero,
                TimeSpan.FromMinutes(15), "Imaging of infected organoids", "AMR-2026", null, false, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        return new SlowBooking(name, connection, transaction);
    }

    private async Task<WebApplication> StartSecondServerAsync()
    {
        var app = BiobankApplication.Build([], server.ConnectionString, builder =>
        {
            builder.Configuration["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0";
            builder.Configuration["Biobank:DataDirectory"] = server.App.Configuration["Biobank:DataDirectory"];
        });
        await app.StartAsync();
        return app;
    }

    private sealed record SlowBooking(string Name, NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
