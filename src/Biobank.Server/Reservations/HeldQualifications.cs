using System.Linq.Expressions;
using Biobank.Domain.Qualifications;
using Marten.Linq;

namespace Biobank.Server.Reservations;

/// <summary>
/// The qualifications a person of an organisation holds (not revoked), as every booking reads them:
/// a compiled query, so its SQL is built once rather than from the expression on every booking.
/// </summary>
public sealed class HeldQualifications : ICompiledListQuery<Qualification>
{
    public string Person { get; set; } = "";

    public string Organisation { get; set; } = "";

    public Expression<Func<IMartenQueryable<Qualification>, IEnumerable<Qualification>>> QueryIs() =>
        qualifications => qualifications.Where(q => q.Person == Person && q.PersonOrganisation == Organisation && !q.Revoked);
}
