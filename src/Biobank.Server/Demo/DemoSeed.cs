using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Biobank.Domain.Access;
using Biobank.Domain.Failures;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using V1 = Biobank.V1;

namespace Biobank.Server.Demo;

/// <summary>
/// Fills a Biobank with the <see cref="DemoCatalogue"/> through its public gRPC API, as the
/// institutes' people would: facility managers register instruments, grant qualifications and
/// schedule maintenance; technicians and LIMS book the coming week; a manager approves a booking.
/// Every mutation has a request id derived from what it does (and, for bookings, the date), and
/// names the resources it creates, so a second run on the same day is answered from the request log
/// and changes nothing; a run on a later day adds the days that came into view.
/// </summary>
public static class DemoSeed
{
    /// <summary>Bookings are made for the days from tomorrow up to this many days ahead.</summary>
    public const int DaysAhead = 7;

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Seeds the server at <paramref name="address"/>. <paramref name="tokenFor"/> mints a bearer token
    /// for each demo person; <paramref name="clock"/> says what "now" is, for the week to book.
    /// </summary>
    public static async Task<DemoSeedSummary> RunAsync(
        Uri address, Func<Caller, string> tokenFor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenFor);
        ArgumentNullException.ThrowIfNull(clock);
        using var channel = GrpcChannel.ForAddress(address);
        var run = new Run(channel, tokenFor, clock.GetUtcNow(), cancellationToken);

        var instruments = new Dictionary<string, V1.Equipment>(StringComparer.Ordinal);
        foreach (var instrument in DemoCatalogue.Instruments)
        {
            instruments[instrument.Id] = await run.RegisterAsync(instrument);
        }

        foreach (var qualification in DemoCatalogue.Qualifications)
        {
            await run.GrantAsync(qualification);
        }

        var maintenance = await run.ScheduleMaintenanceAsync(DemoCatalogue.Maintenance);

        var booked = new List<V1.Reservation>();
        var (skipped, approved) = (0, 0);
        foreach (var (date, booking) in run.Dates().SelectMany(d => DemoCatalogue.Week.Where(b => b.Day == d.DayOfWeek).Select(b => (d, b))))
        {
            var reservation = await run.BookAsync(date, booking, instruments[booking.Equipment]);
            if (reservation is null)
            {
                skipped++;
            }
            else if (booking.ApprovedByOwner)
            {
                var decided = await run.ApproveAsync(reservation, instruments[booking.Equipment]);
                approved += decided.State == V1.ReservationState.Confirmed ? 1 : 0;
                booked.Add(decided);
            }
            else
            {
                booked.Add(reservation);
            }
        }

        return new DemoSeedSummary(
            instruments.Count,
            DemoCatalogue.Qualifications.Count,
            booked.Count,
            booked.Count(r => r.State == V1.ReservationState.PendingApproval),
            approved,
            skipped,
            maintenance);
    }

    /// <summary>
    /// A name-based UUID (version 8, SHA-256, as RFC 9562 suggests) of <paramref name="key"/>: the same
    /// demo step always sends the same request id.
    /// </summary>
    public static string RequestId(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"biobank-demo-seed/{key}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>One seed run: its channel, the time it started, and a client per demo person.</summary>
    private sealed class Run(GrpcChannel channel, Func<Caller, string> tokenFor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        private readonly TimeZoneInfo _home = TimeZoneInfo.FindSystemTimeZoneById(DemoCatalogue.HomeTimeZone);
        private readonly Dictionary<string, CallInvoker> _invokers = new(StringComparer.Ordinal);

        /// <summary>The dates to book, from tomorrow on, as calendar dates of the home time zone.</summary>
        public IEnumerable<DateOnly> Dates()
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _home).DateTime);
            return Enumerable.Range(1, DaysAhead).Select(today.AddDays);
        }

        public async Task<V1.Equipment> RegisterAsync(DemoInstrument instrument)
        {
            var equipment = Equipment(instrument.Manager);
            try
            {
                return await equipment.RegisterEquipmentAsync(new V1.RegisterEquipmentRequest
                {
                    RequestId = RequestId($"equipment/{instrument.Id}"),
                    EquipmentId = instrument.Id,
                    Equipment = new V1.Equipment
                    {
                        DisplayName = instrument.DisplayName,
                        Kind = instrument.Kind,
                        Site = $"sites/{instrument.Site}",
                        BookingRules = instrument.Rules,
                    },
                }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || Reason(e) == ErrorReasons.RequestIdReused)
            {
                // Registered by an earlier version of the catalogue or by hand: the demo books it as it is.
                return await equipment.GetEquipmentAsync(
                    new V1.GetEquipmentRequest { Name = $"equipment/{instrument.Id}" }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
        }

        public async Task GrantAsync(DemoQualification qualification) =>
            await Equipment(qualification.GrantedBy).GrantQualificationAsync(new V1.GrantQualificationRequest
            {
                RequestId = RequestId($"qualification/{qualification.Key}"),
                Qualification = new V1.Qualification
                {
                    Person = qualification.Person.Subject,
                    PersonOrganisation = $"organisations/{qualification.Person.Organisation}",
                    Equipment = qualification.Equipment is null ? "" : $"equipment/{qualification.Equipment}",
                    EquipmentKind = qualification.Kind,
                },
            }, deadline: Deadline(), cancellationToken: cancellationToken);

        /// <summary>
        /// Schedules the demo's maintenance on its next weekday to come, unless the instrument still
        /// has a window ahead: one window at a time however often the seed runs.
        /// </summary>
        public async Task<V1.MaintenanceWindow> ScheduleMaintenanceAsync(DemoMaintenance maintenance)
        {
            var instrument = DemoCatalogue.Instruments.Single(i => i.Id == maintenance.Equipment);
            var equipment = Equipment(instrument.Manager);
            var name = $"equipment/{instrument.Id}";
            var current = await equipment.GetEquipmentAsync(new V1.GetEquipmentRequest { Name = name }, deadline: Deadline(), cancellationToken: cancellationToken);
            if (current.MaintenanceWindows.FirstOrDefault(w => w.Interval.EndTime.ToDateTimeOffset() > now) is { } ahead)
            {
                return ahead;
            }

            var date = Dates().First(d => d.DayOfWeek == maintenance.Day);
            var start = LocalTime(date, maintenance.Start, current.TimeZone);
            var response = await equipment.ScheduleMaintenanceAsync(new V1.ScheduleMaintenanceRequest
            {
                RequestId = RequestId($"maintenance/{instrument.Id}/{Day(date)}"),
                Name = name,
                Interval = Interval(start, maintenance.Length),
                Reason = maintenance.Reason,
            }, deadline: Deadline(), cancellationToken: cancellationToken);
            return response.Maintenance;
        }

        /// <summary>
        /// Books one reservation of the week, or returns null when its slot cannot be had: taken (by
        /// the maintenance window or someone else), or too soon for the instrument's notice.
        /// </summary>
        public async Task<V1.Reservation?> BookAsync(DateOnly date, DemoBooking booking, V1.Equipment instrument)
        {
            var start = LocalTime(date, booking.Start, instrument.TimeZone);
            if (start < now + instrument.BookingRules.MinimumNotice.ToTimeSpan())
            {
                return null;
            }

            var reservationId = $"demo-{Day(date)}-{booking.Key}";
            try
            {
                return await Reservations(booking.Booker).CreateReservationAsync(new V1.CreateReservationRequest
                {
                    RequestId = RequestId($"reservation/{reservationId}"),
                    ReservationId = reservationId,
                    Reservation = new V1.Reservation
                    {
                        Equipment = instrument.Name,
                        Interval = Interval(start, booking.Length),
                        Purpose = booking.Purpose,
                        Project = booking.Project,
                    },
                }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (Reason(e) is ErrorReasons.SlotUnavailable or ErrorReasons.InsufficientNotice or ErrorReasons.OutsideBookingHorizon)
            {
                return null;
            }
        }

        /// <summary>The owning organisation's facility manager approves a booking waiting for approval.</summary>
        public async Task<V1.Reservation> ApproveAsync(V1.Reservation reservation, V1.Equipment instrument)
        {
            if (reservation.State != V1.ReservationState.PendingApproval)
            {
                return reservation;
            }

            var owner = DemoCatalogue.Instruments.Single(i => i.Id == instrument.Name["equipment/".Length..]).Manager;
            try
            {
                return await Reservations(owner).ApproveReservationAsync(new V1.ApproveReservationRequest
                {
                    RequestId = RequestId($"approval/{reservation.Name}"),
                    Name = reservation.Name,
                }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (Reason(e) == ErrorReasons.InvalidStateTransition)
            {
                // Approved, rejected or cancelled by someone since the seed first booked it.
                return await Reservations(owner).GetReservationAsync(
                    new V1.GetReservationRequest { Name = reservation.Name }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
        }

        private V1.EquipmentService.EquipmentServiceClient Equipment(Caller caller) => new(Invoker(caller));

        private V1.ReservationService.ReservationServiceClient Reservations(Caller caller) => new(Invoker(caller));

        private CallInvoker Invoker(Caller caller)
        {
            var key = $"{caller.Organisation}/{caller.Subject}";
            if (!_invokers.TryGetValue(key, out var invoker))
            {
                var authorization = $"Bearer {tokenFor(caller)}";
                invoker = channel.Intercept(metadata =>
                {
                    metadata.Add("authorization", authorization);
                    return metadata;
                });
                _invokers[key] = invoker;
            }

            return invoker;
        }

        private static DateTimeOffset LocalTime(DateOnly date, TimeOnly time, string timeZone)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            var local = date.ToDateTime(time, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        private static V1.TimeInterval Interval(DateTimeOffset start, TimeSpan length) => new()
        {
            StartTime = Timestamp.FromDateTimeOffset(start),
            EndTime = Timestamp.FromDateTimeOffset(start + length),
        };

        private static string Day(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        private static DateTime Deadline() => DateTime.UtcNow.Add(CallDeadline);

        private static string? Reason(RpcException e) => e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
    }
}

/// <summary>What the demo catalogue holds after a seed run.</summary>
public sealed record DemoSeedSummary(
    int Instruments, int Qualifications, int Reservations, int PendingApproval, int Approved, int SkippedSlots,
    V1.MaintenanceWindow Maintenance)
{
    public override string ToString() =>
        $"Demo data: {Instruments} instruments, {Qualifications} qualifications, " +
        $"{Reservations} reservations in the next {DemoSeed.DaysAhead} days ({PendingApproval} pending approval, {Approved} approved by the owner), " +
        $"{SkippedSlots} slots skipped (taken or too soon); maintenance from {Maintenance.Interval.StartTime.ToDateTimeOffset():u} to {Maintenance.Interval.EndTime.ToDateTimeOffset():u}.";
}
