using Biobank.Domain.Access;
using Biobank.Domain.Failures;

namespace Biobank.Domain.StorageUnits;

/// <summary>Creating storage units, and who may.</summary>
public static class StorageUnitDecider
{
    /// <summary>
    /// Creates <paramref name="Id"/> at <paramref name="Site"/> (of <paramref name="SiteOrganisation"/>),
    /// inside <paramref name="Parent"/> when given; the handler has already checked the fields' form.
    /// </summary>
    public sealed record Create(
        Caller Caller, DateTimeOffset Now, string Id, string DisplayName, StorageUnitKind Kind, string Site, string SiteOrganisation,
        StorageUnit? Parent, int Rows, int Columns, TemperatureBand TemperatureBand);

    public static IReadOnlyList<object> Decide(Create c, StorageUnit? state)
    {
        c.Caller.RequireAnyRole(Role.BiobankManager, Role.Admin);
        c.Caller.RequireOrganisation(c.SiteOrganisation);
        if (state is not null)
        {
            throw new ResourceAlreadyExistsException(c.Id, $"Storage unit '{c.Id}' already exists.");
        }

        var band = c.TemperatureBand;
        if (c.Parent is { } parent)
        {
            c.Caller.RequireOrganisation(parent.Organisation);
            if (parent.Kind == StorageUnitKind.Box)
            {
                throw new InvalidRequestException("storage_unit.parent", "is a box; boxes hold samples, not units");
            }

            if (parent.Site != c.Site)
            {
                throw new InvalidRequestException("storage_unit.site", $"must be the parent's site '{parent.Site}'");
            }

            if (band != TemperatureBand.Unspecified && band != parent.TemperatureBand)
            {
                throw new InvalidRequestException("storage_unit.temperature_band", $"must be the parent's band {parent.TemperatureBand}");
            }

            band = parent.TemperatureBand;
        }

        IReadOnlyList<string> ancestors = c.Parent is null ? [] : [.. c.Parent.Ancestors, c.Parent.Id];
        return [new StorageUnitCreated(c.Id, c.DisplayName, c.Kind, c.SiteOrganisation, c.Site, c.Parent?.Id, ancestors, c.Rows, c.Columns, band, c.Now)];
    }
}
