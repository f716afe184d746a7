using Biobank.Domain;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.EventStore;
using Biobank.Server.Partners;
using Biobank.Server.Reservations;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using V1 = Biobank.V1;

namespace Biobank.Server.Equipment;

/// <summary>biobank.v1.EquipmentService: maps requests to instrument and qualification commands, and their state to messages.</summary>
public sealed class EquipmentService(EventWriter writer, IQuerySession query, IOptions<DirectoryOptions> directory, TimeProvider clock)
    : V1.EquipmentService.EquipmentServiceBase
{
    public const string Collection = "equipment";
    private const string QualificationsCollection = "qualifications";

    public override Task<V1.Equipment> RegisterEquipment(V1.RegisterEquipmentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.EquipmentId, Collection, "equipment_id");
        var equipment = request.Equipment ?? new V1.Equipment();
        if (request.Equipment is null)
        {
            checks.Add("equipment", "is required");
        }

        var displayName = checks.Required(equipment.DisplayName, "equipment.display_name");
        var kind = (EquipmentKind)checks.Enum(equipment.Kind, "equipment.kind");
        var site = directory.Value.ReadSite(equipment.Site, "equipment.site", checks);
        var rules = EquipmentMapping.Read(equipment.BookingRules, "equipment.booking_rules", checks);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.CreateAsync(name, (Instrument? current) => EquipmentDecider.Decide(
                new EquipmentDecider.Register(scope.Caller, scope.Now, name, displayName, kind, site!.Id, site.Organisation, site.TimeZone, rules),
                current));
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override async Task<V1.Equipment> GetEquipment(V1.GetEquipmentRequest request, ServerCallContext context)
    {
        ResourceNames.ParseId(request.Name, Collection, "name");
        return (await query.LoadAsync<Instrument>(request.Name, context.CancellationToken) ?? throw new ResourceNotFoundException(request.Name)).ToApi();
    }

    public override async Task<V1.ListEquipmentResponse> ListEquipment(V1.ListEquipmentRequest request, ServerCallContext context)
    {
        var organisation = request.Organisation == "" ? null : ResourceNames.ParseOrganisation(request.Organisation, "organisation");
        var site = request.Site == "" ? null : ResourceNames.ParseSite(request.Site, "site");
        var kind = (EquipmentKind)request.Kind;
        var status = (EquipmentStatus)request.Status;
        var text = request.Text.Trim();

        IQueryable<Instrument> instruments = query.Query<Instrument>();
        if (organisation is not null)
        {
            instruments = instruments.Where(x => x.OwnerOrganisation == organisation);
        }

        if (site is not null)
        {
            instruments = instruments.Where(x => x.Site == site);
        }

        if (kind != EquipmentKind.Unspecified)
        {
            instruments = instruments.Where(x => x.Kind == kind);
        }

        if (status != EquipmentStatus.Unspecified)
        {
            instruments = instruments.Where(x => x.Status == status);
        }

        if (text != "")
        {
            instruments = instruments.Where(x => x.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        var page = await Paging.PageAsync(
            instruments, Keyset.ByName<Instrument>(x => x.Id),
            new PageRequest(request.PageSize, request.PageToken, Collection, PageRequest.FilterOf(organisation, site, kind, status, text)),
            context.CancellationToken);
        var response = new V1.ListEquipmentResponse { NextPageToken = page.NextPageToken };
        response.Equipment.Add(page.Items.Select(i => i.ToApi()));
        return response;
    }

    public override Task<V1.Equipment> UpdateBookingRules(V1.UpdateBookingRulesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        if (request.BookingRules is null)
        {
            checks.Add("booking_rules", "is required");
        }

        var rules = EquipmentMapping.Read(request.BookingRules, "booking_rules", checks);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new EquipmentDecider.UpdateRules(scope.Caller, scope.Now, rules), context);
    }

    public override Task<V1.ScheduleMaintenanceResponse> ScheduleMaintenance(V1.ScheduleMaintenanceRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var interval = checks.Interval(request.Interval, "interval");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            // The overlap counts the buffer after a booking, as booking next to maintenance does.
            var overlapping = (await EquipmentCalendar.OverlappingAsync(scope.Session, name, interval, scope.CancellationToken))
                .Where(e => e.Kind == CalendarEntryKind.Reservation)
                .Select(e => e.EntryId)
                .ToList();
            var reservations = new List<Reservation>();
            foreach (var reservation in overlapping)
            {
                reservations.Add(request.CancelOverlappingReservations
                    ? await scope.DecideExistingAsync(reservation, (Reservation current) => ReservationDecider.Decide(
                        new ReservationDecider.CancelIfOpen(scope.Caller, scope.Now, $"Maintenance: {reason}"), current))
                    : await scope.LoadExistingAsync<Reservation>(reservation));
            }

            var maintenanceId = Guid.CreateVersion7().ToString();
            var command = new EquipmentDecider.ScheduleMaintenance(
                scope.Caller, scope.Now, maintenanceId, interval, reason, request.CancelOverlappingReservations, reservations);
            var instrument = await scope.DecideExistingAsync(name, (Instrument current) => EquipmentDecider.Decide(command, current), request.Etag);
            var response = new V1.ScheduleMaintenanceResponse
            {
                Equipment = instrument.ToApi(),
                Maintenance = instrument.Maintenance.Single(m => m.MaintenanceId == maintenanceId).ToApi(),
                OverlappingReservationsCancelled = overlapping.Count > 0 && EquipmentDecider.IsExclusive(command),
            };
            response.OverlappingReservations.Add(overlapping);
            return response;
        }, context.CancellationToken);
    }

    public override Task<V1.Equipment> CancelMaintenance(V1.CancelMaintenanceRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var maintenanceId = checks.Required(request.MaintenanceId, "maintenance_id", 64);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(
            request, request.RequestId, name, request.Etag, scope => new EquipmentDecider.CancelMaintenance(scope.Caller, scope.Now, maintenanceId, reason), context);
    }

    public override Task<V1.Equipment> SetEquipmentStatus(V1.SetEquipmentStatusRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        if (request.Status is not (V1.EquipmentStatus.InService or V1.EquipmentStatus.OutOfService))
        {
            checks.Add("status", "must be IN_SERVICE or OUT_OF_SERVICE (RetireEquipment retires)");
        }

        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(
            request, request.RequestId, name, request.Etag, scope => new EquipmentDecider.SetStatus(scope.Caller, scope.Now, (EquipmentStatus)request.Status, reason), context);
    }

    public override Task<V1.Equipment> RetireEquipment(V1.RetireEquipmentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, Collection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideAsync(request, request.RequestId, name, request.Etag, scope => new EquipmentDecider.Retire(scope.Caller, scope.Now, reason), context);
    }

    public override Task<V1.Qualification> GrantQualification(V1.GrantQualificationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var grant = request.Qualification ?? new V1.Qualification();
        var person = checks.Required(grant.Person, "qualification.person");
        var personOrganisation = checks.Name(grant.PersonOrganisation, ResourceNames.OrganisationsCollection, "qualification.person_organisation");
        var equipment = grant.Equipment == "" ? null : checks.Name(grant.Equipment, Collection, "qualification.equipment");
        if ((equipment is null) == (grant.EquipmentKind == V1.EquipmentKind.Unspecified))
        {
            checks.Add("qualification.equipment", "exactly one of equipment or equipment_kind is required");
        }

        DateTimeOffset? expiry = grant.ExpireTime is null ? null : checks.Time(grant.ExpireTime, "qualification.expire_time");
        if (expiry <= clock.GetUtcNow())
        {
            checks.Add("qualification.expire_time", "must be in the future");
        }

        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var instrument = equipment is null ? null : await scope.LoadExistingAsync<Instrument>(equipment);
            var name = $"{QualificationsCollection}/{Guid.CreateVersion7()}";
            var state = await scope.CreateAsync(name, (Qualification? current) => QualificationDecider.Decide(
                new QualificationDecider.Grant(
                    scope.Caller, scope.Now, name, person, ResourceNames.IdOf(personOrganisation, ResourceNames.OrganisationsCollection), instrument,
                    instrument is null ? (EquipmentKind)grant.EquipmentKind : null, expiry),
                current));
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override Task<V1.Qualification> RevokeQualification(V1.RevokeQualificationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, QualificationsCollection, "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.DecideExistingAsync(name, (Qualification current) => QualificationDecider.Decide(
                new QualificationDecider.Revoke(scope.Caller, scope.Now, reason), current), request.Etag);
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override async Task<V1.ListQualificationsResponse> ListQualifications(V1.ListQualificationsRequest request, ServerCallContext context)
    {
        var granting = request.GrantingOrganisation == "" ? null : ResourceNames.ParseOrganisation(request.GrantingOrganisation, "granting_organisation");
        var person = request.Person.Trim();
        var now = clock.GetUtcNow();

        IQueryable<Qualification> qualifications = query.Query<Qualification>();
        if (person != "")
        {
            qualifications = qualifications.Where(x => x.Person == person);
        }

        if (granting is not null)
        {
            qualifications = qualifications.Where(x => x.GrantingOrganisation == granting);
        }

        if (!request.IncludeInactive)
        {
            qualifications = qualifications.Where(x => !x.Revoked && (x.ExpireTime == null || x.ExpireTime > now));
        }

        var page = await Paging.PageAsync(
            qualifications, Keyset.ByName<Qualification>(x => x.Id),
            new PageRequest(request.PageSize, request.PageToken, QualificationsCollection, PageRequest.FilterOf(person, granting, request.IncludeInactive)),
            context.CancellationToken);
        var response = new V1.ListQualificationsResponse { NextPageToken = page.NextPageToken };
        response.Qualifications.Add(page.Items.Select(q => q.ToApi()));
        return response;
    }

    private Task<V1.Equipment> DecideAsync(
        Google.Protobuf.IMessage request, string requestId, string name, string etag, Func<WriteScope, EquipmentDecider.Command> command,
        ServerCallContext context) =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync(name, (Instrument current) => EquipmentDecider.Decide(command(scope), current), etag);
            return state.ToApi();
        }, context.CancellationToken);
}
