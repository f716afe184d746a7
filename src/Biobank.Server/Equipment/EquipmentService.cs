using Biobank.Domain.Calendar;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Domain.Reservations;
using Biobank.Server.Api;
using Biobank.Server.Calendar;
using Biobank.Server.Partners;
using Biobank.Server.Storage;
using Grpc.Core;
using Marten;
using Microsoft.Extensions.Options;
using V1 = Biobank.V1;

namespace Biobank.Server.Equipment;

/// <summary>biobank.v1.EquipmentService: maps requests to instrument and qualification commands.</summary>
public sealed class EquipmentService(
    EventWriter writer, IQuerySession query, EquipmentCalendar calendar, IOptions<DirectoryOptions> directory, TimeProvider clock)
    : V1.EquipmentService.EquipmentServiceBase
{
    public override Task<V1.Equipment> RegisterEquipment(V1.RegisterEquipmentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.NewName(request.EquipmentId, "equipment", "equipment_id");
        var equipment = request.Equipment ?? new V1.Equipment();
        if (request.Equipment is null)
        {
            checks.Add("equipment", "is required");
        }

        var displayName = checks.Required(equipment.DisplayName, "equipment.display_name");
        var kind = checks.Enum(equipment.Kind, "equipment.kind");
        var siteName = checks.Name(equipment.Site, ResourceNames.SitesCollection, "equipment.site");
        var site = siteName == "" ? null : directory.Value.FindSite(ResourceNames.IdOf(siteName, ResourceNames.SitesCollection));
        if (siteName != "" && site is null)
        {
            checks.Add("equipment.site", "is not a site of the directory");
        }

        var rules = equipment.BookingRules.ToDomain();
        checks.Add(rules.Violations("equipment.booking_rules"));
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.DecideAsync<Instrument>(name, s => EquipmentDecider.Decide(
                new EquipmentDecider.Register(
                    scope.Caller, scope.Now, name, displayName, (EquipmentKind)kind, site!.Id, site.Organisation, site.TimeZone, rules),
                s));
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override async Task<V1.Equipment> GetEquipment(V1.GetEquipmentRequest request, ServerCallContext context) =>
        (await LoadAsync(request.Name, "name", context.CancellationToken)).ToApi();

    public override async Task<V1.ListEquipmentResponse> ListEquipment(V1.ListEquipmentRequest request, ServerCallContext context)
    {
        var organisation = request.Organisation == "" ? null : ResourceNames.ParseOrganisation(request.Organisation, "organisation");
        var site = request.Site == "" ? null : ResourceNames.ParseSite(request.Site, "site");
        var kind = (EquipmentKind)request.Kind;
        var status = (EquipmentStatus)request.Status;
        var text = request.Text.Trim();
        var size = Paging.PageSize(request.PageSize);
        var filter = string.Join('|', organisation, site, kind, status, text);
        var after = Paging.Decode(request.PageToken, "equipment", filter);

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

        if (after is not null)
        {
            instruments = instruments.Where(x => x.Id.CompareTo(after) > 0);
        }

        var page = await instruments.OrderBy(x => x.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new V1.ListEquipmentResponse();
        response.Equipment.Add(page.Take(size).Select(i => i.ToApi()));
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Encode("equipment", filter, page[size - 1].Id);
        }

        return response;
    }

    public override Task<V1.Equipment> UpdateBookingRules(V1.UpdateBookingRulesRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "equipment", "name");
        if (request.BookingRules is null)
        {
            checks.Add("booking_rules", "is required");
        }

        var rules = request.BookingRules.ToDomain();
        checks.Add(rules.Violations("booking_rules"));
        checks.ThrowIfAny();
        return DecideOnInstrument(request, request.RequestId, name, scope => new EquipmentDecider.UpdateRules(scope.Caller, scope.Now, rules), context, request.Etag);
    }

    public override Task<V1.ScheduleMaintenanceResponse> ScheduleMaintenance(V1.ScheduleMaintenanceRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "equipment", "name");
        var interval = checks.Interval(request.Interval, "interval");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            // Overlap counts the buffer after a booking, as it does when booking next to maintenance.
            var overlapping = (await calendar.OverlappingAsync(name, interval, scope.CancellationToken))
                .Where(e => e.Kind == CalendarEntryKind.Reservation)
                .Select(e => e.EntryId)
                .ToList();
            var cancelled = new List<string>();
            if (request.CancelOverlappingReservations)
            {
                foreach (var reservation in overlapping)
                {
                    var state = await scope.DecideAsync<Reservation>(reservation, s => s is not null && s.State.IsCancellable()
                        ? ReservationDecider.Decide(new ReservationDecider.Cancel(scope.Caller, scope.Now, $"Maintenance: {reason}"), s)
                        : []);
                    if (state.State == ReservationState.Cancelled)
                    {
                        cancelled.Add(reservation);
                    }
                }
            }

            // Exclusive once every overlapping booking is gone: the calendar then refuses any that
            // a concurrent booking slipped in, and this decision is taken again.
            var exclusive = request.CancelOverlappingReservations && cancelled.Count == overlapping.Count;
            var maintenanceId = Guid.CreateVersion7().ToString();
            var instrument = await scope.DecideExistingAsync<Instrument>(name, s => EquipmentDecider.Decide(
                new EquipmentDecider.ScheduleMaintenance(scope.Caller, scope.Now, maintenanceId, interval, reason, exclusive), s), request.Etag);
            var response = new V1.ScheduleMaintenanceResponse
            {
                Equipment = instrument.ToApi(),
                Maintenance = instrument.Maintenance.Single(m => m.MaintenanceId == maintenanceId).ToApi(),
                OverlappingReservationsCancelled = overlapping.Count > 0 && exclusive,
            };
            response.OverlappingReservations.Add(overlapping);
            return response;
        }, context.CancellationToken);
    }

    public override Task<V1.Equipment> CancelMaintenance(V1.CancelMaintenanceRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "equipment", "name");
        var maintenanceId = checks.Required(request.MaintenanceId, "maintenance_id", 64);
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideOnInstrument(request, request.RequestId, name, scope => new EquipmentDecider.CancelMaintenance(scope.Caller, scope.Now, maintenanceId, reason), context, request.Etag);
    }

    public override Task<V1.Equipment> SetEquipmentStatus(V1.SetEquipmentStatusRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "equipment", "name");
        if (request.Status is not (V1.EquipmentStatus.InService or V1.EquipmentStatus.OutOfService))
        {
            checks.Add("status", "must be IN_SERVICE or OUT_OF_SERVICE (RetireEquipment retires)");
        }

        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideOnInstrument(request, request.RequestId, name, scope => new EquipmentDecider.SetStatus(scope.Caller, scope.Now, (EquipmentStatus)request.Status, reason), context, request.Etag);
    }

    public override Task<V1.Equipment> RetireEquipment(V1.RetireEquipmentRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "equipment", "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return DecideOnInstrument(request, request.RequestId, name, scope => new EquipmentDecider.Retire(scope.Caller, scope.Now, reason), context, request.Etag);
    }

    public override Task<V1.Qualification> GrantQualification(V1.GrantQualificationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var grant = request.Qualification ?? new V1.Qualification();
        var person = checks.Required(grant.Person, "qualification.person");
        var personOrganisation = grant.PersonOrganisation == "" ? "" : ResourceNames.ParseOrganisation(grant.PersonOrganisation, "qualification.person_organisation");
        if (personOrganisation == "")
        {
            checks.Add("qualification.person_organisation", "is required");
        }

        var equipment = grant.Equipment == "" ? null : checks.Name(grant.Equipment, "equipment", "qualification.equipment");
        if ((equipment is null) == (grant.EquipmentKind == V1.EquipmentKind.Unspecified))
        {
            checks.Add("qualification.equipment", "exactly one of equipment or equipment_kind is required");
        }

        var expiry = grant.ExpireTime is null ? (DateTimeOffset?)null : checks.Time(grant.ExpireTime, "qualification.expire_time");
        checks.ThrowIfAny();

        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var instrument = equipment is null ? null : await LoadAsync(equipment, "qualification.equipment", scope.CancellationToken);
            var name = $"qualifications/{Guid.CreateVersion7()}";
            var state = await scope.DecideAsync<Qualification>(name, s => QualificationDecider.Decide(
                new QualificationDecider.Grant(
                    scope.Caller, scope.Now, name, person, personOrganisation, instrument,
                    instrument is null ? (EquipmentKind)grant.EquipmentKind : null, expiry),
                s));
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override Task<V1.Qualification> RevokeQualification(V1.RevokeQualificationRequest request, ServerCallContext context)
    {
        var checks = new RequestChecks();
        var name = checks.Name(request.Name, "qualifications", "name");
        var reason = checks.Required(request.Reason, "reason", 500);
        checks.ThrowIfAny();
        return writer.ExecuteAsync(request, request.RequestId, async scope =>
        {
            var state = await scope.DecideExistingAsync<Qualification>(name, s => QualificationDecider.Decide(
                new QualificationDecider.Revoke(scope.Caller, scope.Now, reason), s), request.Etag);
            return state.ToApi();
        }, context.CancellationToken);
    }

    public override async Task<V1.ListQualificationsResponse> ListQualifications(V1.ListQualificationsRequest request, ServerCallContext context)
    {
        var granting = request.GrantingOrganisation == "" ? null : ResourceNames.ParseOrganisation(request.GrantingOrganisation, "granting_organisation");
        var person = request.Person.Trim();
        var size = Paging.PageSize(request.PageSize);
        var filter = string.Join('|', person, granting, request.IncludeInactive);
        var after = Paging.Decode(request.PageToken, "qualifications", filter);
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

        if (after is not null)
        {
            qualifications = qualifications.Where(x => x.Id.CompareTo(after) > 0);
        }

        var page = await qualifications.OrderBy(x => x.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new V1.ListQualificationsResponse();
        response.Qualifications.Add(page.Take(size).Select(q => q.ToApi()));
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Encode("qualifications", filter, page[size - 1].Id);
        }

        return response;
    }

    private Task<V1.Equipment> DecideOnInstrument(
        Google.Protobuf.IMessage request, string requestId, string name, Func<WriteScope, EquipmentDecider.Command> command,
        ServerCallContext context, string etag = "") =>
        writer.ExecuteAsync(request, requestId, async scope =>
        {
            var state = await scope.DecideExistingAsync<Instrument>(
                name, s => EquipmentDecider.Decide(command(scope), s), etag);
            return state.ToApi();
        }, context.CancellationToken);

    private async Task<Instrument> LoadAsync(string name, string field, CancellationToken cancellationToken)
    {
        ResourceNames.ParseId(name, "equipment", field);
        return await query.LoadAsync<Instrument>(name, cancellationToken) ?? throw new ResourceNotFoundException(name);
    }
}
