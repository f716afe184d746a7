using Biobank.Domain.Failures;

namespace Biobank.Domain.Access;

/// <summary>Who is calling: the person or system (<c>sub</c>), the organisation it acts for, and its roles.</summary>
public sealed record Caller(string Subject, string Organisation, IReadOnlySet<string> Roles)
{
    public bool Has(string role) => Roles.Contains(role);

    /// <summary>Fails with PERMISSION_DENIED unless the caller holds at least one of <paramref name="roles"/>.</summary>
    public void RequireAnyRole(params string[] roles)
    {
        if (!roles.Any(Roles.Contains))
        {
            throw new PermissionDeniedException(
                ErrorReasons.RoleRequired,
                $"This requires one of the roles: {string.Join(", ", roles)}.",
                ("required_roles", string.Join(",", roles)));
        }
    }

    /// <summary>Fails with PERMISSION_DENIED unless the caller acts for <paramref name="owner"/>.</summary>
    public void RequireOrganisation(string owner)
    {
        if (!string.Equals(Organisation, owner, StringComparison.Ordinal))
        {
            throw new PermissionDeniedException(
                ErrorReasons.OrganisationMismatch,
                $"Only organisation '{owner}' may do this.",
                ("caller_organisation", Organisation), ("owner_organisation", owner));
        }
    }
}
