using System.Globalization;
using Biobank.Domain.Access;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Server.Api;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Reservations;

public sealed partial class ReservationService
{
    public override async Task WatchReservations(
        V1.WatchReservationsRequest request, IServerStreamWriter<V1.ReservationChange> responseStream, ServerCallContext context)
    {
        var caller = Caller;
        var (subject, resumeAfter) = ReadWatch(request);
        if (subject.Organisation is { } organisation && !caller.Has(Role.Auditor) && !caller.Has(Role.Admin))
        {
            caller.RequireOrganisation(organisation);
        }

        if (subject.EquipmentId is { } equipment
            && await query.LoadAsync<Instrument>(equipment, context.CancellationToken) is null)
        {
            throw new ResourceNotFoundException(equipment);
        }

        var after = resumeAfter ?? await feed.EndAsync(context.CancellationToken);
        await foreach (var change in feed.WatchAsync(subject, after, context.CancellationToken))
        {
            await responseStream.WriteAsync(new V1.ReservationChange
            {
                Position = change.Position.ToString(CultureInfo.InvariantCulture),
                Change = change.Name,
                Reservation = change.Reservation.ToApi(caller),
                ChangeTime = Timestamp.FromDateTimeOffset(change.Time),
            }, context.CancellationToken);
        }
    }

    /// <summary>What to watch, and the position to resume after (null: from now on).</summary>
    private static (ReservationChangeFeed.Subject Subject, long? ResumeAfter) ReadWatch(V1.WatchReservationsRequest request)
    {
        var checks = new RequestChecks();
        if ((request.Equipment == "") == (request.Organisation == ""))
        {
            checks.Add("equipment", "exactly one of equipment and organisation is required");
            checks.Add("organisation", "exactly one of equipment and organisation is required");
        }

        var equipment = request.Equipment == "" ? null : checks.Name(request.Equipment, "equipment", "equipment");
        var organisation = request.Organisation == "" ? null : checks.Name(request.Organisation, ResourceNames.OrganisationsCollection, "organisation");
        long? resumeAfter = null;
        if (request.ResumeAfter != "")
        {
            if (long.TryParse(request.ResumeAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                resumeAfter = position;
            }
            else
            {
                checks.Add("resume_after", "must be the position of a change received from this stream");
            }
        }

        checks.ThrowIfAny();
        var organisationId = organisation is null ? null : ResourceNames.IdOf(organisation, ResourceNames.OrganisationsCollection);
        return (new ReservationChangeFeed.Subject(equipment, organisationId), resumeAfter);
    }
}
