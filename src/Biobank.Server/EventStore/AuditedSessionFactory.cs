using Marten;

namespace Biobank.Server.EventStore;

/// <summary>
/// The one place where sessions are stamped with the audit envelope: every event appended through a
/// session opened here records the caller's subject as user name, the correlation and causation ids,
/// and headers with organisation, roles and request id. Slices add only the reason, in the event.
/// </summary>
public sealed class AuditedSessionFactory(IDocumentStore store, CallContext call) : ISessionFactory
{
    public const string OrganisationHeader = "organisation";
    public const string RolesHeader = "roles";
    public const string RequestIdHeader = "request_id";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        session.CorrelationId = call.CorrelationId;
        session.CausationId = call.RequestId;
        if (call.Caller is { } caller)
        {
            session.LastModifiedBy = caller.Subject;
            session.SetHeader(OrganisationHeader, caller.Organisation);
            session.SetHeader(RolesHeader, string.Join(' ', caller.Roles.Order(StringComparer.Ordinal)));
        }

        if (call.RequestId is { } requestId)
        {
            session.SetHeader(RequestIdHeader, requestId);
        }

        return session;
    }
}
