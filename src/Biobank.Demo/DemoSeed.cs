using System.Collections.Concurrent;
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

namespace Biobank.Demo;

/// <summary>
/// Fills a Biobank with the <see cref="DemoCatalogue"/> through its public gRPC API, as the
/// institutes' people would: facility managers register instruments, grant qualifications and
/// schedule maintenance; technicians and LIMS book the coming week; a manager approves a booking;
/// biobank managers set up a freezer and record consents, and technicians register, place and split samples;
/// Anses ships samples to Inserm under an agreement (one shipment received, one with the carrier) and
/// lends an instrument to La Réunion.
/// Every mutation has a request id derived from what it does (and, for bookings, the date), and
/// names the resources it creates, so a second run on the same day is answered from the request log
/// and changes nothing; a run on a later day adds the days that came into view.
/// </summary>
public static class DemoSeed
{
    /// <summary>Bookings are made for the days from tomorrow up to this many days ahead.</summary>
    public const int DaysAhead = 7;

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Sample registrations in flight at once: no batch RPC exists, and each takes a round trip.</summary>
    private const int ParallelRegistrations = 4;

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

        var storageUnits = 0;
        foreach (var freezer in DemoCatalogue.Freezers)
        {
            storageUnits += await run.CreateFreezerAsync(freezer);
        }

        var consents = await run.RecordConsentsAsync(DemoCatalogue.Consents);
        await run.RegisterSamplesAsync(DemoCatalogue.Samples, consents);
        var aliquots = 0;
        foreach (var aliquoting in DemoCatalogue.Aliquotings)
        {
            aliquots += await run.AliquotAsync(aliquoting);
        }

        var agreement = await run.RegisterAgreementAsync(DemoCatalogue.Agreement);
        var shipments = new List<V1.Transfer>();
        foreach (var shipment in DemoCatalogue.Shipments)
        {
            shipments.Add(await run.ShipAsync(shipment, agreement));
        }

        var loan = await run.LendAsync(DemoCatalogue.Loan);

        return new DemoSeedSummary(
            instruments.Count,
            DemoCatalogue.Qualifications.Count,
            booked.Count,
            booked.Count(r => r.State == V1.ReservationState.PendingApproval),
            approved,
            skipped,
            maintenance,
            storageUnits,
            consents.Count,
            DemoCatalogue.Samples.Count + aliquots,
            aliquots,
            shipments.Count(t => t.State == V1.TransferState.Received),
            shipments.Where(t => t.State == V1.TransferState.Dispatched).Sum(t => t.Items.Count),
            loan.Name);
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
        private readonly ConcurrentDictionary<string, CallInvoker> _invokers = new(StringComparer.Ordinal);

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

        /// <summary>Creates the freezer, its racks and their boxes; returns how many units it holds, itself included.</summary>
        public async Task<int> CreateFreezerAsync(DemoFreezer freezer)
        {
            var units = 0;
            await CreateUnitAsync(freezer.Manager, freezer.Id, new V1.StorageUnit
            {
                DisplayName = freezer.DisplayName,
                Kind = V1.StorageUnitKind.Freezer,
                Site = $"sites/{freezer.Site}",
                TemperatureBand = V1.TemperatureBand.Minus80,
            });
            units++;
            for (var rack = 1; rack <= freezer.Racks; rack++)
            {
                await CreateUnitAsync(freezer.Manager, freezer.RackId(rack), new V1.StorageUnit
                {
                    DisplayName = $"Rack {rack}",
                    Kind = V1.StorageUnitKind.Rack,
                    Parent = $"storageUnits/{freezer.Id}",
                });
                units++;
            }

            foreach (var (box, i) in freezer.Boxes.Select((b, i) => (b, i)))
            {
                await CreateUnitAsync(freezer.Manager, box, new V1.StorageUnit
                {
                    DisplayName = $"Box {(i % freezer.BoxesPerRack) + 1} of rack {(i / freezer.BoxesPerRack) + 1}",
                    Kind = V1.StorageUnitKind.Box,
                    Parent = $"storageUnits/{freezer.RackId((i / freezer.BoxesPerRack) + 1)}",
                    Rows = DemoFreezer.BoxRows,
                    Columns = DemoFreezer.BoxColumns,
                });
                units++;
            }

            return units;
        }

        /// <summary>Records the consents; returns each consent's name by organisation, collection and donor.</summary>
        public async Task<IReadOnlyDictionary<(string Organisation, string Collection, string Donor), string>> RecordConsentsAsync(IReadOnlyList<DemoConsent> consents)
        {
            var names = new ConcurrentDictionary<(string, string, string), string>();
            await Parallel.ForEachAsync(consents, Parallelism(), async (consent, ct) =>
            {
                var recorded = await Consents(consent.RecordedBy).RecordConsentAsync(new V1.RecordConsentRequest
                {
                    RequestId = RequestId($"consent/{consent.RecordedBy.Organisation}/{consent.Collection}/{consent.Donor}"),
                    Consent = new V1.Consent
                    {
                        DonorPseudonym = consent.Donor,
                        Collection = consent.Collection,
                        DocumentVersion = consent.DocumentVersion,
                        PermittedUses = { consent.Uses },
                    },
                }, deadline: Deadline(), cancellationToken: ct);
                names[(consent.RecordedBy.Organisation, consent.Collection, consent.Donor)] = recorded.Name;
            });
            return names;
        }

        /// <summary>Registers the samples in their box positions, a human sample with its donor's consent as reference.</summary>
        public Task RegisterSamplesAsync(
            IReadOnlyList<DemoSample> samples, IReadOnlyDictionary<(string Organisation, string Collection, string Donor), string> consents) =>
            Parallel.ForEachAsync(samples, Parallelism(), async (demo, ct) =>
            {
                var sample = demo.Sample.Clone();
                if (sample.SourceKind == V1.SourceKind.Human)
                {
                    sample.ConsentReference = consents[(demo.Registrar.Organisation, sample.Collection, sample.DonorPseudonym)];
                }

                var client = Samples(demo.Registrar);
                try
                {
                    await client.RegisterSampleAsync(new V1.RegisterSampleRequest
                    {
                        RequestId = RequestId($"sample/{demo.Id}"),
                        SampleId = demo.Id,
                        Sample = sample,
                    }, deadline: Deadline(), cancellationToken: ct);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || Reason(e) == ErrorReasons.RequestIdReused)
                {
                    // Registered by an earlier version of the catalogue: kept as it is.
                }
            });

        /// <summary>Splits a sample into its placed aliquots; returns how many aliquots it has.</summary>
        public async Task<int> AliquotAsync(DemoAliquoting aliquoting)
        {
            var name = $"samples/{aliquoting.Parent}";
            try
            {
                var response = await Samples(aliquoting.By).AliquotSampleAsync(new V1.AliquotSampleRequest
                {
                    RequestId = RequestId($"aliquots/{aliquoting.Parent}"),
                    Name = name,
                    Aliquots = { aliquoting.Aliquots },
                }, deadline: Deadline(), cancellationToken: cancellationToken);
                return response.Aliquots.Count;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || Reason(e) == ErrorReasons.RequestIdReused)
            {
                // Split by an earlier version of the catalogue: its aliquots are counted as they are.
                var lineage = await Samples(aliquoting.By).GetSampleLineageAsync(
                    new V1.GetSampleLineageRequest { Name = name }, deadline: Deadline(), cancellationToken: cancellationToken);
                return lineage.Descendants.Count(d => d.Parent == name);
            }
        }

        public async Task<V1.Agreement> RegisterAgreementAsync(DemoAgreement agreement)
        {
            var agreements = new V1.AgreementService.AgreementServiceClient(Invoker(agreement.RecordedBy));
            try
            {
                return await agreements.RegisterAgreementAsync(new V1.RegisterAgreementRequest
                {
                    RequestId = RequestId($"agreement/{agreement.Id}"),
                    AgreementId = agreement.Id,
                    Agreement = new V1.Agreement
                    {
                        ProviderOrganisation = $"organisations/{agreement.Provider}",
                        RecipientOrganisation = $"organisations/{agreement.Recipient}",
                        PermittedPurposes = { agreement.Purposes },
                        MaterialTypes = { agreement.Materials },
                        SourceKinds = { agreement.Sources },
                        Validity = Interval(agreement.ValidFrom, agreement.ValidUntil - agreement.ValidFrom),
                        ExternalReference = agreement.ExternalReference,
                        AccessAndBenefitSharingReference = agreement.AccessAndBenefitSharingReference,
                    },
                }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || Reason(e) == ErrorReasons.RequestIdReused)
            {
                // Registered by an earlier version of the catalogue: the shipments go under it as it is.
                return await agreements.GetAgreementAsync(
                    new V1.GetAgreementRequest { Name = $"agreements/{agreement.Id}" }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
        }

        /// <summary>Requests, approves and dispatches a shipment, and receives it when the catalogue says it arrived.</summary>
        public async Task<V1.Transfer> ShipAsync(DemoShipment shipment, V1.Agreement agreement)
        {
            var request = new V1.Transfer
            {
                FromSite = $"sites/{shipment.FromSite}",
                ToSite = $"sites/{shipment.ToSite}",
                Purpose = shipment.Purpose,
                Project = shipment.Project,
                Agreement = agreement.Name,
                Items = { shipment.Samples.Select(s => new V1.TransferItem { Item = $"samples/{s}" }) },
            };
            var shipped = await MoveAsync(shipment.Id, shipment.RequestedBy, DemoCatalogue.AnsesBiobankManager, request, new V1.Shipment
            {
                Carrier = shipment.Carrier,
                TrackingNumber = $"{shipment.Carrier[..2].ToUpperInvariant()}-{RequestId(shipment.Id)[..8]}",
                Packaging = shipment.Packaging,
                DryIceKilograms = 5,
                TemperatureLoggerId = $"LOG-{RequestId($"{shipment.Id}/logger")[..6]}",
                SealIds = { $"SEAL-{RequestId($"{shipment.Id}/seal")[..6]}" },
            });
            return shipment.ReceivedInto is { } positions
                ? await ReceiveAsync(shipped, shipment.RequestedBy, shipment.Samples.Zip(positions, (s, p) => new V1.ItemReceipt
                {
                    Item = $"samples/{s}", Condition = V1.ItemCondition.Good, StoragePosition = p,
                }))
                : shipped;
        }

        /// <summary>
        /// Lends the instrument for the coming <see cref="DemoLoan.LoanDays"/> days, unless it is
        /// already away: a loan asked for on the day of the run, approved, dispatched and received.
        /// </summary>
        public async Task<V1.Transfer> LendAsync(DemoLoan loan)
        {
            var instrument = await Equipment(loan.Lender).GetEquipmentAsync(
                new V1.GetEquipmentRequest { Name = $"equipment/{loan.Equipment}" }, deadline: Deadline(), cancellationToken: cancellationToken);
            if (instrument.Loan != "" || instrument.Transfer != "")
            {
                return await Transfers(loan.Lender).GetTransferAsync(
                    new V1.GetTransferRequest { Name = instrument.Loan == "" ? instrument.Transfer : instrument.Loan }, deadline: Deadline(), cancellationToken: cancellationToken);
            }

            var today = Dates().First().AddDays(-1);
            var request = new V1.Transfer
            {
                FromSite = instrument.Site,
                ToSite = $"sites/{loan.ToSite}",
                Purpose = V1.PermittedUse.GeneralResearch,
                Project = loan.Project,
                ExpectedReturnTime = Timestamp.FromDateTimeOffset(LocalTime(today.AddDays(loan.LoanDays), new TimeOnly(12, 0), instrument.TimeZone)),
                Items = { new V1.TransferItem { Item = instrument.Name } },
            };
            var shipped = await MoveAsync($"{loan.Id}-{Day(today)}", loan.Borrower, loan.Lender, request, new V1.Shipment
            {
                Carrier = loan.Carrier, Packaging = V1.Packaging.NotRegulated, TrackingNumber = $"AF-{RequestId($"{loan.Id}/{Day(today)}")[..8]}",
            });
            return await ReceiveAsync(shipped, loan.Borrower, [new V1.ItemReceipt { Item = instrument.Name, Condition = V1.ItemCondition.Good }]);
        }

        /// <summary>A transfer asked for by <paramref name="requester"/>, then approved and handed to the carrier by <paramref name="sender"/>.</summary>
        private async Task<V1.Transfer> MoveAsync(string id, Caller requester, Caller sender, V1.Transfer request, V1.Shipment shipment)
        {
            var name = $"transfers/{id}";
            var transfer = await Transfers(requester).RequestTransferAsync(
                new V1.RequestTransferRequest { RequestId = RequestId($"transfer/{id}"), TransferId = id, Transfer = request },
                deadline: Deadline(), cancellationToken: cancellationToken);
            await Transfers(sender).ApproveTransferAsync(
                new V1.ApproveTransferRequest { RequestId = RequestId($"transfer/{id}/approval"), Name = name }, deadline: Deadline(), cancellationToken: cancellationToken);
            return await Transfers(sender).DispatchTransferAsync(
                new V1.DispatchTransferRequest { RequestId = RequestId($"transfer/{id}/dispatch"), Name = transfer.Name, Shipment = shipment },
                deadline: Deadline(), cancellationToken: cancellationToken);
        }

        private async Task<V1.Transfer> ReceiveAsync(V1.Transfer transfer, Caller receiver, IEnumerable<V1.ItemReceipt> receipts) =>
            await Transfers(receiver).ReceiveTransferAsync(
                new V1.ReceiveTransferRequest { RequestId = RequestId($"{transfer.Name}/receipt"), Name = transfer.Name, Receipts = { receipts } },
                deadline: Deadline(), cancellationToken: cancellationToken);

        private async Task CreateUnitAsync(Caller manager, string id, V1.StorageUnit unit)
        {
            var storage = new V1.StorageService.StorageServiceClient(Invoker(manager));
            try
            {
                await storage.CreateStorageUnitAsync(new V1.CreateStorageUnitRequest
                {
                    RequestId = RequestId($"storage-unit/{id}"),
                    StorageUnitId = id,
                    StorageUnit = unit,
                }, deadline: Deadline(), cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists || Reason(e) == ErrorReasons.RequestIdReused)
            {
                // Created by an earlier version of the catalogue or by hand: the demo fills it as it is.
            }
        }

        private ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = ParallelRegistrations, CancellationToken = cancellationToken };

        private V1.EquipmentService.EquipmentServiceClient Equipment(Caller caller) => new(Invoker(caller));

        private V1.ConsentService.ConsentServiceClient Consents(Caller caller) => new(Invoker(caller));

        private V1.SampleService.SampleServiceClient Samples(Caller caller) => new(Invoker(caller));

        private V1.ReservationService.ReservationServiceClient Reservations(Caller caller) => new(Invoker(caller));

        private V1.TransferService.TransferServiceClient Transfers(Caller caller) => new(Invoker(caller));

        private CallInvoker Invoker(Caller caller)
        {
            return _invokers.GetOrAdd($"{caller.Organisation}/{caller.Subject}", _ =>
            {
                var authorization = $"Bearer {tokenFor(caller)}";
                return channel.Intercept(metadata =>
                {
                    metadata.Add("authorization", authorization);
                    return metadata;
                });
            });
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
    V1.MaintenanceWindow Maintenance, int StorageUnits, int Consents, int Samples, int Aliquots, int ShipmentsReceived, int SamplesInTransit,
    string Loan)
{
    public override string ToString() =>
        $"Demo data: {Instruments} instruments, {Qualifications} qualifications, " +
        $"{Reservations} reservations in the next {DemoSeed.DaysAhead} days ({PendingApproval} pending approval, {Approved} approved by the owner), " +
        $"{SkippedSlots} slots skipped (taken or too soon); maintenance from {Maintenance.Interval.StartTime.ToDateTimeOffset():u} to {Maintenance.Interval.EndTime.ToDateTimeOffset():u}; " +
        $"{StorageUnits} storage units, {Consents} consents, {Samples} samples ({Aliquots} of them aliquots); " +
        $"{ShipmentsReceived} shipment received by the partner, {SamplesInTransit} samples with a carrier, an instrument on loan ({Loan}).";
}
