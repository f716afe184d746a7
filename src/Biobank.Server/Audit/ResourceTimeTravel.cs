using Biobank.Domain;
using Biobank.Domain.Access;
using Biobank.Domain.Agreements;
using Biobank.Domain.Consents;
using Biobank.Domain.Equipment;
using Biobank.Domain.Failures;
using Biobank.Domain.Qualifications;
using Biobank.Domain.Reservations;
using Biobank.Domain.Samples;
using Biobank.Domain.Transfers;
using Biobank.Server.Agreements;
using Biobank.Server.Consents;
using Biobank.Server.Equipment;
using Biobank.Server.Reservations;
using Biobank.Server.Samples;
using Biobank.Server.Transfers;
using Google.Protobuf.WellKnownTypes;
using Marten;
using V1 = Biobank.V1;

namespace Biobank.Server.Audit;

/// <summary>
/// A resource as it was at a version or a time: its stream's events up to then, folded by the
/// domain's own <c>Evolve</c>, shown in the message its service returns, as its custodian saw it.
/// </summary>
public sealed class ResourceTimeTravel(IQuerySession query)
{
    /// <summary>How each kind of stream is folded and shown, by its collection.</summary>
    private static readonly Dictionary<V1.StreamKind, Func<ResourceTimeTravel, Request, CancellationToken, Task<V1.GetResourceAtResponse>>> Kinds = new()
    {
        [V1.StreamKind.Equipment] = (t, r, c) => t.FoldAsync<Instrument, EquipmentEvent>(r, cancellationToken: c, show: (i, _) => new() { Equipment = i.ToApi() }),
        [V1.StreamKind.Reservation] = (t, r, c) => t.FoldAsync<Reservation, ReservationEvent>(r, cancellationToken: c, show: (x, _) =>
            new() { Reservation = ReservationService.ToMessage(x, r.Viewer with { Organisation = x.Organisation }) }),
        [V1.StreamKind.Sample] = (t, r, c) => t.FoldAsync<Sample, SampleEvent>(r, cancellationToken: c, show: (s, at) =>
            new() { Sample = s.ToApi(r.Viewer with { Organisation = s.Organisation }, at) }),
        [V1.StreamKind.Consent] = (t, r, c) => t.FoldAsync<Consent, ConsentEvent>(r, cancellationToken: c, show: (c, _) => new() { Consent = c.ToApi() }),
        [V1.StreamKind.Transfer] = (t, r, c) => t.FoldAsync<Transfer, TransferEvent>(r, cancellationToken: c, show: (x, _) => new() { Transfer = x.ToApi(r.Viewer) }),
        [V1.StreamKind.Agreement] = (t, r, c) => t.FoldAsync<Agreement, AgreementEvent>(r, cancellationToken: c, show: (a, at) => new() { Agreement = a.ToApi(at) }),
        [V1.StreamKind.Qualification] = (t, r, c) => t.FoldAsync<Qualification, QualificationEvent>(r, cancellationToken: c, show: (q, _) => new() { Qualification = q.ToApi() }),
    };

    /// <summary>What is asked: a stream, and its version (0: the last) or a time (null: now), for a viewer.</summary>
    public sealed record Request(string Stream, long Version, DateTimeOffset? Time, Caller Viewer);

    /// <summary>Whether resources of the stream <paramref name="stream"/> can be shown as they were.</summary>
    public static bool Supports(string stream) => Kinds.ContainsKey(StreamKinds.KindOf(stream));

    public Task<V1.GetResourceAtResponse> GetAsync(Request request, CancellationToken cancellationToken) =>
        Kinds[StreamKinds.KindOf(request.Stream)](this, request, cancellationToken);

    private async Task<V1.GetResourceAtResponse> FoldAsync<TState, TEvent>(
        Request request, Func<TState, DateTimeOffset, V1.GetResourceAtResponse> show, CancellationToken cancellationToken)
        where TState : class, IEventFold<TState, TEvent>
        where TEvent : class
    {
        var events = await query.Events.FetchStreamAsync(request.Stream, request.Version, request.Time, token: cancellationToken);
        TState? state = null;
        foreach (var e in events)
        {
            state = e.Data is TEvent change ? TState.Evolve(state, change) : state;
        }

        if (state is null)
        {
            throw new ResourceNotFoundException(request.Stream);
        }

        var last = events[^1];
        var response = show(state, request.Time ?? last.Timestamp);
        response.Version = last.Version;
        response.RecordTime = Timestamp.FromDateTimeOffset(last.Timestamp);
        return response;
    }
}
